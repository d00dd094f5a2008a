using Flotilla.Core.Karmada;

namespace Flotilla.Core.Tests.Karmada;

public class ClusterAffinityMatchingTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["env"] = "prod" };

    public static TheoryData<string, string, string, bool> Cases => new()
    {
        // because, ClusterAffinity JSON, cluster zones (comma-separated, "" = none), matches — for cluster "m1" with
        // labels env=prod, provider aws, region eu-west-1
        { "empty affinity matches all", "{}", "a,b", true },
        { "exclude first", """{"clusterNames":["m1"],"exclude":["m1"]}""", "a", false },
        { "names", """{"clusterNames":["m2","m1"]}""", "a", true },
        { "names miss", """{"clusterNames":["m2"]}""", "a", false },
        { "labels", """{"labelSelector":{"matchLabels":{"env":"prod"}}}""", "", true },
        { "labels miss", """{"labelSelector":{"matchLabels":{"env":"dev"}}}""", "", false },
        { "label In without values is invalid", """{"labelSelector":{"matchExpressions":[{"key":"env","operator":"In"}]}}""", "", false },
        { "label NotIn without values is invalid", """{"labelSelector":{"matchExpressions":[{"key":"tier","operator":"NotIn"}]}}""", "", false },
        { "label Exists with values is invalid", """{"labelSelector":{"matchExpressions":[{"key":"env","operator":"Exists","values":["x"]}]}}""", "", false },
        { "label unknown operator", """{"labelSelector":{"matchExpressions":[{"key":"env","operator":"Equals","values":["prod"]}]}}""", "", false },
        // Karmada's Test_matchZones
        { "zone In, cluster has no zones", Zone("In", "foo"), "", false },
        { "zone In, only some zones listed", Zone("In", "foo"), "foo,bar", false },
        { "zone In, all zones listed", Zone("In", "foo", "bar"), "foo,bar", true },
        { "zone In, more values than zones", Zone("In", "foo", "bar", "baz"), "bar", true },
        { "zone NotIn, cluster has no zones", Zone("NotIn", "foo"), "", true },
        { "zone NotIn, one zone listed", Zone("NotIn", "foo"), "foo,bar", false },
        { "zone NotIn, none listed", Zone("NotIn", "baz"), "foo,bar", true },
        { "zone Exists", Zone("Exists"), "foo", true },
        { "zone Exists, no zones", Zone("Exists"), "", false },
        { "zone DoesNotExist", Zone("DoesNotExist"), "", true },
        { "zone DoesNotExist, has zones", Zone("DoesNotExist"), "foo", false },
        { "zone unknown operator", Zone("Gt", "1"), "foo", false },
        // provider / region as a label selector over the cluster's fields
        { "provider In", Field("provider", "In", "aws", "gcp"), "", true },
        { "provider NotIn", Field("provider", "NotIn", "aws"), "", false },
        { "region In miss", Field("region", "In", "us-east-1"), "", false },
        { "region Exists", Field("region", "Exists"), "", true },
        { "unknown field NotIn", Field("cloud", "NotIn", "x"), "", true },
        { "unknown field In", Field("cloud", "In", "x"), "", false },
        { "field In without values is invalid", Field("provider", "In"), "", false },
        { "field Gt with a non-number is invalid", Field("region", "Gt", "x"), "", false },
        { "field Gt on a non-number value", Field("region", "Gt", "1"), "", false },
        { "fields ANDed with zones", """{"fieldSelector":{"matchExpressions":[{"key":"provider","operator":"In","values":["aws"]},{"key":"zone","operator":"In","values":["a"]}]}}""", "a", true },
        { "all criteria ANDed", """{"clusterNames":["m1"],"labelSelector":{"matchLabels":{"env":"prod"}},"fieldSelector":{"matchExpressions":[{"key":"region","operator":"In","values":["us"]}]}}""", "", false },
    };

    private static string Zone(string op, params string[] values) => Field("zone", op, values);

    private static string Field(string key, string op, params string[] values)
    {
        var requirement = new System.Text.Json.Nodes.JsonObject { ["key"] = key, ["operator"] = op };
        if (values.Length > 0) requirement["values"] = new System.Text.Json.Nodes.JsonArray(values.Select(v => (System.Text.Json.Nodes.JsonNode?)v).ToArray());
        return "{\"fieldSelector\":{\"matchExpressions\":[" + requirement.ToJsonString() + "]}}";
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches(string because, string affinityJson, string zones, bool expected)
    {
        var affinity = KarmadaJson.Deserialize<ClusterAffinity>(affinityJson);
        var zoneList = zones.Length == 0 ? [] : zones.Split(',');
        Assert.True(expected == ClusterAffinityMatching.Matches(affinity, "m1", Labels, "aws", "eu-west-1", zoneList), because);
    }
}
