using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Core;
using static Flotilla.Scheduler.Tests.TestData;

namespace Flotilla.Scheduler.Tests.Core;

public class RescheduleDeciderTests
{
    private static readonly Placement Divided = StaticWeights(("a", 1), ("b", 1));
    private static readonly string DividedApplied = RescheduleDecider.AppliedPlacementValue(Divided);

    public static TheoryData<string, ResourceBindingSpec, ResourceBindingStatus?, string?, Cluster[]?, string> Cases => new()
    {
        { "never scheduled", Spec(Divided, 2), null, null, null, RescheduleDecider.ReasonPlacementChanged },
        { "unparsable annotation", Spec(Divided, 2), null, "{not json", null, RescheduleDecider.ReasonPlacementChanged },
        { "placement changed", Spec(Divided, 2, Targets(("a", 1), ("b", 1))), null, RescheduleDecider.AppliedPlacementValue(StaticWeights(("a", 1), ("b", 2))), null, RescheduleDecider.ReasonPlacementChanged },
        { "up to date", Spec(Divided, 2, Targets(("a", 1), ("b", 1))), null, DividedApplied, [Cluster("a"), Cluster("b")], RescheduleDecider.ReasonUpToDate },
        { "same placement written differently", Spec(Divided, 2, Targets(("a", 1), ("b", 1))), null,
            """{ "replicaScheduling": { "weightPreference": { "staticWeightList": [ {"weight": 1, "targetCluster": {"clusterNames": ["a"]}}, {"weight": 1, "targetCluster": {"clusterNames": ["b"]}} ] }, "replicaDivisionPreference": "Weighted", "replicaSchedulingType": "Divided" } }""",
            null, RescheduleDecider.ReasonUpToDate },
        { "divided sum changed", Spec(Divided, 3, Targets(("a", 1), ("b", 1))), null, DividedApplied, null, RescheduleDecider.ReasonReplicasChanged },
        { "duplicated target differs", Spec(Duplicated(), 3, Targets(("a", 2))), null, RescheduleDecider.AppliedPlacementValue(Duplicated()), null, RescheduleDecider.ReasonReplicasChanged },
        { "duplicated always", Spec(Duplicated(), 3, Targets(("a", 3))), null, RescheduleDecider.AppliedPlacementValue(Duplicated()), null, RescheduleDecider.ReasonAlwaysSchedule },
        { "no replicaScheduling means duplicated", Spec(new Placement(), 3, Targets(("a", 3))), null, RescheduleDecider.AppliedPlacementValue(new Placement()), null, RescheduleDecider.ReasonAlwaysSchedule },
        { "non-workload always", Spec(Divided, 0, Targets(("a", 0))), null, DividedApplied, null, RescheduleDecider.ReasonAlwaysSchedule },
        { "reschedule triggered", Spec(Divided, 2, Targets(("a", 1), ("b", 1)), rescheduleTriggeredAt: T0.AddMinutes(1)), new ResourceBindingStatus { LastScheduledTime = T0 }, DividedApplied, null, RescheduleDecider.ReasonRescheduleTriggered },
        { "trigger older than last schedule", Spec(Divided, 2, Targets(("a", 1), ("b", 1)), rescheduleTriggeredAt: T0), new ResourceBindingStatus { LastScheduledTime = T0.AddMinutes(1) }, DividedApplied, null, RescheduleDecider.ReasonUpToDate },
        { "scheduled cluster deleting", Spec(Divided, 2, Targets(("a", 1), ("b", 1))), null, DividedApplied, [Cluster("a"), Cluster("b", deleting: true)], RescheduleDecider.ReasonClusterDeleting },
        { "scheduled cluster gone", Spec(Divided, 2, Targets(("a", 1), ("b", 1))), null, DividedApplied, [Cluster("a")], RescheduleDecider.ReasonClusterDeleting },
        { "suspended", Spec(Divided, 2) with { Suspension = new Suspension { Scheduling = true } }, null, null, null, RescheduleDecider.ReasonSuspended },
        { "no placement", Spec(Divided, 2) with { Placement = null }, null, null, null, RescheduleDecider.ReasonNoPlacement },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string name, ResourceBindingSpec spec, ResourceBindingStatus? status, string? applied, Cluster[]? clusters, string reason)
    {
        var d = RescheduleDecider.Decide(spec, status, applied, clusters);
        Assert.True(reason == d.Reason, $"{name}: {d.Reason}");
        var expectedKind = reason switch
        {
            RescheduleDecider.ReasonUpToDate => ScheduleDecisionKind.UpToDate,
            RescheduleDecider.ReasonSuspended or RescheduleDecider.ReasonNoPlacement => ScheduleDecisionKind.Skip,
            _ => ScheduleDecisionKind.Schedule,
        };
        Assert.Equal(expectedKind, d.Kind);
    }

    [Fact]
    public void Cluster_affinities_compare_only_the_observed_term()
    {
        static Placement P(string backupCluster) => new()
        {
            ClusterAffinities =
            [
                new ClusterAffinityTerm { AffinityName = "primary", ClusterNames = ["p1"] },
                new ClusterAffinityTerm { AffinityName = "backup", ClusterNames = [backupCluster] },
            ],
        };
        var applied = RescheduleDecider.AppliedPlacementValue(P("b1"));
        Assert.False(RescheduleDecider.PlacementChanged(P("b2"), applied, "primary"));
        Assert.True(RescheduleDecider.PlacementChanged(P("b2"), applied, "backup"));
        Assert.True(RescheduleDecider.PlacementChanged(P("b2"), applied, null));
        Assert.False(RescheduleDecider.PlacementChanged(P("b1"), applied, null));
        Assert.True(RescheduleDecider.PlacementChanged(P("b1") with { ClusterTolerations = [new Toleration { Operator = "Exists" }] }, applied, "primary"));
    }

    [Fact]
    public void Binding_overload_reads_the_applied_placement_annotation()
    {
        var binding = new ResourceBinding
        {
            Metadata = new ObjectMeta { Name = "x", Annotations = new() { [WellKnownAnnotations.AppliedPlacement] = DividedApplied } },
            Spec = Spec(Divided, 2, Targets(("a", 2))),
        };
        Assert.Equal(ScheduleDecisionKind.UpToDate, RescheduleDecider.Decide(binding).Kind);
        Assert.Equal(ScheduleDecisionKind.Schedule, RescheduleDecider.Decide(binding with { Metadata = new ObjectMeta { Name = "x" } }).Kind);
    }
}
