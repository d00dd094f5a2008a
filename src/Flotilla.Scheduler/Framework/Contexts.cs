using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Framework;

/// <summary>
/// What a filter sees: the binding spec and status (as a copy where the scheduler set the affinity term being tried)
/// and the affinity term of this scheduling attempt.
/// </summary>
public readonly struct FilterContext
{
    public FilterContext(ResourceBindingSpec spec, ResourceBindingStatus? status, ClusterAffinity? affinityTerm)
    {
        Spec = spec;
        Status = status;
        AffinityTerm = affinityTerm;
        Placement = spec.Placement ?? EmptyPlacement;
    }

    public ResourceBindingSpec Spec { get; }
    public ResourceBindingStatus? Status { get; }
    /// <summary>placement.clusterAffinity, or the clusterAffinities term being tried (null: no affinity).</summary>
    public ClusterAffinity? AffinityTerm { get; }
    /// <summary>spec.placement, never null.</summary>
    public Placement Placement { get; }

    internal static readonly Placement EmptyPlacement = new();
}

/// <summary>What a score plugin sees.</summary>
public readonly struct ScoreContext
{
    public ScoreContext(ResourceBindingSpec spec, ResourceBindingStatus? status)
    {
        Spec = spec;
        Status = status;
    }

    public ResourceBindingSpec Spec { get; }
    public ResourceBindingStatus? Status { get; }
}
