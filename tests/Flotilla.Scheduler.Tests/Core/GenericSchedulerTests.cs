using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Core;
using static Flotilla.Scheduler.Tests.TestData;

namespace Flotilla.Scheduler.Tests.Core;

public class GenericSchedulerTests
{
    private static readonly string AscUid = UidWithOrder(NameOrder.Ascending);
    private static readonly GenericScheduler Scheduler = new();

    private static ScheduleResult Run(ResourceBindingSpec spec, IReadOnlyList<Cluster> clusters, ResourceBindingStatus? status = null, GenericScheduler? scheduler = null) =>
        (scheduler ?? Scheduler).Schedule(new SchedulingInput { Spec = spec, Status = status, Clusters = clusters });

    private static Taint NotReady => new() { Key = WellKnownTaints.NotReady, Effect = TaintEffects.NoSchedule };

    [Fact]
    public void S02_weighted_pipeline_and_success_condition()
    {
        var clusters = new[] { Cluster("k3d-cluster-1"), Cluster("k3d-cluster-2"), Cluster("k3d-cluster-3") };
        var placement = StaticWeights(("k3d-cluster-1", 10), ("k3d-cluster-2", 10), ("k3d-cluster-3", 10)) with
        {
            ClusterAffinity = new ClusterAffinity { ClusterNames = ["k3d-cluster-1", "k3d-cluster-2", "k3d-cluster-3"] },
        };
        var r = Run(Spec(placement, 2, uid: AscUid), clusters);
        Assert.Equal(ScheduleOutcome.Success, r.Outcome);
        Assert.Equal("k3d-cluster-1:1,k3d-cluster-2:1", Show(r.Clusters));
        Assert.Equal(BindingConditions.ReasonSuccess, r.ConditionReason);
        Assert.Equal("Binding has been scheduled successfully.", r.Message);
        var condition = r.ToCondition(T0, 3);
        Assert.Equal((BindingConditions.Scheduled, ConditionStatus.True, 3L), (condition.Type, condition.Status, condition.ObservedGeneration));
        Assert.True(r.ShouldPatchClusters);

        // the Service of the same policy (a non-workload) goes to all three
        var svc = Spec(placement) with { Resource = new ObjectReference { ApiVersion = "v1", Kind = "Service", Name = "pipy", Namespace = "default" } };
        Assert.Equal("k3d-cluster-1:0,k3d-cluster-2:0,k3d-cluster-3:0", Show(Run(svc, clusters).Clusters));
    }

    [Fact]
    public void S02_empty_workload_propagation_switch_appends_zero_replica_clusters()
    {
        var clusters = new[] { Cluster("k3d-cluster-1"), Cluster("k3d-cluster-2"), Cluster("k3d-cluster-3") };
        var placement = StaticWeights(("k3d-cluster-1", 10), ("k3d-cluster-2", 10), ("k3d-cluster-3", 10));
        var scheduler = new GenericScheduler(new SchedulerOptions { EnableEmptyWorkloadPropagation = true });
        Assert.Equal("k3d-cluster-1:1,k3d-cluster-2:1,k3d-cluster-3:0", Show(Run(Spec(placement, 2, uid: AscUid), clusters, scheduler: scheduler).Clusters));
    }

    [Fact]
    public void No_fit_reports_karmadas_diagnosis()
    {
        var clusters = new[]
        {
            Cluster("a", taints: [new Taint { Key = "k", Effect = TaintEffects.NoSchedule }]),
            Cluster("b"),
            Cluster("c"),
        };
        var placement = new Placement { ClusterAffinity = new ClusterAffinity { ClusterNames = ["a"] } };
        var r = Run(Spec(placement, 1), clusters);
        Assert.Equal(ScheduleOutcome.NoClusterFit, r.Outcome);
        Assert.Empty(r.Clusters!);
        Assert.True(r.ShouldPatchClusters);
        Assert.False(r.ShouldRetry);
        Assert.Equal(BindingConditions.ReasonNoClusterFit, r.ConditionReason);
        Assert.Equal("0/3 clusters are available: 1 cluster(s) had untolerated taint {k:NoSchedule}, 2 cluster(s) did not match the placement cluster affinity constraint.", r.Message);
        Assert.Equal(["a:TaintToleration", "b:ClusterAffinity", "c:ClusterAffinity"], r.FitError!.Diagnosis.Select(d => $"{d.Cluster}:{d.Plugin}"));
    }

