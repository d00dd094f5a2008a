using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.E2E.Tests.KubectlCommands;

/// <summary>kubectl apply (client- and server-side), patch, edit, label and annotate as against a real API server.</summary>
[Trait("Category", "E2E")]
public sealed class KubectlApplyTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private readonly KubectlRunner _k = new(fx);

    private static string Deployment(string image, bool withEnvB, bool withSide) =>
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\n  labels: {app: web}\n" +
        "spec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n" +
        "    spec:\n      containers:\n      - name: nginx\n        image: " + image + "\n        ports: [{containerPort: 80}]\n" +
        "        env:\n        - {name: A, value: \"1\"}\n" +
        (withEnvB ? "        - {name: B, value: \"2\"}\n" : "") +
        (withSide ? "      - name: side\n        image: busybox\n" : "");

    [Fact]
    public async Task ClientSideApply_BuiltIn_MergesListsByKey_AndRemovesDroppedFields()
    {
        Assert.Contains("created", await _k.ApplyAsync(Deployment("nginx:1.25", true, true)), StringComparison.Ordinal);
        // A field set by someone else (not in the manifest) must survive re-apply: strategic merge keeps it.
        await _k.OkAsync("patch", "deploy", "web", "--type=strategic", "-p",
            """{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"EXTRA","value":"x"}]}]}}}}""");
        Assert.Contains("configured", await _k.ApplyAsync(Deployment("nginx:1.26", false, true)), StringComparison.Ordinal);
        var d = KubeObject.Parse(await _k.OkAsync("get", "deploy", "web", "-o", "json"));
        var containers = (JsonArray)d["spec"]!["template"]!["spec"]!["containers"]!;
        Assert.Equal(["nginx", "side"], containers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("nginx:1.26", containers[0]!["image"]!.GetValue<string>());
        var env = ((JsonArray)containers[0]!["env"]!).Select(e => e!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("A", env);
        Assert.Contains("EXTRA", env);
        Assert.DoesNotContain("B", env);
        var lastApplied = d["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>();
        Assert.Contains("nginx:1.26", lastApplied, StringComparison.Ordinal);
        Assert.DoesNotContain("\"B\"", lastApplied, StringComparison.Ordinal);

        // Dropping a whole container from the manifest removes it.
        await _k.ApplyAsync(Deployment("nginx:1.26", false, false));
        Assert.Equal("nginx", await _k.JsonPathAsync("deploy", "web", "default", "{.spec.template.spec.containers[*].name}"));
        // kubectl diff reports no difference (exit 0) for the applied manifest and a difference (exit 1) for a changed one.
        var diff = await _k.K.RunAsync(["diff", "-f", "-"], Deployment("nginx:1.26", false, false).ReplaceLineEndings("\n"));
        Assert.True(diff.ExitCode == 0, diff.ToString());
        var diff2 = await _k.K.RunAsync(["diff", "-f", "-"], Deployment("nginx:1.27", false, false).ReplaceLineEndings("\n"));
        Assert.True(diff2.ExitCode == 1, diff2.ToString());
        Assert.Contains("+        image: nginx:1.27", diff2.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientSideApply_KarmadaKind_UsesMergePatch()
    {
        const string Pp = """
            apiVersion: policy.karmada.io/v1alpha1
            kind: PropagationPolicy
            metadata: {name: pp-apply, namespace: default, labels: {a: "1", b: "2"}}
            spec:
              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web, namespace: default}]
              placement: {clusterAffinity: {clusterNames: [m1, m2]}}
            """;
        await _k.ApplyAsync(Pp);
        // The selector names its namespace as Karmada's webhook would default it, so re-applying changes nothing.
        Assert.Contains("unchanged", await _k.ApplyAsync(Pp), StringComparison.Ordinal);
        await _k.ApplyAsync(Pp.Replace(", b: \"2\"", "", StringComparison.Ordinal).Replace("[m1, m2]", "[m3]", StringComparison.Ordinal));
        Assert.Equal("m3", await _k.JsonPathAsync("pp", "pp-apply", "default", "{.spec.placement.clusterAffinity.clusterNames[*]}"));
        Assert.Equal("1|", await _k.JsonPathAsync("pp", "pp-apply", "default", "{.metadata.labels.a}|{.metadata.labels.b}"));
    }

    [Fact]
    public async Task ServerSideApply_ReportsConflicts_AndForceConflictsTakesOwnership()
    {
        const string Cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: default}\ndata: {a: \"VALUE\"}\n";
        await _k.ApplyAsync(Cm.Replace("VALUE", "1", StringComparison.Ordinal), "--server-side", "--field-manager=first");
        var conflict = await _k.K.RunAsync(["apply", "--server-side", "--field-manager=second", "-f", "-"], Cm.Replace("VALUE", "2", StringComparison.Ordinal));
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict with \"first\"", conflict.Stderr, StringComparison.Ordinal);
        Assert.Contains(".data.a", conflict.Stderr, StringComparison.Ordinal);
        await _k.ApplyAsync(Cm.Replace("VALUE", "2", StringComparison.Ordinal), "--server-side", "--field-manager=second", "--force-conflicts");
        Assert.Equal("2 second", await _k.JsonPathAsync("cm", "ssa", "default", "{.data.a} {.metadata.managedFields[*].manager}"));
    }

    [Fact]
    public async Task Patch_AllTypes_Edit_LabelAndAnnotate()
    {
        await _k.OkAsync("create", "deployment", "pt", "--image=nginx:1", "-n", "default");
        await _k.OkAsync("patch", "deploy", "pt", "--type=strategic", "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:2"}]}}}}""");
        await _k.OkAsync("patch", "deploy", "pt", "--type=merge", "-p", """{"spec":{"paused":true}}""");
        await _k.OkAsync("patch", "deploy", "pt", "--type=json", "-p", """[{"op":"replace","path":"/spec/replicas","value":3}]""");
        Assert.Equal("nginx:2 true 3", await _k.JsonPathAsync("deploy", "pt", "default", "{.spec.template.spec.containers[0].image} {.spec.paused} {.spec.replicas}"));

        var edit = await _k.RunWithEnvAsync(new Dictionary<string, string> { ["EDITOR"] = "sed -i s/nginx:2/nginx:3/" }, "edit", "deploy", "pt", "-n", "default");
        Assert.True(edit.ExitCode == 0, edit.ToString());
        Assert.Equal("nginx:3", await _k.JsonPathAsync("deploy", "pt", "default", "{.spec.template.spec.containers[0].image}"));

        await _k.OkAsync("label", "deploy", "pt", "tier=a");
        var refused = await _k.K.RunAsync("label", "deploy", "pt", "tier=b");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("--overwrite is false", refused.Stderr, StringComparison.Ordinal);
        await _k.OkAsync("label", "deploy", "pt", "tier=b", "--overwrite");
        await _k.OkAsync("annotate", "deploy", "pt", "note=hi");
        await _k.OkAsync("annotate", "deploy", "pt", "note=there", "--overwrite");
        Assert.Equal("b there", await _k.JsonPathAsync("deploy", "pt", "default", "{.metadata.labels.tier} {.metadata.annotations.note}"));
        Assert.Contains("tier=b", await _k.OkAsync("get", "deploy", "pt", "--show-labels"), StringComparison.Ordinal);
        var withColumn = await _k.OkAsync("get", "deploy", "pt", "-L", "tier");
        Assert.Equal("TIER", KubectlRunner.Header(withColumn)[^1]);
        await _k.OkAsync("label", "deploy", "pt", "tier-");
        Assert.Equal("", await _k.JsonPathAsync("deploy", "pt", "default", "{.metadata.labels.tier}"));
    }
}
