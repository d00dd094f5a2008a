namespace Flotilla.Core.Karmada;

/// <summary>spec.failover of policies and bindings.</summary>
public sealed record FailoverBehavior
{
    public ApplicationFailoverBehavior? Application { get; init; }
    public ClusterFailoverBehavior? Cluster { get; init; }
}

public sealed record ApplicationFailoverBehavior
{
    public DecisionConditions? DecisionConditions { get; init; }
    /// <summary>Directly | Gracefully | Never (older: Immediately | Graciously).</summary>
    public string? PurgeMode { get; init; }
    public int? GracePeriodSeconds { get; init; }
    public StatePreservation? StatePreservation { get; init; }
}

public sealed record DecisionConditions
{
    public int? TolerationSeconds { get; init; }
}

public sealed record ClusterFailoverBehavior
{
    public string? PurgeMode { get; init; }
    public StatePreservation? StatePreservation { get; init; }
}

public sealed record StatePreservation
{
    public List<StatePreservationRule>? Rules { get; init; }
}

public sealed record StatePreservationRule
{
    public required string AliasLabelName { get; init; }
    public required string JsonPath { get; init; }
}
