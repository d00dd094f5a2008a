using System.Text;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.KubectlCommands;

/// <summary>kubectl get/describe/explain/events/scale/status/delete/wait as against a real API server.</summary>
[Trait("Category", "E2E")]
public sealed class KubectlReadTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private readonly KubectlRunner _k = new(fx);

    public static TheoryData<string, string[]> Headers => new()
    {
        { "deployments", ["NAMESPACE", "NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"] },
        { "pods", ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"] },
        { "services", ["NAMESPACE", "NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"] },
        { "nodes", ["NAME", "STATUS", "ROLES", "AGE", "VERSION"] },
        { "namespaces", ["NAME", "STATUS", "AGE"] },
        { "jobs", ["NAMESPACE", "NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"] },
        { "configmaps", ["NAMESPACE", "NAME", "DATA", "AGE"] },
        { "secrets", ["NAMESPACE", "NAME", "TYPE", "DATA", "AGE"] },
        { "events", ["NAMESPACE", "LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"] },
        { "clusters", ["NAME", "VERSION", "MODE", "READY", "AGE"] },
        { "resourcebindings", ["NAMESPACE", "NAME", "SCHEDULED", "FULLYAPPLIED", "AGE"] },
        { "works", ["NAMESPACE", "NAME", "WORKLOAD-KIND", "APPLIED", "AGE"] },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task Get_PrintsServerSideTableColumns(string resource, string[] header)
    {
        await EnsureObjectsAsync();
        // Namespaced kinds are listed across namespaces, so kubectl adds its NAMESPACE column in front.
        var table = await _k.OkAsync("get", resource, "-A");
        Assert.Equal(header, KubectlRunner.Header(table));
    }

    private async Task EnsureObjectsAsync()
    {
        const string Yaml = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: e2e-read}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p1, namespace: e2e-read}
            spec: {containers: [{name: c, image: nginx}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: s1, namespace: e2e-read}
            spec: {ports: [{port: 80}], selector: {app: x}}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n1}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: j1, namespace: e2e-read}
            spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm1, namespace: e2e-read}
            data: {a: b}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: sec1, namespace: e2e-read}
            stringData: {a: b}
            ---
            apiVersion: v1
            kind: Event
            metadata: {name: ev1, namespace: e2e-read}
            involvedObject: {kind: Pod, name: p1, namespace: e2e-read}
            reason: Seen
            message: hello
            type: Normal
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: karmada-es-member-a}
            ---
            apiVersion: cluster.karmada.io/v1alpha1
            kind: Cluster
            metadata: {name: member-a}
            spec: {apiEndpoint: "https://127.0.0.1:9", syncMode: Push, zones: [z1], region: r1, provider: aws}
            ---
            apiVersion: work.karmada.io/v1alpha2
            kind: ResourceBinding
            metadata: {name: rb1, namespace: e2e-read}
            spec: {resource: {apiVersion: apps/v1, kind: Deployment, name: d1, namespace: e2e-read}}
            ---
            apiVersion: work.karmada.io/v1alpha1
            kind: Work
            metadata: {name: w1, namespace: karmada-es-member-a}
            spec:
              workload:
                manifests:
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: x, namespace: default}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d1, namespace: e2e-read}
            spec:
              selector: {matchLabels: {app: d1}}
              template: {metadata: {labels: {app: d1}}, spec: {containers: [{name: c, image: nginx}]}}
            """;
        await _k.ApplyAsync(Yaml);
    }

    [Fact]
    public async Task Get_WideAndOutputFormats()
    {
        await EnsureObjectsAsync();
        Assert.Equal(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"],
            KubectlRunner.Header(await _k.OkAsync("get", "deploy", "-n", "e2e-read", "-o", "wide")));
        var clusters = await _k.OkAsync("get", "clusters", "member-a", "-o", "wide");
        Assert.Equal(["NAME", "VERSION", "MODE", "READY", "AGE", "ZONES", "REGION", "PROVIDER", "API-ENDPOINT", "PROXY-URL"], KubectlRunner.Header(clusters));
        Assert.Contains(" https://127.0.0.1:9 ", clusters, StringComparison.Ordinal);
        Assert.Equal("d1=nginx", (await _k.OkAsync("get", "deploy", "-n", "e2e-read", "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.template.spec.containers[0].image}{end}")).Trim());
        var custom = await _k.OkAsync("get", "ns", "--sort-by=.metadata.name", "-o", "custom-columns=N:.metadata.name");
        var names = custom.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("\"kind\":\"APIVersions\"", await _k.OkAsync("get", "--raw", "/api"), StringComparison.Ordinal);
        Assert.Contains("cluster.karmada.io/v1alpha1", await _k.OkAsync("api-versions"), StringComparison.Ordinal);
        Assert.Contains("Server Version", await _k.OkAsync("version"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_AreOneResourceInBothVersions_AndDescribeShowsThem()
    {
        await _k.OkAsync("create", "namespace", "e2e-ev");
        await _k.OkAsync("create", "deployment", "web", "--image=nginx", "-n", "e2e-ev");
        var uid = await _k.JsonPathAsync("deploy", "web", "e2e-ev", "{.metadata.uid}");
        await _k.ApplyAsync($$"""
            apiVersion: v1
            kind: Event
            metadata: {name: web.core, namespace: e2e-ev}
            involvedObject: {apiVersion: apps/v1, kind: Deployment, name: web, namespace: e2e-ev, uid: {{uid}}}
            reason: FromCore
            message: core message
            type: Normal
            source: {component: tester}
            ---
            apiVersion: events.k8s.io/v1
            kind: Event
            metadata: {name: web.new, namespace: e2e-ev}
            regarding: {apiVersion: apps/v1, kind: Deployment, name: web, namespace: e2e-ev, uid: {{uid}}}
            reason: FromEvents
            note: new message
            type: Warning
            action: Check
            reportingController: tester
            reportingInstance: tester-1
            eventTime: "2026-01-01T00:00:00.000000Z"
            """);
        Assert.Equal("core message", await _k.OkAsync("get", "events.v1.events.k8s.io", "web.core", "-n", "e2e-ev", "-o", "jsonpath={.note}"));
        Assert.Equal("new message", await _k.OkAsync("get", "events.v1.", "web.new", "-n", "e2e-ev", "-o", "jsonpath={.message}"));
        // both events are found through the events.k8s.io field regarding.* (the controllers may add their own
        // events about the same Deployment, e.g. that no propagation policy matches it)
        var regarding = (await _k.OkAsync("get", "events.v1.events.k8s.io", "-n", "e2e-ev", "--field-selector=regarding.name=web",
            "-o", "jsonpath={.items[*].metadata.name}")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("web.core", regarding);
        Assert.Contains("web.new", regarding);
        var describe = await _k.OkAsync("describe", "deployment", "web", "-n", "e2e-ev");
        Assert.Contains("FromCore", describe, StringComparison.Ordinal);
        Assert.Contains("FromEvents", describe, StringComparison.Ordinal);
        Assert.Contains("Status:", await _k.OkAsync("describe", "namespace", "e2e-ev"), StringComparison.Ordinal);
        // Both versions share storage: deleting the namespace removes the events once and finishes.
        await _k.OkAsync("delete", "namespace", "e2e-ev", "--timeout=30s");
        Assert.NotEqual(0, (await _k.K.RunAsync("get", "ns", "e2e-ev")).ExitCode);
    }

    [Fact]
    public async Task Describe_KarmadaKinds()
    {
        await EnsureObjectsAsync();
        await _k.ApplyAsync("""
            apiVersion: policy.karmada.io/v1alpha1
            kind: PropagationPolicy
            metadata: {name: pp-desc, namespace: e2e-read}
            spec:
              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: d1}]
              placement: {clusterAffinity: {clusterNames: [member-a]}}
            """);
        var cluster = await _k.OkAsync("describe", "cluster", "member-a");
        Assert.Contains("Sync Mode:  Push", cluster, StringComparison.Ordinal);
        Assert.Contains("Events:", cluster, StringComparison.Ordinal);
        var pp = await _k.OkAsync("describe", "pp", "pp-desc", "-n", "e2e-read");
        Assert.Contains("member-a", pp, StringComparison.Ordinal);
        Assert.Contains("Events:", pp, StringComparison.Ordinal);
        Assert.Contains("Events:", await _k.OkAsync("describe", "svc", "s1", "-n", "e2e-read"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_BuiltInAndKarmadaKinds()
    {
        Assert.Contains("FIELD: replicas <integer>", await _k.OkAsync("explain", "deployment.spec.replicas"), StringComparison.Ordinal);
        Assert.Contains("KIND:       Cluster", await _k.OkAsync("explain", "clusters.spec"), StringComparison.Ordinal);
        Assert.Contains("placement", await _k.OkAsync("explain", "propagationpolicies.spec"), StringComparison.Ordinal);
        Assert.Contains("KIND:       ResourceBinding", await _k.OkAsync("explain", "rb"), StringComparison.Ordinal);
        // Client-side validation: an unknown field is refused by kubectl's default --validate=strict.
        var bad = await _k.K.RunAsync(["apply", "-f", "-"], "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: v, namespace: default}\nbogus: 1\n");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("bogus", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scale_AndStatusSubresource_ForBuiltInsAndCrd()
    {
        await _k.OkAsync("create", "namespace", "e2e-scale");
        await _k.ApplyAsync("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: ss, namespace: e2e-scale}
            spec:
              serviceName: ss
              selector: {matchLabels: {app: ss}}
              template: {metadata: {labels: {app: ss}}, spec: {containers: [{name: c, image: nginx}]}}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: rs, namespace: e2e-scale}
            spec:
              selector: {matchLabels: {app: rs}}
              template: {metadata: {labels: {app: rs}}, spec: {containers: [{name: c, image: nginx}]}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: dp, namespace: e2e-scale}
            spec:
              selector: {matchLabels: {app: dp}}
              template: {metadata: {labels: {app: dp}}, spec: {containers: [{name: c, image: nginx}]}}
            """);
        foreach (var kind in new[] { "statefulset/ss", "replicaset/rs", "deployment/dp" })
        {
            await _k.OkAsync("scale", kind, "-n", "e2e-scale", "--replicas=4");
            Assert.Equal("4", await _k.OkAsync("get", kind, "-n", "e2e-scale", "-o", "jsonpath={.spec.replicas}"));
        }

        await _k.ApplyAsync("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.e2e.example.com}
            spec:
              group: e2e.example.com
              names: {kind: Widget, plural: widgets, singular: widget}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                subresources:
                  status: {}
                  scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
                additionalPrinterColumns:
                - {name: Size, type: integer, jsonPath: .spec.replicas}
                - {name: Color, type: string, jsonPath: .spec.color}
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec: {type: object, properties: {replicas: {type: integer}, color: {type: string}}}
                      status:
                        type: object
                        properties:
                          replicas: {type: integer}
                          conditions: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            """);
        await _k.OkAsync("wait", "--for=condition=Established", "crd/widgets.e2e.example.com", "--timeout=20s");
        await Eventually.UntilAsync(async () => (await _k.K.RunAsync(["apply", "-f", "-"],
            "apiVersion: e2e.example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: e2e-scale}\nspec: {replicas: 1, color: red}\n")).ExitCode == 0,
            TimeSpan.FromSeconds(20), "the widget kind is served");
        await _k.OkAsync("scale", "widgets.e2e.example.com/w", "-n", "e2e-scale", "--replicas=5");
        Assert.Equal(["NAME", "SIZE", "COLOR"], KubectlRunner.Header(await _k.OkAsync("get", "widgets.e2e.example.com", "-n", "e2e-scale")));
        Assert.Contains("w      5      red", await _k.OkAsync("get", "widgets.e2e.example.com", "-n", "e2e-scale"), StringComparison.Ordinal);

        // /status changes only status; the main resource never changes status.
        await _k.OkAsync("patch", "widgets.e2e.example.com", "w", "-n", "e2e-scale", "--subresource=status", "--type=merge", "-p",
            """{"status":{"replicas":3,"conditions":[{"type":"Ready","status":"True"}]},"spec":{"color":"blue"}}""");
        await _k.OkAsync("patch", "widgets.e2e.example.com", "w", "-n", "e2e-scale", "--type=merge", "-p", """{"status":{"replicas":9}}""");
        Assert.Equal("red 3", await _k.OkAsync("get", "widgets.e2e.example.com", "w", "-n", "e2e-scale", "-o", "jsonpath={.spec.color} {.status.replicas}"));
        await _k.OkAsync("wait", "--for=condition=Ready", "widgets.e2e.example.com/w", "-n", "e2e-scale", "--timeout=10s");
        await _k.OkAsync("wait", "--for=jsonpath={.spec.replicas}=5", "widgets.e2e.example.com/w", "-n", "e2e-scale", "--timeout=10s");
    }

    [Theory]
    [InlineData("background", false)]
    [InlineData("foreground", false)]
    [InlineData("orphan", true)]
    public async Task Delete_Cascade(string mode, bool dependentSurvives)
    {
        var ns = "e2e-cascade-" + mode;
        await _k.OkAsync("create", "namespace", ns);
        await _k.OkAsync("create", "cm", "owner", "-n", ns);
        var uid = await _k.JsonPathAsync("cm", "owner", ns, "{.metadata.uid}");
        await _k.ApplyAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dependent\n  namespace: {ns}\n" +
            $"  ownerReferences: [{{apiVersion: v1, kind: ConfigMap, name: owner, uid: {uid}, blockOwnerDeletion: true}}]\n");
        await _k.OkAsync("delete", "cm", "owner", "-n", ns, "--cascade=" + mode, "--wait=true");
        if (dependentSurvives)
        {
            Assert.Equal("[]", await _k.JsonPathAsync("cm", "dependent", ns, "{.metadata.ownerReferences}") is var refs && refs.Length == 0 ? "[]" : refs);
        }
        else
        {
            await _k.OkAsync("wait", "--for=delete", "cm/dependent", "-n", ns, "--timeout=20s");
        }
    }

    [Fact]
    public async Task DeleteNamespace_RemovesContents_AndWaitsForFinalizers()
    {
        await _k.OkAsync("create", "namespace", "e2e-nsdel");
        await _k.OkAsync("create", "deployment", "d", "--image=nginx", "-n", "e2e-nsdel");
        await _k.ApplyAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  namespace: e2e-nsdel\n  finalizers: [example.com/hold]\n");
        await _k.OkAsync("delete", "namespace", "e2e-nsdel", "--wait=false");
        await Eventually.UntilAsync(async () => (await _k.K.RunAsync("get", "deploy", "d", "-n", "e2e-nsdel")).ExitCode != 0,
            TimeSpan.FromSeconds(20), "the namespace's deployment is deleted");
        Assert.Equal("Terminating", await _k.OkAsync("get", "ns", "e2e-nsdel", "-o", "jsonpath={.status.phase}"));
        Assert.Contains("held", await _k.OkAsync("get", "cm", "-n", "e2e-nsdel", "-o", "name"), StringComparison.Ordinal);
        await _k.OkAsync("patch", "cm", "held", "-n", "e2e-nsdel", "--type=json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""");
        await _k.OkAsync("wait", "--for=delete", "namespace/e2e-nsdel", "--timeout=30s");
    }

    [Fact]
    public async Task SeedCommands_CreateSecretFromFile_AndCreateHelpers()
    {
        var file = Path.Combine(Path.GetTempPath(), "flotilla-kc-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: Config\n");
        try
        {
            await _k.OkAsync("create", "secret", "generic", "aks-kubeconfig", "--from-file=kubeconfig=" + file, "--namespace", "karmada-system");
            var b64 = await _k.JsonPathAsync("secret", "aks-kubeconfig", "karmada-system", "{.data.kubeconfig}");
            Assert.Equal("apiVersion: v1\nkind: Config\n", Encoding.UTF8.GetString(Convert.FromBase64String(b64)));
            Assert.Contains("aks-kubeconfig", await _k.OkAsync("get", "secrets", "-n", "karmada-system"), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
        await _k.OkAsync("create", "namespace", "e2e-create");
        await _k.OkAsync("create", "configmap", "c", "--from-literal=k=v", "-n", "e2e-create");
        await _k.OkAsync("create", "deployment", "d", "--image=nginx", "--replicas=2", "-n", "e2e-create");
        Assert.Equal("2", await _k.JsonPathAsync("deploy", "d", "e2e-create", "{.spec.replicas}"));
        await _k.OkAsync("get", "all", "-A");
        await _k.OkAsync("get", "pods", "-n", "karmada-system");
    }
}
