namespace Flotilla.Controllers.Interpreter;

/// <summary>What the binding controller knows when it turns an overridden template into a Work for one cluster.</summary>
public sealed record WorkManifestContext
{
    /// <summary>Name of the ResourceBinding / ClusterResourceBinding.</summary>
    public required string BindingName { get; init; }

    /// <summary>Namespace of the ResourceBinding; null or empty for a ClusterResourceBinding.</summary>
    public string? BindingNamespace { get; init; }

    /// <summary>The binding's (cluster)resourcebinding.karmada.io/permanent-id label value.</summary>
    public string? BindingPermanentId { get; init; }

    /// <summary>Target member cluster.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The existing Work's work.karmada.io/permanent-id label, when the Work already exists.</summary>
    public string? WorkPermanentId { get; init; }

    /// <summary>binding.spec.conflictResolution: "Overwrite" or "Abort" (null ⇒ Abort).</summary>
    public string? ConflictResolution { get; init; }

    /// <summary>Annotation values from <c>OverrideResult</c> (null ⇒ not set).</summary>
    public string? AppliedOverrides { get; init; }

    public string? AppliedClusterOverrides { get; init; }

    public bool IsClusterScopedBinding => string.IsNullOrEmpty(BindingNamespace);
}
