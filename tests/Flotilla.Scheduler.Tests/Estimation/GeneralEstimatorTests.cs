using Flotilla.Core;
using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Estimation;
using Flotilla.Scheduler.Framework;
using static Flotilla.Scheduler.Tests.TestData;

namespace Flotilla.Scheduler.Tests.Estimation;

public class GeneralEstimatorTests
{
    private static Cluster WithSummary(ResourceSummary? summary, List<ResourceModel>? models = null) => new()
    {
        Metadata = new ObjectMeta { Name = "m" },
        Spec = new ClusterSpec { ResourceModels = models },
        Status = new ClusterStatus { ResourceSummary = summary },
    };

    private static ReplicaRequirements Req(string? cpu = null, string? memory = null, string? gpu = null)
    {
        var d = Resources(cpu, memory);
        if (gpu is not null) d["nvidia.com/gpu"] = Quantity.Parse(gpu);
        return new ReplicaRequirements { ResourceRequest = d };
    }

    public static TheoryData<string, ResourceSummary?, ReplicaRequirements?, int> Cases => new()
    {
        { "no resource summary", null, Req(cpu: "100m"), 0 },
        { "pods only", new ResourceSummary { Allocatable = Resources(pods: 110), Allocated = Resources(pods: 100), Allocating = Resources(pods: 5) }, null, 5 },
        { "no pods left", new ResourceSummary { Allocatable = Resources(pods: 10), Allocated = Resources(pods: 12) }, null, 0 },
        { "empty requirements", new ResourceSummary { Allocatable = Resources(cpu: "1", pods: 7) }, new ReplicaRequirements(), 7 },
        { "cpu in milli-units", new ResourceSummary { Allocatable = Resources(cpu: "2", pods: 110), Allocated = Resources(cpu: "500m") }, Req(cpu: "100m"), 15 },
        { "allocating subtracted", new ResourceSummary { Allocatable = Resources(cpu: "2", pods: 110), Allocating = Resources(cpu: "1") }, Req(cpu: "250m"), 4 },
        { "pods cap", new ResourceSummary { Allocatable = Resources(cpu: "64", pods: 3) }, Req(cpu: "100m"), 3 },
        { "memory is the limit", new ResourceSummary { Allocatable = Resources(cpu: "64", memory: "1Gi", pods: 110) }, Req(cpu: "100m", memory: "128Mi"), 8 },
        { "requested resource missing", new ResourceSummary { Allocatable = Resources(cpu: "64", pods: 110) }, Req(cpu: "100m", gpu: "1"), 0 },
        { "exhausted", new ResourceSummary { Allocatable = Resources(cpu: "1", pods: 110), Allocated = Resources(cpu: "1") }, Req(cpu: "100m"), 0 },
        { "zero request ignored", new ResourceSummary { Allocatable = Resources(cpu: "1", pods: 9) }, Req(cpu: "0"), 9 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Summary_estimate(string name, ResourceSummary? summary, ReplicaRequirements? req, int expected) =>
        Assert.True(expected == new GeneralEstimator().MaxAvailableReplicas(WithSummary(summary), req), name);

    private static readonly List<ResourceModel> Models =
    [
        new ResourceModel { Grade = 0, Ranges = [new ResourceModelRange { Name = "cpu", Min = Quantity.Parse("0"), Max = Quantity.Parse("1") }, new ResourceModelRange { Name = "memory", Min = Quantity.Parse("0"), Max = Quantity.Parse("4Gi") }] },
        new ResourceModel { Grade = 1, Ranges = [new ResourceModelRange { Name = "cpu", Min = Quantity.Parse("1"), Max = Quantity.Parse("2") }, new ResourceModelRange { Name = "memory", Min = Quantity.Parse("4Gi"), Max = Quantity.Parse("16Gi") }] },
        new ResourceModel { Grade = 2, Ranges = [new ResourceModelRange { Name = "cpu", Min = Quantity.Parse("2"), Max = Quantity.Parse("4") }, new ResourceModelRange { Name = "memory", Min = Quantity.Parse("16Gi"), Max = Quantity.Parse("32Gi") }] },
    ];

    [Fact]
    public void Resource_model_estimate_packs_into_grade_lower_bounds()
    {
        var summary = new ResourceSummary
        {
            Allocatable = Resources(cpu: "100", memory: "1000Gi", pods: 1000),
            AllocatableModelings = [new AllocatableModeling { Grade = 0, Count = 10 }, new AllocatableModeling { Grade = 1, Count = 3 }, new AllocatableModeling { Grade = 2, Count = 1 }],
        };
        // per node: grade0 0, grade1 min(1000m/500m, 4Gi/1Gi) = 2, grade2 min(4, 16) = 4 ⇒ 3·2 + 1·4 = 10
        Assert.Equal(10, new GeneralEstimator().MaxAvailableReplicas(WithSummary(summary, Models), Req(cpu: "500m", memory: "1Gi")));
        // gate off: summary estimate (100 / 0.5 = 200, memory 1000)
        Assert.Equal(200, new GeneralEstimator { EnableResourceModeling = false }.MaxAvailableReplicas(WithSummary(summary, Models), Req(cpu: "500m", memory: "1Gi")));
        // a resource the models do not describe: summary estimate (gpu missing ⇒ 0)
        Assert.Equal(0, new GeneralEstimator().MaxAvailableReplicas(WithSummary(summary, Models), Req(cpu: "500m", gpu: "1")));
        // still capped by free pods
        var fewPods = summary with { Allocatable = Resources(cpu: "100", memory: "1000Gi", pods: 4) };
        Assert.Equal(4, new GeneralEstimator().MaxAvailableReplicas(WithSummary(fewPods, Models), Req(cpu: "500m", memory: "1Gi")));
    }

    private sealed class Fixed(int value) : IReplicaEstimator
    {
        public string Name => "fixed";
        public int MaxAvailableReplicas(Cluster cluster, ReplicaRequirements? requirements) => value;
    }

    [Fact]
    public void Calculator_takes_the_minimum_ignores_unauthentic_and_bounds_to_replicas()
    {
        var clusters = new[] { new ClusterInfo(Cluster("a")) };
        var spec = Spec(replicas: 7);
        Assert.Equal([3], new AvailableReplicasCalculator([new Fixed(5), new Fixed(3), new Fixed(IReplicaEstimator.UnauthenticReplica)]).Calculate(clusters, spec));
        Assert.Equal([7], new AvailableReplicasCalculator([new Fixed(IReplicaEstimator.UnauthenticReplica)]).Calculate(clusters, spec));
        Assert.Equal([7], new AvailableReplicasCalculator([new Fixed(int.MaxValue)]).Calculate(clusters, spec));
        Assert.Equal([int.MaxValue], new AvailableReplicasCalculator([new Fixed(1)]).Calculate(clusters, Spec(replicas: 0)));
    }
}
