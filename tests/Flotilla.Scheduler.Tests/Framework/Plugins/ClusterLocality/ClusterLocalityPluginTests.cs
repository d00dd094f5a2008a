using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Framework;
using Flotilla.Scheduler.Framework.Plugins.ClusterLocality;
using static Flotilla.Scheduler.Tests.TestData;

namespace Flotilla.Scheduler.Tests.Framework.Plugins.ClusterLocality;

public class ClusterLocalityPluginTests
{
    public static TheoryData<string, List<TargetCluster>?, long> Cases => new()
    {
        { "first schedule", null, 0 },
        { "empty result", [], 0 },
        { "already scheduled here", Targets(("m1", 1), ("m2", 1)), 100 },
        { "scheduled elsewhere", Targets(("m2", 3)), 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Score(string name, List<TargetCluster>? scheduled, long expected)
    {
        var s = new ClusterLocalityPlugin().Score(new ScoreContext(Spec(clusters: scheduled), null), new ClusterInfo(Cluster("m1")));
        Assert.True(expected == s, name);
    }
}
