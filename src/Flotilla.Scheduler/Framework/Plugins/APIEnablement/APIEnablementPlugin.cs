using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Framework.Plugins.APIEnablement;

/// <summary>
/// Filter: the cluster serves the template's group/version/kind (status.apiEnablements). A cluster already in
/// spec.clusters whose CompleteAPIEnablements condition is not True passes anyway, so an incomplete API list
/// never evicts a workload by accident.
/// </summary>
public sealed class APIEnablementPlugin : IFilterPlugin
{
    public const string PluginName = "APIEnablement";
    public const string Reason = "cluster(s) did not have the API resource";

    public string Name => PluginName;

    public PluginResult Filter(in FilterContext ctx, ClusterInfo cluster)
    {
        var resource = ctx.Spec.Resource;
        if (ClusterMatcher.IsApiEnabled(cluster.Status?.ApiEnablements, resource.ApiVersion, resource.Kind))
            return PluginResult.Success;
        if (ctx.Spec.TargetContains(cluster.Name) &&
            !Condition.IsTrue(cluster.Status?.Conditions, ClusterConditions.CompleteApiEnablements))
            return PluginResult.Success;
        return PluginResult.Unschedulable(Reason);
    }
}