    [Fact]
    public void Capacity_shortfall_is_unschedulable_and_keeps_the_clusters()
    {
        var clusters = new[] { WithCapacity("m1", 2), WithCapacity("m2", 3) };
        var r = Run(Spec(Dynamic(), 6, requirements: Requirements), clusters);
        Assert.Equal(ScheduleOutcome.Unschedulable, r.Outcome);
        Assert.Null(r.Clusters);
        Assert.False(r.ShouldPatchClusters);
        Assert.True(r.ShouldRetry);
        Assert.Equal(BindingConditions.ReasonUnschedulable, r.ConditionReason);
        Assert.Equal("failed to assign replicas: failed to scale up: Clusters available replicas 5 are not enough to schedule.", r.Message);
    }

    [Fact]
    public void Spread_failure_is_a_scheduler_error()
    {
        var r = Run(Spec(Duplicated(spread: [new SpreadConstraint { SpreadByField = SpreadByFields.Cluster, MinGroups = 3, MaxGroups = 3 }]), 1), [Cluster("a"), Cluster("b")]);
        Assert.Equal(ScheduleOutcome.Error, r.Outcome);
        Assert.Equal(BindingConditions.ReasonSchedulerError, r.ConditionReason);
        Assert.Equal("failed to select clusters: the number of feasible clusters is less than spreadConstraint.MinGroups", r.Message);
    }

    [Fact]
    public void Deleting_clusters_are_not_candidates()
    {
        var r = Run(Spec(Duplicated(), 2), [Cluster("a", deleting: true), Cluster("b")]);
        Assert.Equal("b:2", Show(r.Clusters));
    }

    [Fact]
    public void Dynamic_weighting_uses_estimated_capacity()
    {
        var clusters = new[] { WithCapacity("member1", 8), WithCapacity("member2", 4), WithCapacity("member3", 0) };
        var r = Run(Spec(Dynamic(), 6, requirements: Requirements, uid: AscUid), clusters);
        Assert.Equal("member1:4,member2:2", Show(r.Clusters));
    }

    [Fact]
    public void S04_redis_spread_max_one_cluster_and_stays_put()
    {
        var placement = new Placement
        {
            ClusterAffinity = new ClusterAffinity { ClusterNames = ["pegasus", "pegasus-2"] },
            SpreadConstraints = [new SpreadConstraint { SpreadByField = SpreadByFields.Cluster, MaxGroups = 1, MinGroups = 1 }],
        };
        var clusters = new[] { Cluster("pegasus"), Cluster("pegasus-2") };
        Assert.Equal("pegasus:1", Show(Run(Spec(placement, 1), clusters).Clusters));
        // ClusterLocality keeps it where it already runs
        Assert.Equal("pegasus-2:1", Show(Run(Spec(placement, 1, Targets(("pegasus-2", 1))), clusters).Clusters));
    }

    [Fact]
    public void S08_gpu_workload_and_aggregated_background_service()
    {
        var clusters = new[]
        {
            Cluster("aks-cluster-1", cpu: "4", memory: "16Gi", pods: 110),
            Cluster("aks-cluster-2", cpu: "16", memory: "64Gi", pods: 110),
            Cluster("gpu-cluster", cpu: "8", memory: "32Gi", pods: 110),
        };
        var gpu = new Placement { ClusterAffinity = new ClusterAffinity { ClusterNames = ["gpu-cluster"] } };
        Assert.Equal("gpu-cluster:2", Show(Run(Spec(gpu, 2), clusters).Clusters));

        var requests = new ReplicaRequirements { ResourceRequest = Resources(cpu: "0.5", memory: "512Mi") };
        Assert.Equal("aks-cluster-2:1", Show(Run(Spec(Aggregated(), 1, requirements: requests), clusters).Clusters));

        // capacities change and a reschedule is triggered: it moves to the cluster with the most free capacity now
        var changed = new[]
        {
            clusters[0],
            Cluster("aks-cluster-2", cpu: "16", memory: "64Gi", pods: 110, allocated: Resources(cpu: "15800m")),
            clusters[2],
        };
        var spec = Spec(Aggregated(), 1, Targets(("aks-cluster-2", 1)), requirements: requests, rescheduleTriggeredAt: T0.AddMinutes(1));
        Assert.Equal("gpu-cluster:1", Show(Run(spec, changed, new ResourceBindingStatus { LastScheduledTime = T0 }).Clusters));
    }

