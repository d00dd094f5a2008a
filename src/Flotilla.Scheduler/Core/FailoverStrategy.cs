using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Framework;

namespace Flotilla.Scheduler.Core;

/// <summary>
/// Seed extension <c>placement.schedulerStrategy.type: Failover</c>: all replicas run in one cluster — the first
/// healthy one in the affinity's clusterNames order (other feasible clusters follow by name). Healthy means it passed
/// the filters and has no untolerated NoSchedule/NoExecute taint (such as cluster.karmada.io/not-ready or
/// unreachable), even when it is the current cluster. The current cluster is kept while it is healthy, so replicas
/// do not move back when an earlier cluster recovers.
/// </summary>
public static class FailoverStrategy
{
    public readonly record struct FailoverPick(ClusterInfo? Cluster, IReadOnlyList<FilterFailure> Unhealthy);

    public static FailoverPick Pick(IReadOnlyList<ClusterInfo> feasible, ResourceBindingSpec spec, Placement placement, ClusterAffinity? affinity)
    {
        var unhealthy = new List<FilterFailure>();
        var healthy = new List<ClusterInfo>();
        foreach (var c in feasible)
        {
            var taint = ClusterMatcher.FindUntoleratedTaint(c.Spec, placement.ClusterTolerations);
            if (taint is null) healthy.Add(c);
            else unhealthy.Add(new FilterFailure(c.Name, SchedulerStrategyTypes.Failover,
                PluginResult.Unschedulable($"cluster(s) had untolerated taint {{{taint}}}")));
        }
        if (healthy.Count == 0) return new FailoverPick(null, unhealthy);

        // stay put while the current cluster is healthy
        if (spec.Clusters is not null)
            foreach (var t in spec.Clusters)
                foreach (var c in healthy)
                    if (c.Name == t.Name) return new FailoverPick(c, unhealthy);

        if (affinity?.ClusterNames is { Count: > 0 } order)
            foreach (var name in order)
                foreach (var c in healthy)
                    if (c.Name == name) return new FailoverPick(c, unhealthy);

        var byName = healthy.ToList();
        byName.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new FailoverPick(byName[0], unhealthy);
    }
}
