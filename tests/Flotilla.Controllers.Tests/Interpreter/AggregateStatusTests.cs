using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Interpreter;

namespace Flotilla.Controllers.Tests.Interpreter;

public class AggregateStatusTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly ResourceInterpreter Interpreter = new(new FixedTime(Now));

    private static ClusterStatusItem Item(string cluster, string? status) => new(cluster, status is null ? null : JsonNode.Parse(status));

    private static JsonObject Deployment(long generation, string? status = null) => J.O($$"""
        { "apiVersion": "apps/v1", "kind": "Deployment", "metadata": { "name": "d", "namespace": "n", "generation": {{generation}} },
          "spec": { "replicas": 4 } {{(status is null ? "" : ", \"status\": " + status)}} }
        """);

    public static TheoryData<string, long, string?, ClusterStatusItem[], string?> DeploymentCases => new()
    {
        // name, template generation, old status, items, expected new status (null = unchanged)
        {
            "sums and observes generation when all members caught up",
            2, null,
            [
                Item("m1", """{"generation":5,"resourceTemplateGeneration":2,"observedGeneration":5,"replicas":2,"readyReplicas":2,"updatedReplicas":2,"availableReplicas":2}"""),
                Item("m2", """{"generation":1,"resourceTemplateGeneration":2,"observedGeneration":1,"replicas":2,"readyReplicas":1,"updatedReplicas":2,"availableReplicas":1,"unavailableReplicas":1}"""),
            ],
            """{"observedGeneration":2,"replicas":4,"readyReplicas":3,"updatedReplicas":4,"availableReplicas":3,"unavailableReplicas":1}"""
        },
        {
            "member still on the old template keeps the previous observedGeneration",
            3, """{"observedGeneration":2,"replicas":4}""",
            [
                Item("m1", """{"generation":5,"resourceTemplateGeneration":3,"observedGeneration":5,"replicas":2}"""),
                Item("m2", """{"generation":1,"resourceTemplateGeneration":2,"observedGeneration":1,"replicas":2}"""),
            ],
            null
        },
        {
            "member controller behind keeps the previous observedGeneration but counters move",
            3, """{"observedGeneration":2,"replicas":4,"conditions":[{"type":"Available"}]}""",
            [
                Item("m1", """{"generation":6,"resourceTemplateGeneration":3,"observedGeneration":5,"replicas":3}"""),
                Item("m2", """{"generation":1,"resourceTemplateGeneration":3,"observedGeneration":1,"replicas":2}"""),
            ],
            """{"observedGeneration":2,"replicas":5,"conditions":[{"type":"Available"}]}"""
        },
        {
            "a member without collected status blocks observedGeneration",
            1, null,
            [Item("m1", """{"generation":1,"resourceTemplateGeneration":1,"observedGeneration":1,"replicas":1}"""), Item("m2", null)],
            """{"replicas":1}"""
        },
        {
            "already up to date",
            1, """{"observedGeneration":1,"replicas":1}""",
            [Item("m1", """{"generation":1,"resourceTemplateGeneration":1,"observedGeneration":1,"replicas":1}""")],
            null
        },
    };

    [Theory]
    [MemberData(nameof(DeploymentCases))]
    public void AggregateStatus_Deployment(string because, long generation, string? old, ClusterStatusItem[] items, string? expected)
    {
        var status = Interpreter.AggregateStatus(Deployment(generation, old), items);
        Assert.True(expected == J.S(status), because + ": " + J.S(status));
    }

    public static TheoryData<string, ClusterStatusItem[], string?> OtherWorkloads => new()
    {
        {
            """{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"r","generation":1}}""",
            [Item("a", """{"generation":1,"resourceTemplateGeneration":1,"observedGeneration":1,"replicas":1,"readyReplicas":1,"availableReplicas":1}"""), Item("b", """{"generation":1,"resourceTemplateGeneration":1,"observedGeneration":1,"replicas":2,"readyReplicas":1,"availableReplicas":0}""")],
            """{"observedGeneration":1,"replicas":3,"readyReplicas":2,"availableReplicas":1}"""
        },
        {
            """{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"s","generation":2}}""",
            [Item("a", """{"generation":4,"resourceTemplateGeneration":2,"observedGeneration":4,"availableReplicas":1,"currentReplicas":1,"readyReplicas":1,"replicas":1,"updatedReplicas":1}""")],
            """{"observedGeneration":2,"availableReplicas":1,"currentReplicas":1,"readyReplicas":1,"replicas":1,"updatedReplicas":1}"""
        },
        {
            """{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"ds","generation":1}}""",
            [Item("a", """{"generation":1,"resourceTemplateGeneration":1,"observedGeneration":1,"currentNumberScheduled":2,"desiredNumberScheduled":2,"numberAvailable":2,"numberReady":2,"updatedNumberScheduled":2}"""), Item("b", """{"generation":1,"resourceTemplateGeneration":1,"observedGeneration":1,"currentNumberScheduled":1,"desiredNumberScheduled":1,"numberMisscheduled":1,"numberReady":0,"updatedNumberScheduled":1,"numberUnavailable":1}""")],
            """{"observedGeneration":1,"currentNumberScheduled":3,"desiredNumberScheduled":3,"numberAvailable":2,"numberMisscheduled":1,"numberReady":2,"updatedNumberScheduled":3,"numberUnavailable":1}"""
        },
        {
            """{"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"h"},"status":{"currentMetrics":[]}}""",
            [Item("a", """{"currentReplicas":2,"desiredReplicas":3}"""), Item("b", """{"currentReplicas":1,"desiredReplicas":1}""")],
            """{"currentMetrics":[],"currentReplicas":3,"desiredReplicas":4}"""
        },
        {
            """{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"p"}}""",
            [Item("a", """{"disruptionsAllowed":1,"currentHealthy":2,"desiredHealthy":1,"expectedPods":2,"disruptedPods":{"pod-1":"2025-01-01T00:00:00Z"}}"""), Item("b", """{"disruptionsAllowed":0,"currentHealthy":1,"desiredHealthy":1,"expectedPods":1}""")],
            """{"disruptedPods":{"a/pod-1":"2025-01-01T00:00:00Z"},"disruptionsAllowed":1,"currentHealthy":3,"desiredHealthy":2,"expectedPods":3}"""
        },
        {
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""",
            [Item("a", """{"x":1}""")],
            null
        },
    };

    [Theory]
    [MemberData(nameof(OtherWorkloads))]
    public void AggregateStatus_OtherKinds(string template, ClusterStatusItem[] items, string? expected) =>
        Assert.Equal(expected, J.S(Interpreter.AggregateStatus(J.O(template), items)));

    public static TheoryData<string, string, string?, long?> ObservedGenerationRule()
    {
        // Every workload kind with Karmada's rule: the template's observedGeneration becomes its generation (3) only
        // when each member runs the latest template (resourceTemplateGeneration >= 3) and its own controller caught up
        // (observedGeneration >= generation); otherwise the previous value (2) stays.
        var data = new TheoryData<string, string, string?, long?>();
        foreach (var kind in new[] { "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet" })
        {
            data.Add(kind, "every member caught up", """{"generation":4,"resourceTemplateGeneration":3,"observedGeneration":4}""", 3);
            data.Add(kind, "a member newer than the template still counts", """{"generation":9,"resourceTemplateGeneration":5,"observedGeneration":9}""", 3);
            data.Add(kind, "a member still runs the previous template", """{"generation":4,"resourceTemplateGeneration":2,"observedGeneration":4}""", 2);
            data.Add(kind, "a member's controller has not observed its latest spec", """{"generation":5,"resourceTemplateGeneration":3,"observedGeneration":4}""", 2);
            data.Add(kind, "a member without collected status", null, 2);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ObservedGenerationRule))]
    public void AggregateStatus_ObservedGenerationRule_EveryWorkloadKind(string kind, string because, string? secondMember, long? expected)
    {
        var template = J.O("{\"apiVersion\":\"apps/v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"w\",\"namespace\":\"n\",\"generation\":3},\"status\":{\"observedGeneration\":2}}");
        ClusterStatusItem[] items =
        [
            Item("m1", """{"generation":7,"resourceTemplateGeneration":3,"observedGeneration":7,"replicas":1}"""),
            Item("m2", secondMember),
        ];
        var status = Interpreter.AggregateStatus(template, items) ?? template["status"]!.AsObject();
        Assert.True(expected == JsonValues.Long(status["observedGeneration"]), $"{kind}, {because}: {J.S(status)}");
    }

    private const string JobTemplate = """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j","generation":1}""";

    public static TheoryData<string, string?, ClusterStatusItem[], string?> JobCases => new()
    {
        {
            "running everywhere: sums, start time once all started",
            null,
            [Item("a", """{"active":1,"startTime":"2025-01-01T00:00:10Z"}"""), Item("b", """{"active":2,"startTime":"2025-01-01T00:00:05Z"}""")],
            """{"startTime":"2025-01-01T00:00:05Z","active":3}"""
        },
        {
            "one member not started yet: no start time",
            null,
            [Item("a", """{"active":1,"startTime":"2025-01-01T00:00:10Z"}"""), Item("b", """{}""")],
            """{"active":1}"""
        },
        {
            "all complete",
            null,
            [
                Item("a", """{"succeeded":1,"startTime":"2025-01-01T00:00:00Z","completionTime":"2025-01-01T00:01:00Z","conditions":[{"type":"Complete","status":"True"}]}"""),
                Item("b", """{"succeeded":2,"startTime":"2025-01-01T00:00:01Z","completionTime":"2025-01-01T00:02:00Z","conditions":[{"type":"SuccessCriteriaMet","status":"True"},{"type":"Complete","status":"True"}]}"""),
            ],
            """{"conditions":[{"type":"SuccessCriteriaMet","status":"True","lastProbeTime":"2025-01-02T03:04:05Z","lastTransitionTime":"2025-01-02T03:04:05Z","reason":"CompletionsReached","message":"Reached expected number of succeeded pods"},{"type":"Complete","status":"True","lastProbeTime":"2025-01-02T03:04:05Z","lastTransitionTime":"2025-01-02T03:04:05Z","reason":"Completed","message":"Job completed"}],"startTime":"2025-01-01T00:00:00Z","completionTime":"2025-01-01T00:02:00Z","succeeded":3}"""
        },
        {
            "some failed",
            null,
            [
                Item("a", """{"failed":2,"conditions":[{"type":"Failed","status":"True"}]}"""),
                Item("b", """{"succeeded":1,"conditions":[{"type":"Complete","status":"True"}]}"""),
                Item("c", """{"failed":1,"conditions":[{"type":"Failed","status":"True"}]}"""),
            ],
            """{"conditions":[{"type":"Failed","status":"True","lastProbeTime":"2025-01-02T03:04:05Z","lastTransitionTime":"2025-01-02T03:04:05Z","reason":"JobFailed","message":"Job executed failed in member clusters a,c"}],"succeeded":1,"failed":3}"""
        },
        {
            "finished job is frozen",
            """{"conditions":[{"type":"Complete","status":"True"}],"succeeded":3}""",
            [Item("a", """{"succeeded":9}""")],
            null
        },
    };

    [Theory]
    [MemberData(nameof(JobCases))]
    public void AggregateStatus_Job(string because, string? old, ClusterStatusItem[] items, string? expected)
    {
        var template = J.O(JobTemplate + (old is null ? "}" : ",\"status\":" + old + "}"));
        var status = Interpreter.AggregateStatus(template, items);
        Assert.True(expected == J.S(status), because + ": " + J.S(status));
    }

    [Fact]
    public void AggregateStatus_CronJob_ConcatenatesActiveAndTakesLatestTimes()
    {
        var template = J.O("""{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"c"}}""");
        var status = Interpreter.AggregateStatus(template, [
            Item("a", """{"active":[{"name":"j1"}],"lastScheduleTime":"2025-01-01T00:00:00Z","lastSuccessfulTime":"2025-01-01T00:05:00Z"}"""),
            Item("b", """{"active":[{"name":"j2"}],"lastScheduleTime":"2025-01-01T01:00:00Z"}"""),
        ]);
        Assert.Equal("""{"active":[{"name":"j1"},{"name":"j2"}],"lastScheduleTime":"2025-01-01T01:00:00Z","lastSuccessfulTime":"2025-01-01T00:05:00Z"}""", J.S(status));
    }

    public static TheoryData<string, string, ClusterStatusItem[], string?> NetworkCases => new()
    {
        {
            "load balancer service: union as reported (no cluster name filled in), hostnames first",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"LoadBalancer"}}""",
            [Item("m1", """{"loadBalancer":{"ingress":[{"ip":"1.1.1.1"}]}}"""), Item("m2", """{"loadBalancer":{"ingress":[{"ip":"2.2.2.2","hostname":"lb.example"}]}}"""), Item("m3", null)],
            """{"loadBalancer":{"ingress":[{"ip":"2.2.2.2","hostname":"lb.example"},{"ip":"1.1.1.1"}]}}"""
        },
        {
            "load balancer service: the same address from two clusters is one entry with the union of its ports, sorted",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"LoadBalancer"},"status":{"conditions":[{"type":"x"}]}}""",
            [
                Item("m1", """{"loadBalancer":{"ingress":[{"ip":"10.0.0.9","ports":[{"port":443,"protocol":"TCP"},{"port":80,"protocol":"TCP"}]},{"ip":"10.0.0.1","ipMode":"VIP"}]}}"""),
                Item("m2", """{"loadBalancer":{"ingress":[{"ip":"10.0.0.9","ports":[{"port":80,"protocol":"TCP"},{"port":80,"protocol":"TCP","error":"Pending"},{"port":53,"protocol":"UDP"}]},{"ip":"10.0.0.1"}]}}"""),
            ],
            """{"loadBalancer":{"ingress":[{"ip":"10.0.0.1","ipMode":"VIP"},{"ip":"10.0.0.1"},{"ip":"10.0.0.9","ports":[{"port":53,"protocol":"UDP"},{"port":80,"protocol":"TCP"},{"port":80,"protocol":"TCP","error":"Pending"},{"port":443,"protocol":"TCP"}]}]}}"""
        },
        {
            "load balancer service without any ingress yet",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"LoadBalancer"}}""",
            [Item("m1", """{"loadBalancer":{}}""")],
            """{"loadBalancer":{}}"""
        },
        {
            "load balancer service already aggregated: unchanged",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"hostname":"a"},{"ip":"1.1.1.1"}]}}}""",
            [Item("m1", """{"loadBalancer":{"ingress":[{"ip":"1.1.1.1"}]}}"""), Item("m2", """{"loadBalancer":{"ingress":[{"hostname":"a"}]}}""")],
            null
        },
        {
            "cluster ip service: untouched",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"ClusterIP"}}""",
            [Item("m1", """{"loadBalancer":{"ingress":[{"ip":"1.1.1.1"}]}}""")],
            null
        },
        {
            "ingress: union, duplicates dropped, sorted by hostname then ip",
            """{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"i"}}""",
            [
                Item("m1", """{"loadBalancer":{"ingress":[{"hostname":"h2"},{"ip":"9.9.9.9"}]}}"""),
                Item("m2", """{"loadBalancer":{"ingress":[{"hostname":"h2"},{"hostname":"h1"},{"ip":"1.2.3.4"}]}}"""),
            ],
            """{"loadBalancer":{"ingress":[{"hostname":"h1"},{"hostname":"h2"},{"ip":"1.2.3.4"},{"ip":"9.9.9.9"}]}}"""
        },
    };

    [Theory]
    [MemberData(nameof(NetworkCases))]
    public void AggregateStatus_ServiceAndIngress(string because, string template, ClusterStatusItem[] items, string? expected)
    {
        var status = Interpreter.AggregateStatus(J.O(template), items);
        Assert.True(expected == J.S(status), because + ": " + J.S(status));
    }

    public static TheoryData<string[], string> PodPhases => new()
    {
        { ["Running", "Succeeded"], "Running" },
        { ["Running", "Pending"], "Pending" },
        { ["Running", "Failed", "Pending"], "Failed" },
        { ["Succeeded", "Succeeded"], "Succeeded" },
        { ["Running", "<none>"], "Pending" },
    };

    private const string ContainerStatuses = """
        "containerStatuses":[{"name":"c","ready":true,"restartCount":3,"state":{"running":{}}}]}
        """;

    [Theory]
    [MemberData(nameof(PodPhases))]
    public void AggregateStatus_Pod_PhasePrecedence(string[] phases, string expected)
    {
        var template = J.O("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}""");
        var items = phases.Select((p, i) => Item("m" + i, p == "<none>" ? null : "{\"phase\":\"" + p + "\"," + ContainerStatuses)).ToArray();
        var status = Interpreter.AggregateStatus(template, items)!;
        Assert.Equal(expected, status["phase"]!.GetValue<string>());
        var containers = status["containerStatuses"]!.AsArray();
        Assert.Equal(phases.Count(p => p != "<none>"), containers.Count);
        Assert.Equal("""{"name":"","state":{"running":{}},"lastState":{},"ready":true,"restartCount":0,"image":"","imageID":""}""", containers[0]!.ToJsonString());
    }

    public static TheoryData<string, string[], string> VolumePhases => new()
    {
        { "PersistentVolume", ["Bound", "Available"], "Available" },
        { "PersistentVolume", ["Bound", "Released"], "Bound" },
        { "PersistentVolume", ["Bound", "<none>"], "Pending" },
        { "PersistentVolume", ["Failed", "Pending"], "Failed" },
        { "PersistentVolumeClaim", ["Bound", "Bound"], "Bound" },
        { "PersistentVolumeClaim", ["Pending", "Bound"], "Pending" },
        { "PersistentVolumeClaim", ["Pending", "Lost", "Bound"], "Lost" },
        { "PersistentVolumeClaim", ["<none>"], "Bound" },
    };

    [Theory]
    [MemberData(nameof(VolumePhases))]
    public void AggregateStatus_Volumes(string kind, string[] phases, string expected)
    {
        var template = J.O("{\"apiVersion\":\"v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"v\"}}");
        var items = phases.Select((p, i) => Item("m" + i, p == "<none>" ? null : "{\"phase\":\"" + p + "\"}")).ToArray();
        Assert.Equal(expected, Interpreter.AggregateStatus(template, items)!["phase"]!.GetValue<string>());
    }
}