    [Fact]
    public void S05_member1_evicted_static_weights_move_all_to_member2()
    {
        var placement = StaticWeights(("member1", 1), ("member2", 1)) with
        {
            ClusterAffinity = new ClusterAffinity { ClusterNames = ["member1", "member2"] },
        };
        var clusters = new[]
        {
            Cluster("member1", taints: [new Taint { Key = WellKnownTaints.NotReady, Effect = TaintEffects.NoExecute }]),
            Cluster("member2"),
            Cluster("member3"),
        };
        var spec = Spec(placement, 6, Targets(("member2", 3)), uid: AscUid,
            evictions: [new GracefulEvictionTask { FromCluster = "member1", Reason = EvictionReasons.TaintUntolerated, Producer = "TaintManager", Replicas = 3 }]);
        Assert.Equal("member2:6", Show(Run(spec, clusters).Clusters));
    }

    [Fact]
    public void Candidate_order_is_score_then_capacity_then_name()
    {
        var clusters = new[] { WithCapacity("c", 5), WithCapacity("a", 5), WithCapacity("b", 9), WithCapacity("d", 1) };
        var r = Run(Spec(Duplicated(), 1, Targets(("d", 1)), requirements: Requirements), clusters);
        Assert.Equal("d:1,b:1,a:1,c:1", Show(r.Clusters));
    }

    [Fact]
    public void Cluster_affinities_move_forward_on_failure_and_start_at_the_observed_term()
    {
        var placement = new Placement
        {
            ClusterAffinities =
            [
                new ClusterAffinityTerm { AffinityName = "primary", ClusterNames = ["p1"] },
                new ClusterAffinityTerm { AffinityName = "backup", ClusterNames = ["b1"] },
            ],
        };
        var onlyBackup = new[] { Cluster("b1") };
        var both = new[] { Cluster("p1"), Cluster("b1") };

        var r = Run(Spec(placement, 2), onlyBackup);
        Assert.Equal(("b1:2", "backup"), (Show(r.Clusters), r.AffinityName));

        // primary is back but the binding observes "backup": it does not move back by itself
        r = Run(Spec(placement, 2), both, new ResourceBindingStatus { SchedulerObservingAffinityName = "backup", LastScheduledTime = T0 });
        Assert.Equal(("b1:2", "backup"), (Show(r.Clusters), r.AffinityName));

        // a triggered reschedule restarts at the first term
        r = Run(Spec(placement, 2, rescheduleTriggeredAt: T0.AddMinutes(1)), both,
            new ResourceBindingStatus { SchedulerObservingAffinityName = "backup", LastScheduledTime = T0 });
        Assert.Equal(("p1:2", "primary"), (Show(r.Clusters), r.AffinityName));

        // nothing fits any term: first error, observed name unchanged
        r = Run(Spec(placement, 2), [Cluster("x")], new ResourceBindingStatus { SchedulerObservingAffinityName = "primary" });
        Assert.Equal(ScheduleOutcome.NoClusterFit, r.Outcome);
        Assert.Equal("primary", r.AffinityName);
        Assert.Equal("0/1 clusters are available: 1 cluster(s) did not match the placement cluster affinity constraint.", r.Message);
    }

    [Fact]
    public void Plugins_can_be_disabled()
    {
        var tainted = new[] { Cluster("a", taints: [NotReady]) };
        Assert.Equal(ScheduleOutcome.NoClusterFit, Run(Spec(Duplicated(), 1), tainted).Outcome);
        var noTaints = new GenericScheduler(new SchedulerOptions { Plugins = "*,-TaintToleration" });
        Assert.Equal("a:1", Show(Run(Spec(Duplicated(), 1), tainted, scheduler: noTaints).Clusters));
    }

    // ---- seed extensions ----

    private static Placement FailoverPolicy => new()
    {
        ClusterAffinity = new ClusterAffinity { ClusterNames = ["primary-cluster", "secondary-cluster"] },
        SchedulerStrategy = new SchedulerStrategy { Type = SchedulerStrategyTypes.Failover },
    };

    [Fact]
    public void Failover_runs_everything_in_the_first_healthy_cluster()
    {
        var clusters = new[] { Cluster("secondary-cluster"), Cluster("primary-cluster"), Cluster("other") };
        Assert.Equal("primary-cluster:3", Show(Run(Spec(FailoverPolicy, 3), clusters).Clusters));
    }

