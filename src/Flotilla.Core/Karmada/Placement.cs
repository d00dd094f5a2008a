using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>
/// policy.karmada.io Placement, plus Flotilla's seed extensions <see cref="ClusterAntiAffinity"/> and
/// <see cref="SchedulerStrategy"/> (fields Karmada does not have; additive, never renamed).
/// </summary>
public sealed record Placement
{
    public ClusterAffinity? ClusterAffinity { get; init; }
    public List<ClusterAffinityTerm>? ClusterAffinities { get; init; }
    public List<Toleration>? ClusterTolerations { get; init; }
    public List<SpreadConstraint>? SpreadConstraints { get; init; }
    public ReplicaSchedulingStrategy? ReplicaScheduling { get; init; }
    public WorkloadAffinity? WorkloadAffinity { get; init; }

    /// <summary>Seed extension: clusters never to schedule to (same effect as clusterAffinity.exclude).</summary>
    public ClusterAntiAffinity? ClusterAntiAffinity { get; init; }
    /// <summary>Seed extension: Failover (first healthy cluster in list order) or RollingUpdate.</summary>
    public SchedulerStrategy? SchedulerStrategy { get; init; }

    /// <summary>Karmada's Placement.ReplicaSchedulingType(): nil strategy ⇒ Duplicated; empty type ⇒ Divided
    /// (the CRD default when the struct is present).</summary>
    public string ReplicaSchedulingType() =>
        ReplicaScheduling is null ? ReplicaSchedulingTypes.Duplicated
        : string.IsNullOrEmpty(ReplicaScheduling.ReplicaSchedulingType) ? ReplicaSchedulingTypes.Divided
        : ReplicaScheduling.ReplicaSchedulingType;
}

/// <summary>ClusterAffinity: label selector, field selector, names and exclusions, all ANDed.</summary>
public record ClusterAffinity
{
    public KubeLabelSelector? LabelSelector { get; init; }
    public ClusterFieldSelector? FieldSelector { get; init; }
    public List<string>? ClusterNames { get; init; }
    [JsonPropertyName("exclude")]
    public List<string>? ExcludeClusters { get; init; }
}

/// <summary>One ordered group of placement.clusterAffinities: an inline ClusterAffinity with a name.</summary>
public sealed record ClusterAffinityTerm : ClusterAffinity
{
    public required string AffinityName { get; init; }
    /// <summary>v1.18+: tiers expanded in order when the primary group lacks capacity (kept for round-trip;
    /// not used by Flotilla's scheduler yet).</summary>
    public List<ClusterAffinityTerm>? OverflowAffinities { get; init; }
}

/// <summary>Karmada's FieldSelector: NodeSelectorRequirements over the keys provider, region and zone.</summary>
public sealed record ClusterFieldSelector
{
    public List<NodeSelectorRequirement>? MatchExpressions { get; init; }
}

public sealed record SpreadConstraint
{
    /// <summary>cluster | region | zone | provider (<see cref="SpreadByFields"/>).</summary>
    public string? SpreadByField { get; init; }
    public string? SpreadByLabel { get; init; }
    public int MaxGroups { get; init; }
    public int MinGroups { get; init; }
}

public sealed record ReplicaSchedulingStrategy
{
    /// <summary>Duplicated | Divided.</summary>
    public string? ReplicaSchedulingType { get; init; }
    /// <summary>Aggregated | Weighted.</summary>
    public string? ReplicaDivisionPreference { get; init; }
    public ClusterPreferences? WeightPreference { get; init; }
}

public sealed record ClusterPreferences
{
    public List<StaticClusterWeight>? StaticWeightList { get; init; }
    /// <summary>AvailableReplicas; overrides the static list when set.</summary>
    public string? DynamicWeight { get; init; }
}

public sealed record StaticClusterWeight
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ClusterAffinity TargetCluster { get; init; } = new();
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long Weight { get; init; }
}

public sealed record WorkloadAffinity
{
    public WorkloadAffinityTerm? Affinity { get; init; }
    public WorkloadAffinityTerm? AntiAffinity { get; init; }
}

public sealed record WorkloadAffinityTerm
{
    public string? GroupByLabelKey { get; init; }
}

/// <summary>Seed extension: placement.clusterAntiAffinity.</summary>
public sealed record ClusterAntiAffinity
{
    public List<string>? ClusterNames { get; init; }
}

/// <summary>Seed extension: placement.schedulerStrategy.</summary>
public sealed record SchedulerStrategy
{
    /// <summary>Failover | RollingUpdate (<see cref="SchedulerStrategyTypes"/>).</summary>
    public string? Type { get; init; }
    public RollingUpdateStrategy? RollingUpdate { get; init; }
}

public sealed record RollingUpdateStrategy
{
    /// <summary>How many clusters are updated at once.</summary>
    public IntOrString? MaxSurge { get; init; }
    public IntOrString? MaxUnavailable { get; init; }
}
