namespace Flotilla.Scheduler.Framework.Plugins.ClusterAffinity;

/// <summary>
/// Filter: the cluster matches the affinity of this attempt (placement.clusterAffinity or the clusterAffinities term
/// being tried); no affinity matches everything. Seed extension: clusters listed in placement.clusterAntiAffinity
/// are rejected like clusterAffinity.exclude. Score: always 0 (as Karmada).
/// </summary>
public sealed class ClusterAffinityPlugin : IFilterPlugin, IScorePlugin
{
    public const string PluginName = "ClusterAffinity";
    public const string Reason = "cluster(s) did not match the placement cluster affinity constraint";
    public const string AntiAffinityReason = "cluster(s) matched the placement cluster anti-affinity constraint";

    public string Name => PluginName;

    public IScoreNormalizer? Normalizer => null;

    public PluginResult Filter(in FilterContext ctx, ClusterInfo cluster)
    {
        if (ctx.Placement.ClusterAntiAffinity?.ClusterNames is { } anti && anti.Contains(cluster.Name))
            return PluginResult.Unschedulable(AntiAffinityReason);
        if (ctx.AffinityTerm is { } affinity && !ClusterMatcher.Matches(cluster, affinity))
            return PluginResult.Unschedulable(Reason);
        return PluginResult.Success;
    }

    public long Score(in ScoreContext ctx, ClusterInfo cluster) => ClusterScore.Min;
}
