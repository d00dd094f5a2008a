using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Framework;

/// <summary>Karmada's util.ClusterMatches and taint helpers, shared by plugins and replica assignment.</summary>
public static class ClusterMatcher
{
    /// <summary>ClusterAffinity match (Karmada's util.ClusterMatches, shared with override rules): see
    /// <see cref="ClusterAffinityMatching"/>.</summary>
    public static bool Matches(ClusterInfo cluster, ClusterAffinity affinity) =>
        ClusterAffinityMatching.Matches(affinity, cluster.Name, cluster.Labels, cluster.Spec.Provider, cluster.Spec.Region, cluster.Spec.Zones);

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
