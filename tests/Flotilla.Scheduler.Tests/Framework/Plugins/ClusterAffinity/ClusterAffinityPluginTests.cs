using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Framework;
using Flotilla.Scheduler.Framework.Plugins.ClusterAffinity;
using static Flotilla.Scheduler.Tests.TestData;
using KarmadaClusterAffinity = Flotilla.Core.Karmada.ClusterAffinity;

namespace Flotilla.Scheduler.Tests.Framework.Plugins.ClusterAffinity;

public class ClusterAffinityPluginTests
{
    private static readonly Cluster M1 = Cluster("member1", labels: new() { ["env"] = "prod", ["tier"] = "gold" },
        provider: "aws", region: "us-east-1", zones: ["us-east-1a", "us-east-1b"]);
    private static readonly Cluster Bare = Cluster("bare");

    private static NodeSelectorRequirement Field(string key, string op, params string[] values) =>
        new() { Key = key, Operator = op, Values = values.Length == 0 ? null : [.. values] };

    public static TheoryData<string, KarmadaClusterAffinity?, Cluster, bool> Cases => new()
    {
        { "no affinity matches all", null, M1, true },
        { "empty affinity matches all", new KarmadaClusterAffinity(), M1, true },
        { "clusterNames hit", new KarmadaClusterAffinity { ClusterNames = ["member1", "member2"] }, M1, true },
        { "clusterNames miss", new KarmadaClusterAffinity { ClusterNames = ["member2"] }, M1, false },
        { "exclude", new KarmadaClusterAffinity { ExcludeClusters = ["member1"] }, M1, false },
        { "exclude wins over names", new KarmadaClusterAffinity { ClusterNames = ["member1"], ExcludeClusters = ["member1"] }, M1, false },
        { "labels match", new KarmadaClusterAffinity { LabelSelector = new KubeLabelSelector { MatchLabels = new() { ["env"] = "prod" } } }, M1, true },
        { "labels mismatch", new KarmadaClusterAffinity { LabelSelector = new KubeLabelSelector { MatchLabels = new() { ["env"] = "dev" } } }, M1, false },
        { "label expression NotIn", new KarmadaClusterAffinity { LabelSelector = new KubeLabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "NotIn", Values = ["gold"] }] } }, M1, false },
        { "label expression DoesNotExist on bare", new KarmadaClusterAffinity { LabelSelector = new KubeLabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "DoesNotExist" }] } }, Bare, true },
        { "labels AND names", new KarmadaClusterAffinity { ClusterNames = ["member1"], LabelSelector = new KubeLabelSelector { MatchLabels = new() { ["env"] = "dev" } } }, M1, false },
        { "provider In", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("provider", "In", "aws", "gcp")] } }, M1, true },
        { "provider NotIn", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("provider", "NotIn", "aws")] } }, M1, false },
        { "region In miss", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("region", "In", "eu-west-1")] } }, M1, false },
        { "region NotIn without region", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("region", "NotIn", "eu-west-1")] } }, Bare, true },
        { "region In without region", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("region", "In", "eu-west-1")] } }, Bare, false },
        // Karmada's matchZones: In needs every zone of the cluster listed, not just one of them.
        { "zone In lists every cluster zone", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("zone", "In", "us-east-1b", "us-east-1a", "x")] } }, M1, true },
        { "zone In lists only some cluster zones", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("zone", "In", "us-east-1b", "x")] } }, M1, false },
        { "zone In no overlap", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("zone", "In", "x")] } }, M1, false },
        { "zone NotIn overlap", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("zone", "NotIn", "us-east-1a")] } }, M1, false },
        { "zone NotIn no overlap", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("zone", "NotIn", "x")] } }, M1, true },
        { "zone Exists", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("zone", "Exists")] } }, M1, true },
        { "zone Exists on bare", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("zone", "Exists")] } }, Bare, false },
        { "zone DoesNotExist on bare", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("zone", "DoesNotExist")] } }, Bare, true },
        { "all fields ANDed", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("provider", "In", "aws"), Field("region", "In", "us-east-1"), Field("zone", "In", "us-east-1a", "us-east-1b")] } }, M1, true },
        { "one field fails", new KarmadaClusterAffinity { FieldSelector = new ClusterFieldSelector { MatchExpressions = [Field("provider", "In", "aws"), Field("region", "In", "eu")] } }, M1, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter(string name, KarmadaClusterAffinity? affinity, Cluster cluster, bool fits)
    {
        var spec = Spec(new Placement { ClusterAffinity = affinity });
        var r = new ClusterAffinityPlugin().Filter(Ctx(spec), new ClusterInfo(cluster));
        Assert.True(fits == r.IsSuccess, name);
        if (!fits) Assert.Equal([ClusterAffinityPlugin.Reason], r.ReasonList);
    }

    public static TheoryData<string, KarmadaClusterAffinity?, string, bool> AntiAffinityCases => new()
    {
        { "listed cluster excluded without affinity", null, "prod-cluster", false },
        { "other clusters are candidates", null, "dev-cluster", true },
        { "excluded even when named by affinity", new KarmadaClusterAffinity { ClusterNames = ["prod-cluster", "dev-cluster"] }, "prod-cluster", false },
        { "affinity still applies", new KarmadaClusterAffinity { ClusterNames = ["qa-cluster"] }, "dev-cluster", false },
    };

    [Theory]
    [MemberData(nameof(AntiAffinityCases))]
    public void Seed_extension_cluster_anti_affinity(string name, KarmadaClusterAffinity? affinity, string cluster, bool fits)
    {
        var spec = Spec(new Placement
        {
            ClusterAffinity = affinity,
            ClusterAntiAffinity = new ClusterAntiAffinity { ClusterNames = ["prod-cluster"] },
        });
        var r = new ClusterAffinityPlugin().Filter(Ctx(spec), new ClusterInfo(Cluster(cluster)));
        Assert.True(fits == r.IsSuccess, name);
    }

    [Fact]
    public void Uses_the_affinity_term_of_the_attempt()
    {
        var spec = Spec(new Placement
        {
            ClusterAffinities =
            [
                new ClusterAffinityTerm { AffinityName = "a", ClusterNames = ["x"] },
                new ClusterAffinityTerm { AffinityName = "b", ClusterNames = ["member1"] },
            ],
        });
        var plugin = new ClusterAffinityPlugin();
        var m1 = new ClusterInfo(M1);
        Assert.False(plugin.Filter(Ctx(spec, spec.Placement!.ClusterAffinities![0]), m1).IsSuccess);
        Assert.True(plugin.Filter(Ctx(spec, spec.Placement.ClusterAffinities[1]), m1).IsSuccess);
        Assert.Equal(0, plugin.Score(new ScoreContext(spec, null), m1));
    }
}
