using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Framework;
using Flotilla.Scheduler.Framework.Plugins.ClusterEviction;
using static Flotilla.Scheduler.Tests.TestData;

namespace Flotilla.Scheduler.Tests.Framework.Plugins.ClusterEviction;

public class ClusterEvictionPluginTests
{
    public static TheoryData<string, List<GracefulEvictionTask>?, bool> Cases => new()
    {
        { "no tasks", null, true },
        { "evicted from this cluster", [new GracefulEvictionTask { FromCluster = "m1", Reason = EvictionReasons.TaintUntolerated, Producer = "TaintManager" }], false },
        { "evicted from another cluster", [new GracefulEvictionTask { FromCluster = "m2", Reason = EvictionReasons.ApplicationFailure, Producer = "x" }], true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter(string name, List<GracefulEvictionTask>? tasks, bool fits)
    {
        var r = new ClusterEvictionPlugin().Filter(Ctx(Spec(evictions: tasks)), new ClusterInfo(Cluster("m1")));
        Assert.True(fits == r.IsSuccess, name);
        if (!fits) Assert.Equal([ClusterEvictionPlugin.Reason], r.ReasonList);
    }
}
