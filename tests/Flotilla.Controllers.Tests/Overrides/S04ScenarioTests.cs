using System.Text.Json.Nodes;
using Flotilla.Controllers.Overrides;
using Flotilla.Core;

namespace Flotilla.Controllers.Tests.Overrides;

/// <summary>The s04-overrides-argo expectations for labels and annotations per cluster.</summary>
public class S04ScenarioTests
{
    private static OverridePolicyEntry Policy(string yaml, string name)
    {
        var obj = TestYaml.One(yaml, "OverridePolicy", name);
        obj.Metadata()["namespace"] = "default"; // applied with kubectl into the default namespace
        return OverridePolicyEntry.FromJson(obj);
    }

    private static JsonObject App(string name)
    {
        var obj = TestYaml.One(S04Manifests.Apps, "Deployment", name);
        obj.Metadata()["namespace"] = "default";
        return obj;
    }

    private static IEnumerable<OverridePolicyEntry> AllPolicies() =>
    [
        Policy(S04Manifests.RedisOp, "redis-op"),
        Policy(S04Manifests.RabbitmqOp, "rabbitmq-op"),
        Policy(S04Manifests.NginxOpAndPropagation, "nginx-op"),
    ];

    private static string Map(JsonObject o, string field) =>
        string.Join(",", ((o["metadata"] as JsonObject)?[field] as JsonObject ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value!.GetValue<string>()));

    public static TheoryData<string, string, string, string> Expectations => new()
    {
        // app, cluster, labels, annotations
        { "redis", "pegasus-2", "app=redis,bar=test,env=skoala-dev,env-stat=skoala-stage", "bom=bom,emma=emma" },
        { "redis", "pegasus", "app=redis,bar=bar,for=for", "emma=sophia,env=skoala-stage" },
        { "rabbitmq", "pegasus-2", "app=rabbitmq,bar=test,env=skoala-dev,env-stat=skoala-stage", "bom=bom,emma=emma" },
        { "rabbitmq", "pegasus", "app=rabbitmq,bar=bar,for=for", "emma=sophia,env=skoala-stage" },
        { "nginx", "pegasus-2", "app=nginx,bar=test,env=skoala-dev,env-stat=skoala-stage", "" },
        { "nginx", "pegasus", "app=nginx,bar=bar,for=for", "" },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Overrides_PerCluster(string app, string cluster, string labels, string annotations)
    {
        var template = App(app);
        var before = template.ToJsonString();
        var result = new OverrideEngine().Apply(template, OverrideTargetCluster.Named(cluster), [], AllPolicies());
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(labels, Map(result.Manifest, "labels"));
        Assert.Equal(annotations, Map(result.Manifest, "annotations"));
        // The control plane's own object keeps its original labels and annotations.
        Assert.Equal(before, template.ToJsonString());
        var expectApplied = app != "nginx" || cluster == "pegasus-2";
        Assert.Equal(expectApplied, result.AppliedOverridesAnnotation is not null);
        if (result.AppliedOverridesAnnotation is { } annotation)
        {
            var applied = JsonNode.Parse(annotation)!.AsArray();
            Assert.Single(applied);
            Assert.Equal(app + "-op", applied[0]!["policyName"]!.GetValue<string>());
        }
    }
}
