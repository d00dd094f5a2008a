using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Framework;

namespace Flotilla.Scheduler.Estimation;

/// <summary>
/// Karmada's calAvailableReplicas: per cluster, the minimum over estimators (unauthentic answers ignored), starting
/// from int.MaxValue; a value still at int.MaxValue becomes spec.replicas. Non-workloads (replicas 0) are not
/// estimated and keep int.MaxValue.
/// </summary>
public sealed class AvailableReplicasCalculator
{
    private readonly IReplicaEstimator[] _estimators;

    public AvailableReplicasCalculator(IEnumerable<IReplicaEstimator> estimators) => _estimators = [.. estimators];

    public static AvailableReplicasCalculator Default { get; } = new([new GeneralEstimator()]);

    public IReadOnlyList<IReplicaEstimator> Estimators => _estimators;

    public int[] Calculate(IReadOnlyList<ClusterInfo> clusters, ResourceBindingSpec spec)
    {
        var result = new int[clusters.Count];
        Array.Fill(result, int.MaxValue);
        if (spec.Replicas == 0) return result;
        foreach (var estimator in _estimators)
        {
            for (var i = 0; i < clusters.Count; i++)
            {
                var r = estimator.MaxAvailableReplicas(clusters[i].Cluster, spec.ReplicaRequirements);
                if (r == IReplicaEstimator.UnauthenticReplica) continue;
                if (r < result[i]) result[i] = r;
            }
        }
        for (var i = 0; i < result.Length; i++)
            if (result[i] == int.MaxValue) result[i] = spec.Replicas;
        return result;
    }
}
