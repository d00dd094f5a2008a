using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Core;
using static Flotilla.Scheduler.Tests.TestData;

namespace Flotilla.Scheduler.Tests.Core;

public class ReplicaAssignerTests
{
    private static readonly string AscUid = UidWithOrder(NameOrder.Ascending);
    private static readonly string DescUid = UidWithOrder(NameOrder.Descending);

    private static List<ClusterDetailInfo> Clusters(params string[] names) => names.Select(n => Detail(n)).ToList();

    private static string Assign(IReadOnlyList<ClusterDetailInfo> clusters, ResourceBindingSpec spec, ResourceBindingStatus? status = null)
    {
        var r = ReplicaAssigner.Assign(clusters, spec, status);
        return r.Clusters is null ? (r.Unschedulable ? "Unschedulable: " : "Error: ") + r.Error : Show(r.Clusters);
    }

    // ---- strategy selection ----

    public static TheoryData<string, Placement, string?> Strategies => new()
    {
        { "no replicaScheduling", new Placement(), ReplicaAssigner.DuplicatedStrategy },
        { "Duplicated", Duplicated(), ReplicaAssigner.DuplicatedStrategy },
        { "Divided defaulted type", new Placement { ReplicaScheduling = new ReplicaSchedulingStrategy() }, ReplicaAssigner.StaticWeightStrategy },
        { "Aggregated", Aggregated(), ReplicaAssigner.AggregatedStrategy },
        { "Weighted static", StaticWeights(("a", 1)), ReplicaAssigner.StaticWeightStrategy },
        { "Weighted dynamic", Dynamic(), ReplicaAssigner.DynamicWeightStrategy },
        { "unknown preference", new Placement { ReplicaScheduling = new ReplicaSchedulingStrategy { ReplicaSchedulingType = "Divided", ReplicaDivisionPreference = "Random" } }, null },
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Strategy_type(string name, Placement placement, string? expected) =>
        Assert.True(expected == ReplicaAssigner.StrategyType(placement), name);

    // ---- Duplicated and non-workloads ----

    [Fact]
    public void Duplicated_gives_every_cluster_all_replicas_in_selection_order()
    {
        Assert.Equal("b:3,a:3", Assign(Clusters("b", "a"), Spec(Duplicated(), replicas: 3)));
    }

    [Fact]
    public void Non_workload_goes_everywhere_with_zero_replicas()
    {
        Assert.Equal("b:0,a:0,c:0", Assign(Clusters("b", "a", "c"), Spec(StaticWeights(("a", 1)), replicas: 0)));
    }

    [Fact]
    public void No_clusters_is_an_error()
    {
        Assert.Equal("Error: no clusters available to schedule", Assign([], Spec(Duplicated(), replicas: 1)));
    }

    // ---- StaticWeight (scenarios s02, s04, s05) ----

    [Fact]
    public void S02_two_replicas_over_three_equal_weights_depends_on_uid_parity()
    {
        var placement = StaticWeights(("k3d-cluster-1", 10), ("k3d-cluster-2", 10), ("k3d-cluster-3", 10));
        var clusters = Clusters("k3d-cluster-1", "k3d-cluster-2", "k3d-cluster-3");
        Assert.Equal("k3d-cluster-1:1,k3d-cluster-2:1", Assign(clusters, Spec(placement, 2, uid: AscUid)));
        Assert.Equal("k3d-cluster-2:1,k3d-cluster-3:1", Assign(clusters, Spec(placement, 2, uid: DescUid)));
        Assert.Equal("k3d-cluster-1:1,k3d-cluster-2:1", Assign(clusters, Spec(placement, 2, uid: null)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void S02_scaling_to_three_gives_one_each(bool ascending)
    {
        var placement = StaticWeights(("k3d-cluster-1", 10), ("k3d-cluster-2", 10), ("k3d-cluster-3", 10));
        var uid = ascending ? AscUid : DescUid;
        var previous = ascending ? Targets(("k3d-cluster-1", 1), ("k3d-cluster-2", 1)) : Targets(("k3d-cluster-2", 1), ("k3d-cluster-3", 1));
        Assert.Equal("k3d-cluster-1:1,k3d-cluster-2:1,k3d-cluster-3:1",
            Assign(Clusters("k3d-cluster-1", "k3d-cluster-2", "k3d-cluster-3"), Spec(placement, 3, previous, uid)));
    }

    [Fact]
    public void S02_empty_workload_propagation_is_the_schedulers_job_not_the_assigners()
    {
        var placement = StaticWeights(("k3d-cluster-1", 10), ("k3d-cluster-2", 10), ("k3d-cluster-3", 10));
        Assert.DoesNotContain("k3d-cluster-3", Assign(Clusters("k3d-cluster-1", "k3d-cluster-2", "k3d-cluster-3"), Spec(placement, 2, uid: AscUid)));
    }

    [Fact]
    public void S04_rabbitmq_three_over_two_to_one()
    {
        Assert.Equal("pegasus:2,pegasus-2:1", Assign(Clusters("pegasus", "pegasus-2"), Spec(StaticWeights(("pegasus", 2), ("pegasus-2", 1)), 3, uid: DescUid)));
    }

    [Fact]
    public void S05_foo_six_over_one_to_one_then_member1_gone()
    {
        var placement = StaticWeights(("member1", 1), ("member2", 1));
        Assert.Equal("member1:3,member2:3", Assign(Clusters("member1", "member2"), Spec(placement, 6, uid: AscUid)));
        // member1 filtered out (evicted): static weighting ignores the previous result and capacity
        Assert.Equal("member2:6", Assign(Clusters("member2"), Spec(placement, 6, Targets(("member1", 3), ("member2", 3)), AscUid)));
    }

    [Fact]
    public void Static_weight_uses_the_max_matching_rule_and_drops_unweighted_clusters()
    {
        var placement = new Placement
        {
            ReplicaScheduling = new ReplicaSchedulingStrategy
            {
                ReplicaSchedulingType = ReplicaSchedulingTypes.Divided,
                ReplicaDivisionPreference = ReplicaDivisionPreferences.Weighted,
                WeightPreference = new ClusterPreferences
                {
                    StaticWeightList =
                    [
                        new StaticClusterWeight { TargetCluster = new ClusterAffinity { ClusterNames = ["a", "b"] }, Weight = 1 },
                        new StaticClusterWeight { TargetCluster = new ClusterAffinity { ClusterNames = ["a"] }, Weight = 3 },
                    ],
                },
            },
        };
        Assert.Equal("a:6,b:2", Assign(Clusters("a", "b", "c"), Spec(placement, 8)));
    }

    [Fact]
    public void Static_weight_with_no_matching_rule_weighs_all_equally()
    {
        Assert.Equal("a:2,b:2,c:2", Assign(Clusters("a", "b", "c"), Spec(StaticWeights(("zzz", 5)), 6)));
    }

    [Fact]
    public void Weighted_without_preference_weighs_all_equally()
    {
        var placement = new Placement
        {
            ReplicaScheduling = new ReplicaSchedulingStrategy
            {
                ReplicaSchedulingType = ReplicaSchedulingTypes.Divided,
                ReplicaDivisionPreference = ReplicaDivisionPreferences.Weighted,
            },
        };
        Assert.Equal("a:2,b:1", Assign(Clusters("a", "b"), Spec(placement, 3, uid: AscUid)));
        Assert.Equal("a:1,b:2", Assign(Clusters("a", "b"), Spec(placement, 3, uid: DescUid)));
    }

    // ---- DynamicWeight / Aggregated ----

    [Fact]
    public void Dynamic_first_schedule_divides_by_free_capacity()
    {
        var clusters = new List<ClusterDetailInfo> { Detail("a", allocatable: 6), Detail("b", allocatable: 3), Detail("c", allocatable: 0) };
        Assert.Equal("a:4,b:2", Assign(clusters, Spec(Dynamic(), 6)));
    }

    [Fact]
    public void Dynamic_scale_down_shrinks_proportionally_without_new_clusters()
    {
        var clusters = new List<ClusterDetailInfo> { Detail("a", allocatable: 100), Detail("b", allocatable: 0), Detail("c", allocatable: 100) };
        Assert.Equal("a:2,b:1", Assign(clusters, Spec(Dynamic(), 3, Targets(("a", 4), ("b", 2)))));
    }

    [Fact]
    public void Dynamic_scale_up_adds_only_the_extra_replicas()
    {
        var clusters = new List<ClusterDetailInfo> { Detail("a", allocatable: 0, assigned: 2), Detail("b", allocatable: 10, assigned: 2), Detail("c", allocatable: 10) };
        // 2 extra replicas by free capacity (b 10, c 10): one each, added to a:2, b:2
        Assert.Equal("a:2,b:3,c:1", Assign(clusters, Spec(Dynamic(), 6, Targets(("a", 2), ("b", 2)), AscUid)));
    }

    [Fact]
    public void Dynamic_equal_keeps_the_previous_result()
    {
        var clusters = new List<ClusterDetailInfo> { Detail("a", allocatable: 0), Detail("b", allocatable: 50) };
        Assert.Equal("b:1,a:3", Assign(clusters, Spec(Dynamic(), 4, Targets(("b", 1), ("a", 3)))));
    }

    [Fact]
    public void Dynamic_not_enough_capacity_is_unschedulable()
    {
        var clusters = new List<ClusterDetailInfo> { Detail("a", allocatable: 2), Detail("b", allocatable: 3) };
        Assert.Equal("Unschedulable: failed to scale up: Clusters available replicas 5 are not enough to schedule.", Assign(clusters, Spec(Dynamic(), 6)));
    }

    [Fact]
    public void S05_dynamic_member1_dropped_its_replicas_are_rescheduled_as_scale_up()
    {
        var clusters = new List<ClusterDetailInfo> { Detail("member2", allocatable: 10, assigned: 3), Detail("member3", allocatable: 10) };
        // the 3 replicas of member1 are new replicas, divided by free capacity (10:10 ⇒ 2:1 ascending), added to member2:3
        Assert.Equal("member2:5,member3:1",
            Assign(clusters, Spec(Dynamic(), 6, Targets(("member1", 3), ("member2", 3)), AscUid)));
        Assert.Equal("member2:4,member3:2",
            Assign(clusters, Spec(Dynamic(), 6, Targets(("member1", 3), ("member2", 3)), DescUid)));
    }

    [Fact]
    public void Fresh_reschedule_divides_everything_again_counting_current_replicas_as_capacity()
    {
        var clusters = new List<ClusterDetailInfo> { Detail("a", allocatable: 0, assigned: 3), Detail("b", allocatable: 10, assigned: 3), Detail("c", allocatable: 0) };
        var spec = Spec(Dynamic(), 6, Targets(("a", 3), ("b", 3)), rescheduleTriggeredAt: T0.AddMinutes(5));
        var status = new ResourceBindingStatus { LastScheduledTime = T0 };
        Assert.Equal("a:1,b:5", Assign(clusters, spec, status));
        // not triggered after the last schedule: steady, nothing to do
        Assert.Equal("a:3,b:3", Assign(clusters, spec, new ResourceBindingStatus { LastScheduledTime = T0.AddMinutes(10) }));
    }

    [Fact]
    public void Aggregated_first_schedule_uses_the_fewest_biggest_clusters()
    {
        var clusters = new List<ClusterDetailInfo> { Detail("a", allocatable: 5), Detail("b", allocatable: 4), Detail("c", allocatable: 10) };
        Assert.Equal("c:6", Assign(clusters, Spec(Aggregated(), 6)));
        Assert.Equal("a:5,c:10", Assign(clusters, Spec(Aggregated(), 15)));
    }

    [Fact]
    public void Aggregated_scale_up_prefers_clusters_already_running_replicas()
    {
        var clusters = new List<ClusterDetailInfo> { Detail("a", allocatable: 5, assigned: 2), Detail("b", allocatable: 4), Detail("c", allocatable: 10) };
        Assert.Equal("a:6", Assign(clusters, Spec(Aggregated(), 6, Targets(("a", 2)))));
        // more than a can take: a is used first, then the biggest other; the 9 new replicas split 5:10 ⇒ 3:6
        Assert.Equal("a:5,c:6", Assign(clusters, Spec(Aggregated(), 11, Targets(("a", 2)))));
    }

    [Fact]
    public void Aggregated_scale_down_keeps_the_biggest()
    {
        var clusters = new List<ClusterDetailInfo> { Detail("a", allocatable: 0), Detail("b", allocatable: 0) };
        Assert.Equal("a:3", Assign(clusters, Spec(Aggregated(), 3, Targets(("a", 4), ("b", 2)))));
    }

    // ---- steady mode, table-driven (KARMADA.md §3.5; Karmada's dynamic_weight_test cases whose answer is exact) ----

    public static TheoryData<string, string, int, string, string, bool, string> SteadyMode => new()
    {
        // because, strategy (D = DynamicWeight, A = Aggregated), replicas, previous spec.clusters, free capacity per
        // candidate (allocatable, excluding what it runs), fresh reschedule, expected
        { "Karmada: scale down 36 -> 12 over 18:12:6 keeps the proportions", "D", 12, "m1:18,m2:12,m3:6", "m1=0,m2=0,m3=0", false, "m1:6,m2:4,m3:2" },
        { "Karmada: scale down 24 -> 12 over 6:12:6", "D", 12, "m1:6,m2:12,m3:6", "m1=0,m2=0,m3=0", false, "m1:3,m2:6,m3:3" },
        { "Karmada: first schedule of 12 over free 6:8:10", "D", 12, "", "m1=6,m2=8,m3=10", false, "m1:3,m2:4,m3:5" },
        { "Karmada: free 3:3:3 cannot take 12", "D", 12, "", "m1=3,m2=3,m3=3", false, "Unschedulable: failed to scale up: Clusters available replicas 9 are not enough to schedule." },
        { "scale up divides only the extra replicas, by free capacity", "D", 7, "a:3", "a=1,b=3", false, "a:4,b:3" },
        { "scale up never gives a cluster more new replicas than it has free", "D", 5, "a:2,b:2", "a=0,b=1,c=0", false, "a:2,b:3" },
        { "equal: the previous result stays, whatever the capacity", "D", 4, "a:1,b:3", "a=100,b=0", false, "a:1,b:3" },
        { "a previous cluster that is no longer a candidate does not count", "D", 2, "gone:3,a:3", "a=0,b=9", false, "a:2" },
        { "fresh reschedule divides everything, counting what each cluster runs as capacity", "D", 6, "a:3,b:3", "a=0,b=10", true, "a:1,b:5" },
        { "fresh reschedule that does not fit fails", "D", 6, "a:1", "a=0,b=2", true, "Unschedulable: failed to do fresh scale: Clusters available replicas 3 are not enough to schedule." },
        { "Aggregated first schedule: the fewest clusters, biggest first", "A", 12, "", "a=5,b=4,c=10", false, "a:4,c:8" },
        { "Aggregated scale up fills a cluster already running replicas first", "A", 4, "b:1", "a=10,b=3,c=5", false, "b:4" },
        { "Aggregated scale down keeps the biggest", "A", 3, "a:4,b:2", "a=0,b=0", false, "a:3" },
        { "Aggregated not enough capacity", "A", 9, "a:1", "a=2,b=3", false, "Unschedulable: failed to scale up: Clusters available replicas 5 are not enough to schedule." },
    };

    [Theory]
    [MemberData(nameof(SteadyMode))]
    public void Steady_mode_rules(string because, string strategy, int replicas, string previous, string free, bool fresh, string expected)
    {
        var targets = previous.Length == 0 ? [] : previous.Split(',').Select(t => t.Split(':')).Select(p => new TargetCluster { Name = p[0], Replicas = int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        var clusters = free.Split(',').Select(f => f.Split('=')).Select(p => Detail(p[0],
            allocatable: long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
            assigned: targets.FirstOrDefault(t => t.Name == p[0])?.Replicas ?? 0)).ToList();
        var spec = Spec(strategy == "A" ? Aggregated() : Dynamic(), replicas, targets, AscUid, rescheduleTriggeredAt: fresh ? T0.AddMinutes(1) : null);
        Assert.True(expected == Assign(clusters, spec, new ResourceBindingStatus { LastScheduledTime = T0 }), because + ": " + Assign(clusters, spec, new ResourceBindingStatus { LastScheduledTime = T0 }));
    }

    // ---- property test ----

    [Fact]
    public void Property_dynamic_and_aggregated_divisions_sum_to_replicas_and_respect_capacity()
    {
        var rng = new Random(20260122);
        var successes = 0;
        for (var iter = 0; iter < 3000; iter++)
        {
            var n = rng.Next(1, 9);
            var names = Enumerable.Range(0, n).Select(i => $"c{i}").OrderBy(_ => rng.Next()).ToList();
            var previous = new List<TargetCluster>();
            foreach (var name in names)
                if (rng.Next(3) == 0) previous.Add(new TargetCluster { Name = name, Replicas = rng.Next(1, 10) });
            if (rng.Next(4) == 0) previous.Add(new TargetCluster { Name = "gone", Replicas = rng.Next(1, 5) });
            var clusters = names.Select(name =>
            {
                var assigned = previous.FirstOrDefault(p => p.Name == name)?.Replicas ?? 0;
                return Detail(name, allocatable: rng.Next(0, 20), assigned: assigned);
            }).ToList();
            var replicas = rng.Next(1, 60);
            var fresh = rng.Next(5) == 0;
            var placement = rng.Next(2) == 0 ? Dynamic() : Aggregated();
            var spec = Spec(placement, replicas, previous, uid: rng.Next(2) == 0 ? AscUid : DescUid,
                rescheduleTriggeredAt: fresh ? T0.AddMinutes(1) : null);
            var status = new ResourceBindingStatus { LastScheduledTime = T0 };

            var r = ReplicaAssigner.Assign(clusters, spec, status);
            if (r.Clusters is null)
            {
                Assert.True(r.Unschedulable, r.Error);
                continue;
            }
            successes++;
            Assert.Equal(replicas, r.Clusters.Sum(t => t.Replicas));
            Assert.All(r.Clusters, t => Assert.True(t.Replicas > 0));
            Assert.Equal(r.Clusters.Count, r.Clusters.Select(t => t.Name).Distinct().Count());
            foreach (var t in r.Clusters)
            {
                var c = clusters.Single(c => c.Name == t.Name); // never a cluster outside the candidates
                var prev = previous.FirstOrDefault(p => p.Name == t.Name)?.Replicas ?? 0;
                var scheduledSum = previous.Where(p => names.Contains(p.Name)).Sum(p => p.Replicas);
                if (fresh || scheduledSum == 0)
                    Assert.True(t.Replicas <= c.AvailableReplicas, $"iter {iter}: {t.Name} got {t.Replicas} > capacity {c.AvailableReplicas}");
                else if (scheduledSum < replicas)
                    Assert.True(t.Replicas - prev <= c.AllocatableReplicas, $"iter {iter}: {t.Name} got {t.Replicas - prev} new > free {c.AllocatableReplicas}");
                else
                    Assert.True(t.Replicas <= prev, $"iter {iter}: scale down grew {t.Name}");
            }
        }
        Assert.True(successes > 1000, $"only {successes} successful divisions");
    }

    [Fact]
    public void Property_static_weight_sums_to_replicas_and_is_a_pure_function()
    {
        var rng = new Random(7);
        for (var iter = 0; iter < 2000; iter++)
        {
            var n = rng.Next(1, 7);
            var weights = Enumerable.Range(0, n).Select(i => ($"m{i}", (long)rng.Next(1, 20))).ToArray();
            var replicas = rng.Next(0, 40);
            var clusters = Clusters(weights.Select(w => w.Item1).ToArray());
            var spec = Spec(StaticWeights(weights), replicas, uid: $"uid-{iter}");
            var a = ReplicaAssigner.Assign(clusters, spec, null).Clusters!;
            Assert.Equal(replicas == 0 ? 0 : replicas, a.Sum(t => t.Replicas));
            var shuffled = clusters.OrderBy(_ => rng.Next()).ToList();
            var b = ReplicaAssigner.Assign(shuffled, spec with { Clusters = Targets(("m0", 99)) }, null).Clusters!;
            if (replicas > 0) Assert.Equal(Show(a), Show(b));
        }
    }
}
