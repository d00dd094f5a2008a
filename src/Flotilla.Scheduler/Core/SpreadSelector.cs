using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Core;

/// <summary>
/// Cluster selection with spread constraints (Karmada's spreadconstraint package). Only the cluster and region
/// constraints drive selection; zone and provider only filter (SpreadConstraint plugin).
/// </summary>
public static class SpreadSelector
{
    public const long WeightUnit = 1000;
    private const long InvalidReplicas = -1;

    /// <summary>A region with its clusters (in candidate order), score and capacity.</summary>
    public sealed record RegionInfo(string Name, IReadOnlyList<ClusterDetailInfo> Clusters, long Score, long AvailableReplicas);

    /// <summary>The outcome of selection: the chosen clusters, or an error message.</summary>
    public readonly record struct Selection(IReadOnlyList<ClusterDetailInfo>? Clusters, string? Error);

    /// <summary>Spread constraints are ignored for static weighting (Divided + Weighted with a non-empty static
    /// weight list and no dynamic weight).</summary>
    public static bool ShouldIgnoreSpreadConstraint(Placement placement)
    {
        var s = placement.ReplicaScheduling;
        return s is not null
            && placement.ReplicaSchedulingType() == ReplicaSchedulingTypes.Divided
            && s.ReplicaDivisionPreference == ReplicaDivisionPreferences.Weighted
            && s.WeightPreference is { StaticWeightList.Count: > 0 } wp
            && string.IsNullOrEmpty(wp.DynamicWeight);
    }

    /// <summary>Duplicated placements ignore capacity when selecting.</summary>
    public static bool ShouldIgnoreAvailableResource(Placement placement) =>
        placement.ReplicaSchedulingType() == ReplicaSchedulingTypes.Duplicated;

    /// <summary>SelectBestClusters: <paramref name="candidates"/> must be in candidate order.</summary>
    public static Selection Select(Placement placement, IReadOnlyList<ClusterDetailInfo> candidates, int replicas)
    {
        if (placement.SpreadConstraints is not { Count: > 0 } constraints || ShouldIgnoreSpreadConstraint(placement))
            return new Selection(candidates, null);

        long needReplicas = ShouldIgnoreAvailableResource(placement) ? InvalidReplicas : replicas;
        SpreadConstraint? region = null, cluster = null;
        foreach (var c in constraints)
        {
            if (c.SpreadByField == SpreadByFields.Region) region = c;
            else if (c.SpreadByField == SpreadByFields.Cluster) cluster = c;
        }
        if (region is not null) return ByRegion(region, cluster, candidates, placement, replicas);
        if (cluster is not null) return ByCluster(cluster, candidates, needReplicas);
        return new Selection(null, "just support cluster and region spread constraint");
    }

    /// <summary>Cluster-only spreading: top maxGroups candidates, swapped for bigger ones while capacity is short.</summary>
    public static Selection ByCluster(SpreadConstraint constraint, IReadOnlyList<ClusterDetailInfo> candidates, long needReplicas)
    {
        var total = candidates.Count;
        if (constraint.MinGroups > total)
            return new Selection(null, "the number of feasible clusters is less than spreadConstraint.MinGroups");
        var needCnt = Math.Min(constraint.MaxGroups, total);
        if (needReplicas == InvalidReplicas) return new Selection(candidates.Take(needCnt).ToList(), null);

        var selected = candidates.Take(needCnt).ToList();
        var rest = candidates.Skip(needCnt).ToList();
        var updateIndex = selected.Count - 1;
        while (!Enough(selected, needReplicas) && updateIndex >= 0 && rest.Count > 0)
        {
            var (best, bestIndex) = MaxAvailable(rest, selected[updateIndex].AvailableReplicas);
            if (bestIndex < 0)
            {
                updateIndex--;
                continue;
            }
            selected[updateIndex] = best!;
            rest.RemoveAt(bestIndex);
            updateIndex--;
        }
        return Enough(selected, needReplicas)
            ? new Selection(selected, null)
            : new Selection(null, $"no enough resource when selecting {needCnt} clusters");
    }

    private static bool Enough(List<ClusterDetailInfo> clusters, long needReplicas)
    {
        if (clusters.Count == 0) return false;
        long sum = 0;
        foreach (var c in clusters) sum += c.AvailableReplicas;
        return sum >= needReplicas;
    }

    private static (ClusterDetailInfo? Cluster, int Index) MaxAvailable(List<ClusterDetailInfo> rest, long origin)
    {
        var max = origin;
        var index = -1;
        for (var i = 0; i < rest.Count; i++)
        {
            if (rest[i].AvailableReplicas > max)
            {
                max = rest[i].AvailableReplicas;
                index = i;
            }
        }
        return index < 0 ? (null, -1) : (rest[index], index);
    }

