namespace Flotilla.Scheduler.Framework.Plugins.ClusterEviction;

/// <summary>Filter: clusters the binding is being evicted from (spec.gracefulEvictionTasks) are rejected.</summary>
public sealed class ClusterEvictionPlugin : IFilterPlugin
{
    public const string PluginName = "ClusterEviction";
    public const string Reason = "cluster(s) is in the process of eviction";

    public string Name => PluginName;

    public PluginResult Filter(in FilterContext ctx, ClusterInfo cluster) =>
        ctx.Spec.ClusterInGracefulEvictionTasks(cluster.Name) ? PluginResult.Unschedulable(Reason) : PluginResult.Success;
}
