using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Estimation;
using Flotilla.Scheduler.Framework;

namespace Flotilla.Scheduler.Core;

/// <summary>
/// Karmada's generic scheduler: fit → score → select → assign replicas, per affinity term when the placement uses
/// clusterAffinities. Pure and synchronous: the caller passes the binding and a cluster snapshot and writes the
/// returned <see cref="ScheduleResult"/> back (spec.clusters, the applied-placement annotation, the Scheduled
/// condition, lastScheduledTime and schedulerObservingAffinityName).
/// </summary>
public sealed class GenericScheduler
{
    public const string StageFilter = "failed to find fit clusters";
    public const string StageScore = "failed to prioritize clusters";
    public const string StageSelect = "failed to select clusters";
    public const string StageAssign = "failed to assign replicas";

    private readonly SchedulerFramework _framework;
    private readonly AvailableReplicasCalculator _calculator;
    private readonly SchedulerOptions _options;

    public GenericScheduler(SchedulerOptions? options = null, SchedulerFramework? framework = null, AvailableReplicasCalculator? calculator = null)
    {
        _options = options ?? new SchedulerOptions();
        _framework = framework ?? PluginRegistry.CreateInTree().Build(_options.Plugins);
        _calculator = calculator ?? AvailableReplicasCalculator.Default;
    }

    public SchedulerFramework Framework => _framework;

    /// <summary>Schedules a ResourceBinding against a cluster snapshot.</summary>
    public ScheduleResult Schedule(ResourceBinding binding, IReadOnlyList<Cluster> clusters) =>
        Schedule(SchedulingInput.From(binding, clusters));

    /// <summary>Schedules a ClusterResourceBinding against a cluster snapshot.</summary>
    public ScheduleResult Schedule(ClusterResourceBinding binding, IReadOnlyList<Cluster> clusters) =>
        Schedule(SchedulingInput.From(binding, clusters));

    /// <summary>Schedules one binding. Thread-safe: the scheduler keeps no per-call state.</summary>
    public ScheduleResult Schedule(SchedulingInput input)
    {
        var placement = input.Spec.Placement ?? FilterContext.EmptyPlacement;
        var clusters = new List<ClusterInfo>(input.Clusters.Count);
        foreach (var c in input.Clusters)
            if (c.Metadata.DeletionTimestamp is null) clusters.Add(new ClusterInfo(c));

        if (placement.ClusterAffinities is not { Count: > 0 } terms)
        {
            var r = ScheduleOnce(input, clusters, placement.ClusterAffinity);
            return r with { AffinityName = input.Status?.SchedulerObservingAffinityName };
        }

        // Ordered affinity groups: start at the observed term (0 when none, unknown or a reschedule was triggered),
        // move forward on failure, never back.
        var observed = input.Status?.SchedulerObservingAffinityName;
        var index = 0;
        if (!string.IsNullOrEmpty(observed) && !input.RescheduleTriggered)
        {
            for (var i = 0; i < terms.Count; i++)
                if (terms[i].AffinityName == observed) { index = i; break; }
        }
        ScheduleResult? first = null;
        for (; index < terms.Count; index++)
        {
            var r = ScheduleOnce(input, clusters, terms[index]);
            if (r.Succeeded) return r with { AffinityName = terms[index].AffinityName };
            first ??= r;
        }
        return first! with { AffinityName = observed };
    }

    private ScheduleResult ScheduleOnce(SchedulingInput input, List<ClusterInfo> clusters, ClusterAffinity? affinity)
    {
        var spec = input.Spec;
        var placement = spec.Placement ?? FilterContext.EmptyPlacement;
        if (clusters.Count == 0) return Fail(ScheduleOutcome.Error, "no clusters available to schedule");

        // 1. fit
        var filterCtx = new FilterContext(spec, input.Status, affinity);
        var failures = new FilterFailure?[clusters.Count];
        if (clusters.Count >= _options.ParallelFilterThreshold)
        {
            // plugins are pure, so clusters can be filtered concurrently; results keep the snapshot order
            var framework = _framework;
            Parallel.For(0, clusters.Count, i => failures[i] = framework.RunFilterPlugins(in filterCtx, clusters[i]));
        }
        else
        {
            for (var i = 0; i < clusters.Count; i++) failures[i] = _framework.RunFilterPlugins(in filterCtx, clusters[i]);
        }
        var feasible = new List<ClusterInfo>(clusters.Count);
        var diagnosis = new List<FilterFailure>();
        for (var i = 0; i < clusters.Count; i++)
        {
            if (failures[i] is { } failure) diagnosis.Add(failure);
            else feasible.Add(clusters[i]);
        }
        if (feasible.Count == 0) return NoFit(new FitError(clusters.Count, diagnosis));

        // Seed extension: Failover strategy picks one healthy cluster in list order and keeps the current one.
        if (placement.SchedulerStrategy?.Type == SchedulerStrategyTypes.Failover)
        {
            var pick = FailoverStrategy.Pick(feasible, spec, placement, affinity);
            if (pick.Cluster is null)
                return NoFit(new FitError(clusters.Count, [.. diagnosis, .. pick.Unhealthy]));
            return new ScheduleResult
            {
                Outcome = ScheduleOutcome.Success,
                Clusters = [new TargetCluster { Name = pick.Cluster.Name, Replicas = spec.Replicas }],
            };
        }

        // 2. score
        long[] scores;
        try
        {
            var scoreCtx = new ScoreContext(spec, input.Status);
            scores = _framework.RunScorePlugins(in scoreCtx, feasible);
        }
        catch (InvalidOperationException ex)
        {
            return Fail(ScheduleOutcome.Error, $"{StageScore}: {ex.Message}");
        }

        // 3. capacity + candidate order, then select
        var allocatable = _calculator.Calculate(feasible, spec);
        var candidates = new List<ClusterDetailInfo>(feasible.Count);
        for (var i = 0; i < feasible.Count; i++)
        {
            long assigned = 0;
            if (spec.Clusters is not null)
                foreach (var t in spec.Clusters) if (t.Name == feasible[i].Name) { assigned = t.Replicas; break; }
            candidates.Add(new ClusterDetailInfo
            {
                Cluster = feasible[i],
                Score = scores[i],
                AllocatableReplicas = allocatable[i],
                AvailableReplicas = allocatable[i] + assigned,
            });
        }
        candidates.Sort(ClusterDetailInfo.CompareCandidates);
        var selection = SpreadSelector.Select(placement, candidates, spec.Replicas);
        if (selection.Error is not null) return Fail(ScheduleOutcome.Error, $"{StageSelect}: {selection.Error}");
        var selected = selection.Clusters!;

        // 4. assign replicas
        var assignment = ReplicaAssigner.Assign(selected, spec, input.Status);
        if (assignment.Clusters is null)
            return Fail(assignment.Unschedulable ? ScheduleOutcome.Unschedulable : ScheduleOutcome.Error, $"{StageAssign}: {assignment.Error}");
        var result = assignment.Clusters;
        if (_options.EnableEmptyWorkloadPropagation)
        {
            foreach (var c in selected)
                if (!result.Exists(t => t.Name == c.Name)) result.Add(new TargetCluster { Name = c.Name });
        }
        return new ScheduleResult { Outcome = ScheduleOutcome.Success, Clusters = result };
    }

    private static ScheduleResult Fail(ScheduleOutcome outcome, string message) =>
        new() { Outcome = outcome, Message = message };

    private static ScheduleResult NoFit(FitError fit) =>
        new() { Outcome = ScheduleOutcome.NoClusterFit, Clusters = [], FitError = fit, Message = fit.Message };
}
