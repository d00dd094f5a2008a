using Flotilla.Scheduler.Framework;

namespace Flotilla.Scheduler.Core;

/// <summary>A feasible cluster with its score and capacity (Karmada's spreadconstraint.ClusterDetailInfo).</summary>
public sealed record ClusterDetailInfo
{
    public required ClusterInfo Cluster { get; init; }
    public string Name => Cluster.Name;
    public long Score { get; init; }
    /// <summary>Replicas the estimators say still fit (excludes the current assignment).</summary>
    public long AllocatableReplicas { get; init; }
    /// <summary><see cref="AllocatableReplicas"/> plus the replicas currently assigned to the cluster.</summary>
    public long AvailableReplicas { get; init; }

    /// <summary>Candidate order: score desc, available replicas desc, name asc.</summary>
    public static int CompareCandidates(ClusterDetailInfo a, ClusterDetailInfo b)
    {
        if (a.Score != b.Score) return b.Score.CompareTo(a.Score);
        if (a.AvailableReplicas != b.AvailableReplicas) return b.AvailableReplicas.CompareTo(a.AvailableReplicas);
        return string.CompareOrdinal(a.Name, b.Name);
    }
}
