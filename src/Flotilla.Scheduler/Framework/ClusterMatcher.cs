using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Framework;

/// <summary>Karmada's util.ClusterMatches and taint helpers, shared by plugins and replica assignment.</summary>
public static class ClusterMatcher
{
    /// <summary>
    /// ClusterAffinity match: exclude first, then labelSelector, fieldSelector (provider / region / zone) and
    /// clusterNames, all ANDed; an affinity with nothing set matches every cluster.
    /// </summary>
    public static bool Matches(ClusterInfo cluster, ClusterAffinity affinity)
    {
        if (affinity.ExcludeClusters is { } exclude && exclude.Contains(cluster.Name)) return false;
        if (affinity.LabelSelector is { } ls && !ls.Matches(cluster.Labels)) return false;
        if (affinity.FieldSelector?.MatchExpressions is { } exprs)
        {
            foreach (var e in exprs)
                if (!MatchesField(e, cluster.Spec)) return false;
        }
        if (affinity.ClusterNames is { Count: > 0 } names && !names.Contains(cluster.Name)) return false;
        return true;
    }

    private static bool MatchesField(NodeSelectorRequirement e, ClusterSpec spec)
    {
        if (e.Key == ClusterFieldKeys.Zone) return MatchesZones(e, spec.Zones);
        var value = e.Key switch
        {
            ClusterFieldKeys.Provider => spec.Provider,
            ClusterFieldKeys.Region => spec.Region,
            _ => null,
        };
        var has = !string.IsNullOrEmpty(value);
        return e.Operator switch
        {
            "In" => has && e.Values is not null && e.Values.Contains(value!),
            "NotIn" => !has || e.Values is null || !e.Values.Contains(value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            _ => false,
        };
    }

    /// <summary>zone: In = the cluster's zones overlap the values; NotIn = no overlap; Exists / DoesNotExist on the zones list.</summary>
    private static bool MatchesZones(NodeSelectorRequirement e, List<string>? zones)
    {
        var count = zones?.Count ?? 0;
        switch (e.Operator)
        {
            case "In":
                if (count == 0 || e.Values is null) return false;
                foreach (var z in zones!) if (e.Values.Contains(z)) return true;
                return false;
            case "NotIn":
                if (count == 0 || e.Values is null) return true;
                foreach (var z in zones!) if (e.Values.Contains(z)) return false;
                return true;
            case "Exists":
                return count > 0;
            case "DoesNotExist":
                return count == 0;
            default:
                return false;
        }
    }

    /// <summary>
    /// v1helper.FindMatchingUntoleratedTaint restricted to NoSchedule and NoExecute taints (PreferNoSchedule ignored).
    /// Returns the first taint not tolerated, or null.
    /// </summary>
    public static Taint? FindUntoleratedTaint(ClusterSpec spec, IReadOnlyList<Toleration>? tolerations)
    {
        if (spec.Taints is null) return null;
        foreach (var taint in spec.Taints)
        {
            if (taint.Effect is not (TaintEffects.NoSchedule or TaintEffects.NoExecute)) continue;
            if (!Toleration.AnyTolerates(tolerations, taint)) return taint;
        }
        return null;
    }

    /// <summary>helper.IsAPIEnabled: the cluster's status lists the kind under the exact group/version.</summary>
    public static bool IsApiEnabled(IReadOnlyList<ApiEnablement>? enablements, string apiVersion, string kind)
    {
        if (enablements is null) return false;
        foreach (var e in enablements)
        {
            if (e.GroupVersion != apiVersion || e.Resources is null) continue;
            foreach (var r in e.Resources) if (r.Kind == kind) return true;
        }
        return false;
    }
}
