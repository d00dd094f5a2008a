using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Framework;

namespace Flotilla.Scheduler.Core;

/// <summary>
/// Replica assignment over the selected clusters (Karmada's assignReplicas, KARMADA.md §3.1–§3.5): Duplicated,
/// StaticWeight, DynamicWeight and Aggregated (Steady, or Fresh after a triggered reschedule), built on
/// <see cref="Webster"/>. Pure: capacity comes from <see cref="ClusterDetailInfo.AllocatableReplicas"/>.
/// </summary>
public static class ReplicaAssigner
{
    public const string DuplicatedStrategy = "Duplicated";
    public const string AggregatedStrategy = "Aggregated";
    public const string StaticWeightStrategy = "StaticWeight";
    public const string DynamicWeightStrategy = "DynamicWeight";

    /// <summary>Result of an assignment: the target clusters, or an error (Unschedulable = capacity shortfall).</summary>
    public readonly record struct Assignment(List<TargetCluster>? Clusters, string? Error, bool Unschedulable)
    {
        public static Assignment Ok(List<TargetCluster> clusters) => new(clusters, null, false);
        public static Assignment Fail(string error) => new(null, error, false);
        public static Assignment NotEnough(string error) => new(null, error, true);
    }

    /// <summary>The strategy name for a placement (null when unsupported).</summary>
    public static string? StrategyType(Placement placement)
    {
        switch (placement.ReplicaSchedulingType())
        {
            case ReplicaSchedulingTypes.Duplicated:
                return DuplicatedStrategy;
            case ReplicaSchedulingTypes.Divided:
                var s = placement.ReplicaScheduling!;
                switch (s.ReplicaDivisionPreference)
                {
                    case ReplicaDivisionPreferences.Aggregated:
                        return AggregatedStrategy;
                    case ReplicaDivisionPreferences.Weighted or null or "":
                        return string.IsNullOrEmpty(s.WeightPreference?.DynamicWeight) ? StaticWeightStrategy : DynamicWeightStrategy;
                    default:
                        return null;
                }
            default:
                return null;
        }
    }

    /// <summary>Assigns replicas to <paramref name="clusters"/> (selection order).</summary>
    public static Assignment Assign(IReadOnlyList<ClusterDetailInfo> clusters, ResourceBindingSpec spec, ResourceBindingStatus? status)
    {
        if (clusters.Count == 0) return Assignment.Fail("no clusters available to schedule");
        var placement = spec.Placement ?? FilterContext.EmptyPlacement;

        if (spec.Replicas <= 0 || spec.Components is { Count: > 0 })
        {
            // Non-workloads (and multi-component workloads) go to every selected cluster without replicas.
            return Assignment.Ok(clusters.Select(c => new TargetCluster { Name = c.Name }).ToList());
        }

        var strategy = StrategyType(placement);
        var tie = Webster.TieBreakerFor(spec.Resource.Uid);
        Assignment result = strategy switch
        {
            DuplicatedStrategy => Assignment.Ok(clusters.Select(c => new TargetCluster { Name = c.Name, Replicas = spec.Replicas }).ToList()),
            StaticWeightStrategy => Assignment.Ok(ByStaticWeight(clusters, placement.ReplicaScheduling?.WeightPreference, spec.Replicas, tie)),
            AggregatedStrategy or DynamicWeightStrategy => ByDynamic(clusters, spec, status, strategy, tie),
            _ => Assignment.Fail(
                $"unsupported replica scheduling strategy, replicaSchedulingType: {placement.ReplicaSchedulingType()}, " +
                $"replicaDivisionPreference: {placement.ReplicaScheduling?.ReplicaDivisionPreference}, please try another scheduling strategy"),
        };
        if (result.Clusters is { } list) list.RemoveAll(static t => t.Replicas == 0);
        return result;
    }

    /// <summary>
    /// StaticWeight: a cluster's weight is the max weight of the rules whose targetCluster matches it; weight-0 clusters
    /// get nothing; if no cluster has weight &gt; 0 all weigh 1; nil weightPreference ⇒ all weigh 1. Webster without
    /// initial seats, so the result only depends on weights, replicas and the UID parity.
    /// </summary>
    public static List<TargetCluster> ByStaticWeight(IReadOnlyList<ClusterDetailInfo> clusters, ClusterPreferences? preference,
        int replicas, NameOrder tie)
    {
        var votes = new List<KeyValuePair<string, long>>(clusters.Count);
        if (preference?.StaticWeightList is { } rules)
        {
            foreach (var c in clusters)
            {
                long weight = 0;
                foreach (var rule in rules)
                    if (rule.Weight > weight && ClusterMatcher.Matches(c.Cluster, rule.TargetCluster)) weight = rule.Weight;
                if (weight > 0) votes.Add(new(c.Name, weight));
            }
        }
        if (votes.Count == 0)
            foreach (var c in clusters) votes.Add(new(c.Name, 1));
        return Webster.Allocate(replicas, votes, null, tie);
    }

