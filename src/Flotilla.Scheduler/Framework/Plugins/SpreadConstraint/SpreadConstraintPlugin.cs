using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Framework.Plugins.SpreadConstraint;

/// <summary>Filter: when spreading by provider / region / zone, clusters without that property are rejected.</summary>
public sealed class SpreadConstraintPlugin : IFilterPlugin
{
    public const string PluginName = "SpreadConstraint";

    public string Name => PluginName;

    public PluginResult Filter(in FilterContext ctx, ClusterInfo cluster)
    {
        if (ctx.Placement.SpreadConstraints is not { } constraints) return PluginResult.Success;
        foreach (var c in constraints)
        {
            switch (c.SpreadByField)
            {
                case SpreadByFields.Provider when string.IsNullOrEmpty(cluster.Spec.Provider):
                    return PluginResult.Unschedulable("cluster(s) did not have provider property");
                case SpreadByFields.Region when string.IsNullOrEmpty(cluster.Spec.Region):
                    return PluginResult.Unschedulable("cluster(s) did not have region property");
                case SpreadByFields.Zone when cluster.Spec.Zones is not { Count: > 0 }:
                    return PluginResult.Unschedulable("cluster(s) did not have zones property");
            }
        }
        return PluginResult.Success;
    }
}
