namespace Flotilla.Scheduler.Framework.Plugins.TaintToleration;

/// <summary>
/// Filter: reject clusters with a NoSchedule or NoExecute taint that placement.clusterTolerations do not tolerate.
/// Clusters already in spec.clusters pass whatever their taints (Karmada: the taint manager evicts them, if enabled).
/// </summary>
public sealed class TaintTolerationPlugin : IFilterPlugin
{
    public const string PluginName = "TaintToleration";

    public string Name => PluginName;

    public PluginResult Filter(in FilterContext ctx, ClusterInfo cluster)
    {
        if (ctx.Spec.TargetContains(cluster.Name)) return PluginResult.Success;
        var taint = ClusterMatcher.FindUntoleratedTaint(cluster.Spec, ctx.Placement.ClusterTolerations);
        return taint is null
            ? PluginResult.Success
            : PluginResult.Unschedulable($"cluster(s) had untolerated taint {{{taint}}}");
    }
}
