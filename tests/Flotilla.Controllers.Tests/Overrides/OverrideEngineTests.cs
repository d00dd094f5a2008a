using System.Text.Json.Nodes;
using Flotilla.Controllers.Overrides;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Tests.Overrides;

public class OverrideEngineTests
{
    private static JsonObject Selector(string? name = null, string? labelSelector = null, string kind = "Deployment")
    {
        var s = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = kind };
        if (name is not null) s["name"] = name;
        if (labelSelector is not null) s["labelSelector"] = JsonNode.Parse(labelSelector);
        return s;
    }

    /// <summary>A policy whose only effect is appending its name to annotation "order" (so application order is visible).</summary>
    private static OverridePolicyEntry Marker(string name, string? ns, params JsonObject[] selectors) => new(name, ns, new OverridePolicySpec
    {
        ResourceSelectors = selectors.Length == 0 ? null : selectors,
        OverrideRules = [new RuleWithCluster { Overriders = new Overriders { Plaintext = [new PlaintextOverrider { Operator = "add", Path = "/metadata/annotations/order-" + name, Value = JsonValue.Create(name) }] } }],
    });

    private static string Order(JsonObject manifest) =>
        string.Join(",", manifest["metadata"]!["annotations"]!.AsObject().Select(kv => kv.Key).Where(k => k.StartsWith("order-", StringComparison.Ordinal)).Select(k => k[6..]));

    public static TheoryData<string, OverridePolicyEntry[], OverridePolicyEntry[], string> Orders => new()
    {
        {
            "implicit priority ascending: match-all < labelSelector < name",
            [],
            [Marker("a-name", "default", Selector("nginx")), Marker("b-label", "default", Selector(labelSelector: """{"matchLabels":{"app":"nginx"}}""")), Marker("c-all", "default", Selector()), Marker("d-empty", "default")],
            "c-all,d-empty,b-label,a-name"
        },
        {
            "cluster policies first, then namespaced",
            [Marker("z-cop", null, Selector("nginx")), Marker("a-cop", null)],
            [Marker("a-op", "default")],
            "a-cop,z-cop,a-op"
        },
        {
            "ties broken by name; non-matching and other-namespace policies skipped",
            [Marker("cop-other-kind", null, Selector(kind: "StatefulSet"))],
            [Marker("b", "default", Selector("nginx")), Marker("a", "default", Selector("nginx")), Marker("other-ns", "kube-system"), Marker("no-match", "default", Selector("redis"))],
            "a,b"
        },
        {
            "highest selector priority of a policy counts",
            [],
            [Marker("a-multi", "default", Selector(), Selector("nginx")), Marker("b-label", "default", Selector(labelSelector: "{}"))],
            "b-label,a-multi"
        },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void Apply_OrderAcrossPolicies(string because, OverridePolicyEntry[] cops, OverridePolicyEntry[] ops, string expected)
    {
        var result = new OverrideEngine().Apply(OverridersTests.Deployment(), OverrideTargetCluster.Named("m1"), cops, ops);
        Assert.True(result.Succeeded, because);
        Assert.Equal(expected, Order(result.Manifest));
    }

    [Fact]
    public void Apply_ClusterScopedTemplate_SkipsNamespacedPolicies()
    {
        var ns = JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team","annotations":{}}}""")!.AsObject();
        var result = new OverrideEngine().Apply(ns, OverrideTargetCluster.Named("m1"), [Marker("cop", null)], [Marker("op", "")]);
        Assert.Equal("cop", Order(result.Manifest!));
        Assert.NotNull(result.AppliedClusterOverridesAnnotation);
        Assert.Null(result.AppliedOverridesAnnotation);
    }

    [Fact]
    public void Apply_RulesByTargetCluster_AndDeprecatedPair()
    {
        var policy = new OverridePolicyEntry("p", "default", OverridePolicySpec.FromJson(JsonNode.Parse("""
            { "overrideRules": [
                { "targetCluster": { "clusterNames": ["m1"] }, "overriders": { "labelsOverrider": [ { "operator": "add", "value": { "r0": "x" } } ] } },
                { "overriders": { "labelsOverrider": [ { "operator": "add", "value": { "r1": "x" } } ] } },
                { "targetCluster": { "labelSelector": { "matchLabels": { "tier": "gold" } } }, "overriders": { "labelsOverrider": [ { "operator": "add", "value": { "r2": "x" } } ] } },
                { "targetCluster": { "exclude": ["m1"] }, "overriders": { "labelsOverrider": [ { "operator": "add", "value": { "r3": "x" } } ] } },
                { "targetCluster": { "fieldSelector": { "matchExpressions": [ { "key": "region", "operator": "In", "values": ["eu"] }, { "key": "zone", "operator": "In", "values": ["eu-1", "eu-2"] } ] } },
                  "overriders": { "labelsOverrider": [ { "operator": "add", "value": { "r4": "x" } } ] } }
            ] }
            """)));
        var legacy = new OverridePolicyEntry("legacy", "default", OverridePolicySpec.FromJson(JsonNode.Parse("""
            { "targetCluster": { "clusterNames": ["m2"] }, "overriders": { "labelsOverrider": [ { "operator": "add", "value": { "legacy": "x" } } ] } }
            """)));
        var engine = new OverrideEngine();
        string Keys(OverrideTargetCluster c) =>
            string.Join(",", engine.Apply(OverridersTests.Deployment(), c, [], [policy, legacy]).Manifest!["metadata"]!["labels"]!.AsObject()
                .Select(kv => kv.Key).Where(k => k.StartsWith('r') || k == "legacy"));

        Assert.Equal("r0,r1", Keys(OverrideTargetCluster.Named("m1")));
        // "legacy" sorts before "p" (both match all), so it is applied first.
        Assert.Equal("legacy,r1,r2,r3,r4", Keys(new OverrideTargetCluster("m2", new Dictionary<string, string> { ["tier"] = "gold" }, "aws", "eu", ["eu-1"])));
        Assert.Equal("r1,r3", Keys(new OverrideTargetCluster("m3", new Dictionary<string, string>(), "aws", "eu", ["eu-1", "us-1"])));
    }

    public static TheoryData<string, string, string, bool> TargetClusters => new()
    {
        // because, targetCluster JSON, cluster zones, rule applies — cluster "m1" (tier=gold, provider aws, region eu)
        { "zone In: every cluster zone listed", """{"fieldSelector":{"matchExpressions":[{"key":"zone","operator":"In","values":["eu-1","eu-2"]}]}}""", "eu-1,eu-2", true },
        { "zone In: one cluster zone not listed", """{"fieldSelector":{"matchExpressions":[{"key":"zone","operator":"In","values":["eu-1"]}]}}""", "eu-1,us-1", false },
        { "zone In: no zones", """{"fieldSelector":{"matchExpressions":[{"key":"zone","operator":"In","values":["eu-1"]}]}}""", "", false },
        { "zone NotIn: overlap", """{"fieldSelector":{"matchExpressions":[{"key":"zone","operator":"NotIn","values":["us-1"]}]}}""", "eu-1,us-1", false },
        { "zone NotIn: no overlap", """{"fieldSelector":{"matchExpressions":[{"key":"zone","operator":"NotIn","values":["us-1"]}]}}""", "eu-1", true },
        { "zone Exists", """{"fieldSelector":{"matchExpressions":[{"key":"zone","operator":"Exists"}]}}""", "eu-1", true },
        { "region NotIn", """{"fieldSelector":{"matchExpressions":[{"key":"region","operator":"NotIn","values":["eu"]}]}}""", "", false },
        { "provider In with an empty value list is invalid", """{"fieldSelector":{"matchExpressions":[{"key":"provider","operator":"In","values":[]}]}}""", "", false },
        { "label NotIn without values is invalid", """{"labelSelector":{"matchExpressions":[{"key":"tier","operator":"NotIn"}]}}""", "", false },
        { "labels AND names", """{"clusterNames":["m1"],"labelSelector":{"matchLabels":{"tier":"gold"}}}""", "", true },
        { "malformed affinity matches nothing", """{"clusterNames":"m1"}""", "", false },
    };

    /// <summary>Override rules and the scheduler share one matcher (Karmada's util.ClusterMatches): a rule's
    /// targetCluster selects exactly the clusters a placement with the same affinity would.</summary>
    [Theory]
    [MemberData(nameof(TargetClusters))]
    public void Apply_TargetCluster_MatchesLikeTheScheduler(string because, string targetCluster, string zones, bool applies)
    {
        var zoneList = zones.Length == 0 ? null : zones.Split(',').ToList();
        var labels = new Dictionary<string, string> { ["tier"] = "gold" };
        var policy = new OverridePolicyEntry("p", "default", new OverridePolicySpec
        {
            OverrideRules = [new RuleWithCluster
            {
                TargetCluster = JsonNode.Parse(targetCluster)!.AsObject(),
                Overriders = new Overriders { LabelsOverrider = [new LabelAnnotationOverrider { Operator = "add", Value = new Dictionary<string, string> { ["hit"] = "1" } }] },
            }],
        });
        var result = new OverrideEngine().Apply(OverridersTests.Deployment(), new OverrideTargetCluster("m1", labels, "aws", "eu", zoneList), [], [policy]);
        Assert.True(result.Succeeded, because);
        Assert.True(applies == (result.Manifest["metadata"]!["labels"]!["hit"] is not null), because);

        if (because.StartsWith("malformed", StringComparison.Ordinal)) return;
        var cluster = new Flotilla.Scheduler.Framework.ClusterInfo(new Cluster
        {
            Metadata = new ObjectMeta { Name = "m1", Labels = labels },
            Spec = new ClusterSpec { SyncMode = ClusterSyncModes.Push, Provider = "aws", Region = "eu", Zones = zoneList },
        });
        Assert.True(applies == Flotilla.Scheduler.Framework.ClusterMatcher.Matches(cluster, KarmadaJson.Deserialize<ClusterAffinity>(targetCluster)), because + " (scheduler)");
    }

    [Fact]
    public void Apply_PluggableMatcher()
    {
        var policy = new OverridePolicyEntry("p", "default", new OverridePolicySpec
        {
            OverrideRules = [new RuleWithCluster { TargetCluster = new JsonObject(), Overriders = new Overriders { LabelsOverrider = [new LabelAnnotationOverrider { Operator = "add", Value = new Dictionary<string, string> { ["hit"] = "1" } }] } }],
        });
        var result = new OverrideEngine(new NeverMatcher()).Apply(OverridersTests.Deployment(), OverrideTargetCluster.Named("m1"), [], [policy]);
        Assert.Null(result.Manifest!["metadata"]!["labels"]!["hit"]);
        Assert.Null(result.AppliedOverridesAnnotation);
    }

    private sealed class NeverMatcher : IClusterMatcher
    {
        public bool Matches(JsonObject clusterAffinity, OverrideTargetCluster cluster) => false;
    }

    [Fact]
    public void Apply_AppliedOverridesAnnotation_KarmadaShapeSortedByName()
    {
        var b = new OverridePolicyEntry("b", "default", new OverridePolicySpec
        {
            ResourceSelectors = [Selector("nginx")],
            OverrideRules = [new RuleWithCluster { Overriders = new Overriders { LabelsOverrider = [new LabelAnnotationOverrider { Operator = "add", Value = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" } }] } }],
        });
        var a = new OverridePolicyEntry("a", "default", new OverridePolicySpec
        {
            OverrideRules = [new RuleWithCluster { Overriders = new Overriders { ImageOverrider = [new ImageOverrider { Component = "Tag", Operator = "remove" }], Plaintext = [new PlaintextOverrider { Operator = "remove", Path = "/spec/paused" }] } }],
        });
        var template = OverridersTests.Deployment();
        template["spec"]!["paused"] = false;
        var result = new OverrideEngine().Apply(template, OverrideTargetCluster.Named("m1"), [], [b, a]);
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(
            """[{"policyName":"a","overriders":{"plaintext":[{"path":"/spec/paused","operator":"remove","value":null}],"imageOverrider":[{"component":"Tag","operator":"remove"}]}},{"policyName":"b","overriders":{"labelsOverrider":[{"operator":"add","value":{"a":"2","z":"1"}}]}}]""",
            result.AppliedOverridesAnnotation);
        Assert.Null(result.AppliedClusterOverridesAnnotation);
    }

    [Fact]
    public void Apply_Error_StopsAndKeepsTemplateUntouched()
    {
        var template = OverridersTests.Deployment();
        var before = template.ToJsonString();
        var bad = new OverridePolicyEntry("bad", null, new OverridePolicySpec
        {
            OverrideRules = [
                new RuleWithCluster { Overriders = new Overriders { LabelsOverrider = [new LabelAnnotationOverrider { Operator = "add", Value = new Dictionary<string, string> { ["x"] = "1" } }] } },
                new RuleWithCluster { Overriders = new Overriders { Plaintext = [new PlaintextOverrider { Operator = "remove", Path = "/spec/nothing" }] } },
            ],
        });
        var result = new OverrideEngine().Apply(template, OverrideTargetCluster.Named("m1"), [bad], []);
        Assert.False(result.Succeeded);
        Assert.Null(result.Manifest);
        Assert.Equal(("bad", null, 1, "plaintext", 0), (result.Error.PolicyName, result.Error.PolicyNamespace, result.Error.RuleIndex, result.Error.Overrider, result.Error.OverriderIndex));
        Assert.Equal("ClusterOverridePolicy", result.Error.PolicyKind);
        Assert.Equal(before, template.ToJsonString());
    }

    [Fact]
    public void TryFromJson_MalformedSpec_ReportsError()
    {
        var bad = JsonNode.Parse("""{"kind":"OverridePolicy","metadata":{"name":"bad","namespace":"d"},"spec":{"overrideRules":[{"overriders":{"labelsOverrider":[{"operator":"add","value":["not","a","map"]}]}}]}}""")!.AsObject();
        Assert.False(OverridePolicyEntry.TryFromJson(bad, out _, out var error));
        Assert.StartsWith("invalid spec of OverridePolicy bad: ", error, StringComparison.Ordinal);
        Assert.True(OverridePolicyEntry.TryFromJson(TestYaml.One(S04Manifests.RedisOp, "OverridePolicy", "redis-op"), out var ok, out _));
        Assert.Equal("redis-op", ok.Name);
    }

    [Fact]
    public void FromJson_ReadsPolicyObject()
    {
        var p = OverridePolicyEntry.FromJson(TestYaml.One(S04Manifests.RedisOp, "OverridePolicy", "redis-op"));
        Assert.Equal("redis-op", p.Name);
        Assert.Null(p.Namespace);
        Assert.Equal(2, p.Spec.OverrideRules!.Count);
        Assert.Equal(4, p.Spec.OverrideRules[0].Overriders.LabelsOverrider!.Count);
        Assert.Equal("sophia", p.Spec.OverrideRules[1].Overriders.AnnotationsOverrider![2].Value!["emma"]);
    }
}

public class OverrideEventsTests
{
    [Fact]
    public void Messages_MatchKarmada()
    {
        Assert.Equal("Apply cluster override policy(cop) for cluster(m1) succeed.", OverrideEvents.Succeeded("cop", null, "m1"));
        Assert.Equal("Apply override policy(ns/op) for cluster(m1) succeed.", OverrideEvents.Succeeded("op", "ns", "m1"));
        Assert.Equal("Apply override policy(ns/op) for cluster(m2) failed.", OverrideEvents.Failed(new OverrideError("op", "ns", 0, "plaintext", 0, "x"), "m2"));
        Assert.Equal("Apply cluster override policy(cop) for cluster(m2) failed.", OverrideEvents.Failed(new OverrideError("cop", null, 0, "plaintext", 0, "x"), "m2"));
    }
}
