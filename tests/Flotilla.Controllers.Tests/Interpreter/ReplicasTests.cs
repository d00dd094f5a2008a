using System.Text.Json.Nodes;
using Flotilla.Controllers.Interpreter;

namespace Flotilla.Controllers.Tests.Interpreter;

public class ReplicasTests
{
    private static readonly ResourceInterpreter Interpreter = new();

    private static JsonObject Workload(string apiVersion, string kind, string spec) => J.O($$"""
        { "apiVersion": "{{apiVersion}}", "kind": "{{kind}}", "metadata": { "name": "w", "namespace": "ns1" }, "spec": {{spec}} }
        """);

    private const string PodTemplate = """
        "template": { "spec": { "containers": [ { "name": "a", "image": "x", "resources": { "requests": { "cpu": "100m", "memory": "128Mi" } } },
                                                { "name": "b", "image": "y", "resources": { "requests": { "cpu": "1", "memory": "1G" } } } ] } }
        """;

    public static TheoryData<string, string, string, int, string?> Cases => new()
    {
        // apiVersion, kind, spec, replicas, requirements JSON
        { "apps/v1", "Deployment", "{ \"replicas\": 3, " + PodTemplate + " }", 3, """{"resourceRequest":{"cpu":"1100m","memory":"1134217728"},"namespace":"ns1"}""" },
        { "apps/v1", "Deployment", "{ \"template\": { \"spec\": { \"containers\": [ { \"name\": \"a\", \"image\": \"x\" } ] } } }", 0, null },
        { "apps/v1", "ReplicaSet", "{ \"replicas\": 2, \"template\": { \"spec\": { \"containers\": [ { \"name\": \"a\", \"resources\": { \"requests\": { \"memory\": \"1Gi\" } } } ] } } }", 2, """{"resourceRequest":{"memory":"1Gi"},"namespace":"ns1"}""" },
        { "apps/v1", "StatefulSet", "{ \"replicas\": 5, \"template\": { \"spec\": { \"nodeSelector\": { \"disk\": \"ssd\" }, \"priorityClassName\": \"high\", \"containers\": [ { \"name\": \"a\" } ] } } }", 5, """{"nodeClaim":{"nodeSelector":{"disk":"ssd"}},"namespace":"ns1","priorityClassName":"high"}""" },
        { "batch/v1", "Job", "{ \"parallelism\": 3, \"completions\": 2, \"template\": { \"spec\": { \"containers\": [ { \"name\": \"a\" } ] } } }", 2, null },
        { "batch/v1", "Job", "{ \"parallelism\": 4, \"template\": { \"spec\": { \"containers\": [ { \"name\": \"a\" } ] } } }", 4, null },
        { "batch/v1", "Job", "{ \"completions\": 5, \"template\": { \"spec\": { \"containers\": [ { \"name\": \"a\" } ] } } }", 1, null },
        { "apps/v1", "DaemonSet", "{ " + PodTemplate + " }", 0, null },
        { "v1", "ConfigMap", "{}", 0, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GetReplicas_PerKind(string apiVersion, string kind, string spec, int replicas, string? requirements)
    {
        var result = Interpreter.GetReplicas(Workload(apiVersion, kind, spec));
        Assert.Equal(replicas, result.Replicas);
        Assert.Equal(requirements, J.S(result.Requirements));
        Assert.Equal(replicas > 0 || requirements is not null, result.IsWorkload);
    }

    [Fact]
    public void GetReplicas_Pod_IsOneWithPodSpecRequirements()
    {
        var pod = J.O("""
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "p", "namespace": "default" },
              "spec": { "tolerations": [ { "key": "gpu", "operator": "Exists" } ],
                        "affinity": { "nodeAffinity": { "requiredDuringSchedulingIgnoredDuringExecution": { "nodeSelectorTerms": [ { "matchExpressions": [ { "key": "zone", "operator": "In", "values": ["a"] } ] } ] } } },
                        "containers": [ { "name": "c", "resources": { "requests": { "nvidia.com/gpu": "1" } } } ] } }
            """);
        var result = Interpreter.GetReplicas(pod);
        Assert.Equal(1, result.Replicas);
        Assert.Equal(
            """{"nodeClaim":{"hardNodeAffinity":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}]},"tolerations":[{"key":"gpu","operator":"Exists"}]},"resourceRequest":{"nvidia.com/gpu":"1"},"namespace":"default"}""",
            J.S(result.Requirements));
    }

    public static TheoryData<string[], string[], string?, string> Requests => new()
    {
        // container cpu requests, init container cpu requests, overhead cpu, expected cpu
        { ["100m", "200m"], [], null, "300m" },
        { ["1", "500m"], [], null, "1500m" },
        { ["250m"], ["2"], null, "2" },
        { ["250m", "250m"], ["400m"], "100m", "600m" },
        { ["0.5", "1500m"], [], null, "2" },
        { ["1000"], [], null, "1k" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void GetReplicas_CpuRequestSum_MaxInit_PlusOverhead(string[] containers, string[] inits, string? overhead, string expected)
    {
        static JsonArray List(string[] cpus) => new(cpus.Select((c, i) => (JsonNode?)J.O($$"""{ "name": "c{{i}}", "resources": { "requests": { "cpu": "{{c}}" } } }""")).ToArray());
        var spec = new JsonObject { ["containers"] = List(containers), ["initContainers"] = List(inits) };
        if (overhead is not null) spec["overhead"] = new JsonObject { ["cpu"] = overhead };
        var deploy = new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["metadata"] = new JsonObject { ["name"] = "d" },
            ["spec"] = new JsonObject { ["replicas"] = 1, ["template"] = new JsonObject { ["spec"] = spec } },
        };
        Assert.Equal(expected, J.At(Interpreter.GetReplicas(deploy).Requirements, "resourceRequest.cpu")!.GetValue<string>());
    }

    public static TheoryData<string, string, long, long?, string> Revisions => new()
    {
        // kind/apiVersion, spec, replicas, completions, expected spec
        { "apps/v1/Deployment", """{"replicas":3}""", 1, null, """{"replicas":1}""" },
        { "apps/v1/Deployment", """{"paused":true}""", 1, null, """{"paused":true}""" },
        { "apps/v1/StatefulSet", """{"replicas":3}""", 2, null, """{"replicas":2}""" },
        { "apps/v1/ReplicaSet", """{"replicas":3}""", 0, null, """{"replicas":0}""" },
        { "batch/v1/Job", """{"parallelism":4,"completions":10}""", 2, 5L, """{"parallelism":2,"completions":5}""" },
        { "batch/v1/Job", """{"parallelism":4}""", 2, 5L, """{"parallelism":2}""" },
        { "v1/ConfigMap", """{"x":1}""", 9, null, """{"x":1}""" },
    };

    [Theory]
    [MemberData(nameof(Revisions))]
    public void ReviseReplica_OnlyExistingFields(string gvk, string spec, long replicas, long? completions, string expected)
    {
        var cut = gvk.LastIndexOf('/');
        var template = Workload(gvk[..cut], gvk[(cut + 1)..], spec);
        var before = template.ToJsonString();
        var revised = Interpreter.ReviseReplica(template, replicas, completions);
        Assert.Equal(expected, J.S(revised["spec"]));
        Assert.Equal(before, template.ToJsonString());
    }
}
