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
}