    /// <summary>Groups candidates by region and scores each region (weight unit 1000).</summary>
    public static List<RegionInfo> GroupByRegion(IReadOnlyList<ClusterDetailInfo> candidates, Placement placement, int replicas,
        SpreadConstraint regionConstraint, SpreadConstraint? clusterConstraint)
    {
        var groups = new Dictionary<string, List<ClusterDetailInfo>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var c in candidates)
        {
            var r = c.Cluster.Spec.Region ?? "";
            if (r.Length == 0) continue;
            if (!groups.TryGetValue(r, out var list))
            {
                groups[r] = list = [];
                order.Add(r);
            }
            list.Add(c);
        }
        var duplicated = placement.ReplicaSchedulingType() == ReplicaSchedulingTypes.Duplicated;
        var regions = new List<RegionInfo>(order.Count);
        foreach (var name in order)
        {
            var clusters = groups[name];
            long avail = 0;
            foreach (var c in clusters) avail += c.AvailableReplicas;
            var score = duplicated
                ? RegionScoreDuplicated(clusters, replicas)
                : RegionScoreDivided(clusters, replicas, regionConstraint.MinGroups, clusterConstraint?.MinGroups ?? 0);
            regions.Add(new RegionInfo(name, clusters, score, avail));
        }
        return regions;
    }

    internal static long RegionScoreDivided(List<ClusterDetailInfo> clusters, int replicas, int regionMinGroups, int clusterMinGroups)
    {
        var minGroups = Math.Max(1, regionMinGroups);
        var target = (long)Math.Ceiling((double)replicas / minGroups);
        var k = Math.Max(clusterMinGroups, regionMinGroups);
        long sumAvail = 0, sumScore = 0;
        var walked = 0;
        foreach (var c in clusters)
        {
            sumAvail += c.AvailableReplicas;
            sumScore += c.Score;
            walked++;
            if (walked >= k && sumAvail >= target) break;
        }
        if (sumAvail < target)
        {
            sumScore = 0;
            foreach (var c in clusters) sumScore += c.Score;
            return sumAvail * WeightUnit + sumScore / clusters.Count;
        }
        return target * WeightUnit + sumScore / walked;
    }

    internal static long RegionScoreDuplicated(List<ClusterDetailInfo> clusters, int replicas)
    {
        long valid = 0, sumScore = 0;
        foreach (var c in clusters)
        {
            if (c.AvailableReplicas >= replicas)
            {
                valid++;
                sumScore += c.Score;
            }
        }
        var validScore = valid > 0 ? sumScore / valid : 0;
        return valid * WeightUnit + validScore;
    }

    /// <summary>Region (+ cluster) spreading.</summary>
    public static Selection ByRegion(SpreadConstraint region, SpreadConstraint? cluster, IReadOnlyList<ClusterDetailInfo> candidates,
        Placement placement, int replicas)
    {
        var regions = GroupByRegion(candidates, placement, replicas, region, cluster);
        if (regions.Count < region.MinGroups)
            return new Selection(null, "the number of feasible region is less than spreadConstraint.MinGroups");
        var chosen = SelectRegions(regions, region.MinGroups, region.MaxGroups, cluster?.MinGroups ?? 0);
        if (chosen.Count == 0)
            return new Selection(null, "the number of clusters is less than the cluster spreadConstraint.MinGroups");

        var result = new List<ClusterDetailInfo>();
        var rest = new List<ClusterDetailInfo>();
        foreach (var r in chosen)
        {
            result.Add(r.Clusters[0]);
            for (var i = 1; i < r.Clusters.Count; i++) rest.Add(r.Clusters[i]);
        }
        var needCnt = Math.Min(rest.Count + result.Count, cluster?.MaxGroups ?? 0);
        var restCnt = needCnt - result.Count;
        if (restCnt > 0)
        {
            rest.Sort(ClusterDetailInfo.CompareCandidates);
            for (var i = 0; i < restCnt; i++) result.Add(rest[i]);
        }
        return new Selection(result, null);
    }

    /// <summary>
    /// Region choice: DFS over regions sorted by (#clusters asc, score desc, name asc) collecting paths of
    /// minGroups..maxGroups regions whose clusters number at least <paramref name="clusterMinGroups"/>; the best
    /// path has the highest total score, then the most clusters, then comes first in DFS order; a shorter feasible
    /// path that is a prefix of the best one is preferred.
    /// </summary>
    public static List<RegionInfo> SelectRegions(List<RegionInfo> regions, int minGroups, int maxGroups, int clusterMinGroups)
    {
        var sorted = regions.ToList();
        sorted.Sort(static (a, b) =>
        {
            if (a.Clusters.Count != b.Clusters.Count) return a.Clusters.Count.CompareTo(b.Clusters.Count);
            if (a.Score != b.Score) return b.Score.CompareTo(a.Score);
            return string.CompareOrdinal(a.Name, b.Name);
        });

        var feasible = new List<int[]>();
        var path = new List<int>();
        Dfs(0);

        if (feasible.Count == 0) return [];
        int[]? best = null;
        long bestScore = 0, bestClusters = 0;
        foreach (var p in feasible)
        {
            long score = 0, clusters = 0;
            foreach (var i in p)
            {
                score += sorted[i].Score;
                clusters += sorted[i].Clusters.Count;
            }
            if (best is null || score > bestScore || (score == bestScore && clusters > bestClusters))
            {
                best = p;
                bestScore = score;
                bestClusters = clusters;
            }
        }
        foreach (var p in feasible)
        {
            if (p.Length < best!.Length && best.AsSpan(0, p.Length).SequenceEqual(p))
            {
                best = p;
                break;
            }
        }
        return best!.Select(i => sorted[i]).ToList();

        void Dfs(int start)
        {
            for (var i = start; i < sorted.Count; i++)
            {
                path.Add(i);
                if (path.Count >= minGroups && path.Count <= maxGroups)
                {
                    var clusters = 0;
                    foreach (var j in path) clusters += sorted[j].Clusters.Count;
                    if (clusters >= clusterMinGroups) feasible.Add([.. path]);
                }
                if (path.Count < maxGroups) Dfs(i + 1);
                path.RemoveAt(path.Count - 1);
            }
        }
    }
}
