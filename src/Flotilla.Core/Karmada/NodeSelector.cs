namespace Flotilla.Core.Karmada;

/// <summary>corev1.NodeSelector (nodeClaim.hardNodeAffinity).</summary>
public sealed record NodeSelector
{
    public List<NodeSelectorTerm>? NodeSelectorTerms { get; init; }
}

/// <summary>corev1.NodeSelectorTerm.</summary>
public sealed record NodeSelectorTerm
{
    public List<NodeSelectorRequirement>? MatchExpressions { get; init; }
    public List<NodeSelectorRequirement>? MatchFields { get; init; }
}

/// <summary>corev1.NodeSelectorRequirement (also Karmada's ClusterAffinity.fieldSelector.matchExpressions).</summary>
public sealed record NodeSelectorRequirement
{
    public required string Key { get; init; }
    /// <summary>In | NotIn | Exists | DoesNotExist | Gt | Lt.</summary>
    public required string Operator { get; init; }
    public List<string>? Values { get; init; }
}