    private static Assignment ByDynamic(IReadOnlyList<ClusterDetailInfo> candidates, ResourceBindingSpec spec,
        ResourceBindingStatus? status, string strategy, NameOrder tie)
    {
        // scheduled = previous result restricted to the current candidates
        var candidateNames = new HashSet<string>(candidates.Select(c => c.Name), StringComparer.Ordinal);
        var scheduled = new List<TargetCluster>();
        if (spec.Clusters is not null)
            foreach (var t in spec.Clusters)
                if (candidateNames.Contains(t.Name)) scheduled.Add(t);
        long assigned = scheduled.Sum(t => (long)t.Replicas);

        if (SchedulingInput.IsRescheduleRequired(spec, status))
        {
            // Fresh: divide everything again; capacity counts what each cluster already runs.
            var avail = candidates.Select(c => new TargetCluster
            {
                Name = c.Name,
                Replicas = (int)Math.Min(int.MaxValue, c.AllocatableReplicas + ReplicasOf(scheduled, c.Name)),
            }).ToList();
            var r = Divide(strategy, SortDesc(avail), spec.Replicas, [], tie);
            return r.Clusters is null ? Wrap("failed to do fresh scale", r) : r;
        }

        if (assigned > spec.Replicas)
        {
            // Scale down proportionally to the current assignment, no new clusters.
            var r = Divide(strategy, SortDesc(scheduled.ToList()), spec.Replicas, [], tie);
            return r.Clusters is null ? Wrap("failed to scale down", r) : r;
        }
        if (assigned < spec.Replicas)
        {
            // Scale up (first schedule included): only the extra replicas move, by current free capacity.
            var avail = candidates.Select(c => new TargetCluster
            {
                Name = c.Name,
                Replicas = (int)Math.Min(int.MaxValue, c.AllocatableReplicas),
            }).ToList();
            var r = Divide(strategy, SortDesc(avail), (int)(spec.Replicas - assigned), scheduled, tie);
            return r.Clusters is null ? Wrap("failed to scale up", r) : r;
        }
        return Assignment.Ok(scheduled.ToList());
    }

    private static Assignment Wrap(string prefix, Assignment inner) =>
        new(null, $"{prefix}: {inner.Error}", inner.Unschedulable);

    /// <summary>
    /// dynamicDivideReplicas: fails when the total capacity is below the target; Aggregated first moves clusters that
    /// already run replicas to the front, then keeps the shortest prefix covering the target; both then run Webster
    /// with capacity as votes for the target replicas and add the result to the current assignment.
    /// </summary>
    private static Assignment Divide(string strategy, List<TargetCluster> available, int target, List<TargetCluster> scheduled, NameOrder tie)
    {
        long total = available.Sum(a => (long)a.Replicas);
        if (total < target)
            return Assignment.NotEnough($"Clusters available replicas {total} are not enough to schedule.");

        if (strategy == AggregatedStrategy)
        {
            var prior = new HashSet<string>(scheduled.Where(s => s.Replicas > 0).Select(s => s.Name), StringComparer.Ordinal);
            if (prior.Count > 0)
                available = [.. available.Where(a => prior.Contains(a.Name)), .. available.Where(a => !prior.Contains(a.Name))];
            long sum = 0;
            for (var i = 0; i < available.Count; i++)
            {
                sum += available[i].Replicas;
                if (sum >= target)
                {
                    available = available.GetRange(0, i + 1);
                    break;
                }
            }
        }
        var votes = available.Select(a => new KeyValuePair<string, long>(a.Name, a.Replicas)).ToList();
        return Assignment.Ok(Merge(scheduled, Webster.Allocate(target, votes, null, tie)));
    }

    /// <summary>
    /// Adds the new seats to the previous assignment (util.MergeTargetClusters), sorted by name. The previous
    /// assignment does not weigh in the division of the new seats (KARMADA.md §3.5: new = divide(target); result =
    /// scheduled + new), so no cluster ever receives more new replicas than its free capacity.
    /// </summary>
    internal static List<TargetCluster> Merge(List<TargetCluster> scheduled, List<TargetCluster> added)
    {
        if (scheduled.Count == 0) return added;
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<TargetCluster>(added.Count + scheduled.Count);
        foreach (var t in added)
        {
            byName[t.Name] = result.Count;
            result.Add(t);
        }
        foreach (var t in scheduled)
        {
            if (byName.TryGetValue(t.Name, out var i)) result[i] = result[i] with { Replicas = result[i].Replicas + t.Replicas };
            else
            {
                byName[t.Name] = result.Count;
                result.Add(t);
            }
        }
        result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    /// <summary>Sort by replicas descending (stable, like Go's sort for the small lists Karmada sees).</summary>
    private static List<TargetCluster> SortDesc(List<TargetCluster> list) =>
        list.OrderByDescending(t => t.Replicas).ToList();

    private static long ReplicasOf(List<TargetCluster> list, string name)
    {
        foreach (var t in list) if (t.Name == name) return t.Replicas;
        return 0;
    }
}
