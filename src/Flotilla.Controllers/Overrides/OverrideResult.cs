using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Overrides;

/// <summary>
/// The outcome of applying override policies for one cluster: the overridden manifest (a new object; the template is
/// never modified) and the applied overrides, or an <see cref="OverrideError"/>.
/// </summary>
public sealed record OverrideResult
{
    public JsonObject? Manifest { get; init; }
    public AppliedOverrides AppliedClusterOverrides { get; init; } = new();
    public AppliedOverrides AppliedOverrides { get; init; } = new();
    public OverrideError? Error { get; init; }

    [MemberNotNullWhen(true, nameof(Manifest))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>Value for policy.karmada.io/applied-cluster-overrides (null ⇒ do not set).</summary>
    public string? AppliedClusterOverridesAnnotation => AppliedClusterOverrides.ToAnnotationValue();

    /// <summary>Value for policy.karmada.io/applied-overrides (null ⇒ do not set).</summary>
    public string? AppliedOverridesAnnotation => AppliedOverrides.ToAnnotationValue();
}
