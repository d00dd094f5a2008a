using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Framework;
using Flotilla.Scheduler.Framework.Plugins.APIEnablement;
using static Flotilla.Scheduler.Tests.TestData;

namespace Flotilla.Scheduler.Tests.Framework.Plugins.APIEnablement;

public class APIEnablementPluginTests
{
    private static readonly List<Condition> Complete =
        [new Condition { Type = ClusterConditions.CompleteApiEnablements, Status = ConditionStatus.True, Reason = "Complete" }];
    private static readonly List<Condition> Partial =
        [new Condition { Type = ClusterConditions.CompleteApiEnablements, Status = ConditionStatus.False, Reason = "Partial" }];

    public static TheoryData<string, Cluster, List<TargetCluster>?, ResultCode> Cases => new()
    {
        { "api listed", Cluster("m1"), null, ResultCode.Success },
        { "api missing", Cluster("m1", apis: []), null, ResultCode.Unschedulable },
        { "other version only", Cluster("m1", apis: [new ApiEnablement { GroupVersion = "apps/v1beta1", Resources = [new ApiResourceRef { Name = "deployments", Kind = "Deployment" }] }]), null, ResultCode.Unschedulable },
        { "no status at all", new Cluster { Metadata = new ObjectMeta { Name = "m1" } }, null, ResultCode.Unschedulable },
        { "missing but scheduled, enablements incomplete", Cluster("m1", apis: [], conditions: Partial), Targets(("m1", 1)), ResultCode.Success },
        { "missing but scheduled, no condition", Cluster("m1", apis: []), Targets(("m1", 1)), ResultCode.Success },
        { "missing, scheduled, enablements complete", Cluster("m1", apis: [], conditions: Complete), Targets(("m1", 1)), ResultCode.Unschedulable },
        { "missing, incomplete, not scheduled there", Cluster("m1", apis: [], conditions: Partial), Targets(("m2", 1)), ResultCode.Unschedulable },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter(string name, Cluster cluster, List<TargetCluster>? scheduled, ResultCode expected)
    {
        var spec = Spec(clusters: scheduled);
        var r = new APIEnablementPlugin().Filter(Ctx(spec), new ClusterInfo(cluster));
        Assert.True(expected == r.Code, name);
        if (expected == ResultCode.Unschedulable) Assert.Equal([APIEnablementPlugin.Reason], r.ReasonList);
    }
}
