using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Framework;
using Flotilla.Scheduler.Framework.Plugins.SpreadConstraint;
using static Flotilla.Scheduler.Tests.TestData;
using KarmadaSpreadConstraint = Flotilla.Core.Karmada.SpreadConstraint;

namespace Flotilla.Scheduler.Tests.Framework.Plugins.SpreadConstraint;

public class SpreadConstraintPluginTests
{
    public static TheoryData<string, string?, Cluster, string?> Cases => new()
    {
        { "no constraint", null, Cluster("m"), null },
        { "cluster field never filters", SpreadByFields.Cluster, Cluster("m"), null },
        { "provider present", SpreadByFields.Provider, Cluster("m", provider: "aws"), null },
        { "provider missing", SpreadByFields.Provider, Cluster("m"), "cluster(s) did not have provider property" },
        { "region present", SpreadByFields.Region, Cluster("m", region: "r1"), null },
        { "region missing", SpreadByFields.Region, Cluster("m"), "cluster(s) did not have region property" },
        { "zones present", SpreadByFields.Zone, Cluster("m", zones: ["z"]), null },
        { "zones missing", SpreadByFields.Zone, Cluster("m"), "cluster(s) did not have zones property" },
        { "label constraint does not filter", null, Cluster("m"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter(string name, string? field, Cluster cluster, string? reason)
    {
        var spec = Spec(new Placement
        {
            SpreadConstraints = field is null ? [new KarmadaSpreadConstraint { SpreadByLabel = "team", MinGroups = 1 }]
                : [new KarmadaSpreadConstraint { SpreadByField = SpreadByFields.Cluster, MinGroups = 1, MaxGroups = 2 }, new KarmadaSpreadConstraint { SpreadByField = field, MinGroups = 1 }],
        });
        var r = new SpreadConstraintPlugin().Filter(Ctx(spec), new ClusterInfo(cluster));
        if (reason is null) Assert.True(r.IsSuccess, name);
        else Assert.Equal([reason], r.ReasonList);
    }
}
