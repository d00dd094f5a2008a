using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Overrides;

/// <summary>An OverridePolicy (Namespace set) or ClusterOverridePolicy (Namespace null) as the engine sees it.</summary>
public sealed record OverridePolicyEntry(string Name, string? Namespace, OverridePolicySpec Spec)
{
    /// <summary>True for a ClusterOverridePolicy.</summary>
    public bool IsClusterScoped => string.IsNullOrEmpty(Namespace);

    /// <summary>Reads an OverridePolicy or ClusterOverridePolicy object.</summary>
    public static OverridePolicyEntry FromJson(JsonObject policy) =>
        new(policy.Name() ?? "", string.IsNullOrEmpty(policy.Namespace()) ? null : policy.Namespace(), OverridePolicySpec.FromJson(policy["spec"]));

    /// <summary>Like <see cref="FromJson"/>, but reports a malformed spec (e.g. a value of the wrong type) as an error.</summary>
    public static bool TryFromJson(JsonObject policy, [NotNullWhen(true)] out OverridePolicyEntry? entry, [NotNullWhen(false)] out string? error)
    {
        try
        {
            entry = FromJson(policy);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            entry = null;
            error = $"invalid spec of {policy.Kind() ?? "override policy"} {policy.Name()}: {ex.Message}";
            return false;
        }
    }
}
