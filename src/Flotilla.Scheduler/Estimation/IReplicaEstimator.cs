using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Estimation;

/// <summary>
/// Estimates how many more replicas with the given per-replica requirements a cluster can take. The scheduler takes
/// the minimum over all estimators; an estimator that cannot tell returns <see cref="UnauthenticReplica"/>.
/// An accurate (per-node) estimator can be added later behind this interface.
/// </summary>
public interface IReplicaEstimator
{
    /// <summary>Karmada's sentinel for "no trustworthy answer": ignored by the minimum.</summary>
    public const int UnauthenticReplica = -1;

    string Name { get; }

    int MaxAvailableReplicas(Cluster cluster, ReplicaRequirements? requirements);
}