    [Fact]
    public void Failover_moves_to_the_next_when_the_current_fails_and_stays_when_it_recovers()
    {
        var primaryDown = new[] { Cluster("primary-cluster", taints: [NotReady]), Cluster("secondary-cluster") };
        // scheduled on primary, which became not ready: the TaintToleration filter lets it pass (it is scheduled there),
        // but Failover only keeps healthy clusters
        var r = Run(Spec(FailoverPolicy, 3, Targets(("primary-cluster", 3))), primaryDown);
        Assert.Equal("secondary-cluster:3", Show(r.Clusters));

        var bothUp = new[] { Cluster("primary-cluster"), Cluster("secondary-cluster") };
        Assert.Equal("secondary-cluster:3", Show(Run(Spec(FailoverPolicy, 3, Targets(("secondary-cluster", 3))), bothUp).Clusters));

        // replicas change follows the current cluster
        Assert.Equal("secondary-cluster:5", Show(Run(Spec(FailoverPolicy, 5, Targets(("secondary-cluster", 3))), bothUp).Clusters));
    }

    [Fact]
    public void Failover_with_no_healthy_cluster_is_no_fit()
    {
        var down = new[] { Cluster("primary-cluster", taints: [NotReady]), Cluster("secondary-cluster", taints: [NotReady]) };
        var r = Run(Spec(FailoverPolicy, 3, Targets(("primary-cluster", 3))), down);
        Assert.Equal(ScheduleOutcome.NoClusterFit, r.Outcome);
        Assert.Contains("had untolerated taint {cluster.karmada.io/not-ready:NoSchedule}", r.Message);
    }

    [Fact]
    public void Rolling_update_schedules_like_a_plain_placement()
    {
        var placement = new Placement
        {
            ClusterAffinity = new ClusterAffinity { ClusterNames = ["aks-cluster-1"] },
            SchedulerStrategy = new SchedulerStrategy
            {
                Type = SchedulerStrategyTypes.RollingUpdate,
                RollingUpdate = new RollingUpdateStrategy { MaxSurge = IntOrString.FromInt(1), MaxUnavailable = IntOrString.FromInt(0) },
            },
        };
        Assert.Equal("aks-cluster-1:2", Show(Run(Spec(placement, 2), [Cluster("aks-cluster-1"), Cluster("aks-cluster-2")]).Clusters));
    }

    [Fact]
    public void Cluster_anti_affinity_excludes_prod()
    {
        var placement = new Placement { ClusterAntiAffinity = new ClusterAntiAffinity { ClusterNames = ["prod-cluster"] } };
        var r = Run(Spec(placement, 1), [Cluster("prod-cluster"), Cluster("dev-cluster"), Cluster("qa-cluster")]);
        Assert.Equal("dev-cluster:1,qa-cluster:1", Show(r.Clusters));
    }

    [Fact]
    public void Parallel_filtering_gives_the_same_result()
    {
        var rng = new Random(99);
        var clusters = Enumerable.Range(0, 300).Select(i => Cluster($"m{i:D3}",
            labels: new() { ["tier"] = rng.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            taints: rng.Next(5) == 0 ? [NotReady] : null,
            cpu: $"{rng.Next(0, 40) * 100}m", memory: "100Gi", pods: 1000)).ToArray();
        var placement = Dynamic(new ClusterAffinity { LabelSelector = new KubeLabelSelector { MatchLabels = new() { ["tier"] = "1" } } });
        var spec = Spec(placement, 50, requirements: Requirements, uid: AscUid);
        var sequential = Run(spec, clusters, scheduler: new GenericScheduler(new SchedulerOptions { ParallelFilterThreshold = int.MaxValue }));
        var parallel = Run(spec, clusters, scheduler: new GenericScheduler(new SchedulerOptions { ParallelFilterThreshold = 1 }));
        Assert.Equal(ScheduleOutcome.Success, sequential.Outcome);
        Assert.Equal(50, sequential.Clusters!.Sum(t => t.Replicas));
        Assert.Equal(Show(sequential.Clusters), Show(parallel.Clusters));

        var none = Spec(Dynamic(new ClusterAffinity { ClusterNames = ["nope"] }), 1);
        Assert.Equal(
            Run(none, clusters, scheduler: new GenericScheduler(new SchedulerOptions { ParallelFilterThreshold = int.MaxValue })).Message,
            Run(none, clusters, scheduler: new GenericScheduler(new SchedulerOptions { ParallelFilterThreshold = 1 })).Message);
    }

    [Fact]
    public void Binding_overload_reads_spec_and_status()
    {
        var binding = new ResourceBinding
        {
            Metadata = new ObjectMeta { Name = "app-deployment", Namespace = "default" },
            Spec = Spec(Duplicated(), 2),
            Status = new ResourceBindingStatus(),
        };
        Assert.Equal("a:2", Show(Scheduler.Schedule(binding, [Cluster("a")]).Clusters));
    }
}
