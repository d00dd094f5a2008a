using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.KubectlCommands;

/// <summary>
/// The everyday kubectl commands of the kubectl-grade API issue that the other Kubectl* classes leave out: client-side
/// apply of a CRD kind and of a built-in kind's merge-keyed lists, server-side apply against other managers, patches
/// and edits of Karmada and CRD kinds, status semantics of built-in kinds, Karmada's printer columns, explain and
/// validation of Karmada kinds, diff exit codes, cascading deletes of real owner chains, namespace deletion that
/// waits, and the seed tutorials' command lines against the control plane.
/// </summary>
[Trait("Category", "E2E")]
public sealed class KubectlMoreTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private readonly KubectlRunner _k = new(fx);

    private async Task NamespaceAsync(string ns) => await _k.OkAsync("create", "namespace", ns);

    private static JsonObject LastApplied(JsonObject obj) =>
        KubeObject.Parse(obj["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>());

    /// <summary>An EDITOR for kubectl edit: a script that runs sed on the file kubectl hands it.</summary>
    private static string EditorScript(string sedExpression)
    {
        var path = Path.Combine(Path.GetTempPath(), "flotilla-editor-" + Guid.NewGuid().ToString("N") + ".sh");
        File.WriteAllText(path, "#!/bin/sh\nexec sed -i '" + sedExpression + "' \"$1\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private async Task<KubectlResult> EditAsync(string sedExpression, params string[] args)
    {
        var editor = EditorScript(sedExpression);
        try
        {
            return await _k.RunWithEnvAsync(new Dictionary<string, string> { ["EDITOR"] = editor, ["KUBE_EDITOR"] = editor }, ["edit", .. args]);
        }
        finally
        {
            File.Delete(editor);
        }
    }

    private const string GadgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: gadgets.more.example.com}
        spec:
          group: more.example.com
          names: {kind: Gadget, plural: gadgets, singular: gadget, shortNames: [gdg]}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
            additionalPrinterColumns:
            - {name: Replicas, type: integer, jsonPath: .spec.replicas}
            - {name: Color, type: string, jsonPath: .spec.color}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      replicas: {type: integer}
                      color: {type: string, description: The colour of the gadget.}
                      tags: {type: array, items: {type: string}}
                      ports:
                        type: array
                        items: {type: object, properties: {name: {type: string}, port: {type: integer}}}
                      extra: {type: object, additionalProperties: {type: string}}
                  status:
                    type: object
                    properties:
                      replicas: {type: integer}
        """;

    private async Task EnsureGadgetCrdAsync()
    {
        await _k.ApplyAsync(GadgetCrd);
        await _k.OkAsync("wait", "--for=condition=Established", "crd/gadgets.more.example.com", "--timeout=20s");
    }

    private static string Gadget(string ns, bool first) => (first
        ? """
            apiVersion: more.example.com/v1
            kind: Gadget
            metadata: {name: g, namespace: NS, labels: {a: "1", b: "2"}}
            spec:
              replicas: 1
              color: red
              tags: [t1, t2]
              ports: [{name: http, port: 80}, {name: https, port: 443}]
              extra: {k1: v1, k2: v2}
            """
        : """
            apiVersion: more.example.com/v1
            kind: Gadget
            metadata: {name: g, namespace: NS, labels: {a: "1"}}
            spec:
              replicas: 2
              tags: [t3]
              ports: [{name: http, port: 8080}]
              extra: {k1: v1}
            """).Replace("NS", ns, StringComparison.Ordinal);

    [Fact]
    public async Task ClientSideApply_CrdKind_CreateChangeAndRemoveFields_WithMergePatch()
    {
        const string Ns = "more-crd-apply";
        await NamespaceAsync(Ns);
        await EnsureGadgetCrdAsync();
        await Eventually.UntilAsync(async () => (await _k.K.RunAsync(["apply", "-f", "-"], Gadget(Ns, first: true).ReplaceLineEndings("\n"))).ExitCode == 0,
            TimeSpan.FromSeconds(20), "the Gadget kind is served and the first manifest applies");
        // Someone else adds a map entry the manifest never had: a JSON merge patch keeps it on re-apply.
        await _k.OkAsync("patch", "gadgets.more.example.com", "g", "-n", Ns, "--type=merge", "-p", """{"spec":{"extra":{"k3":"v3"}}}""");
        Assert.Contains("configured", await _k.ApplyAsync(Gadget(Ns, first: false)), StringComparison.Ordinal);

        var g = KubeObject.Parse(await _k.OkAsync("get", "gadgets.more.example.com", "g", "-n", Ns, "-o", "json"));
        var spec = (JsonObject)g["spec"]!;
        Assert.Null(spec["color"]);
        Assert.Equal(2, spec["replicas"]!.GetValue<int>());
        Assert.Equal("""["t3"]""", spec["tags"]!.ToJsonString());
        Assert.Equal("""[{"name":"http","port":8080}]""", spec["ports"]!.ToJsonString());
        Assert.Equal("""{"k1":"v1","k3":"v3"}""", spec["extra"]!.ToJsonString());
        Assert.Equal("""{"a":"1"}""", g["metadata"]!["labels"]!.ToJsonString());
        var lastApplied = LastApplied(g);
        Assert.Equal(2, lastApplied["spec"]!["replicas"]!.GetValue<int>());
        Assert.Null(lastApplied["spec"]!["color"]);
        Assert.Null(lastApplied["metadata"]!["labels"]!["b"]);

        Assert.Contains("unchanged", await _k.ApplyAsync(Gadget(Ns, first: false)), StringComparison.Ordinal);
        var same = await _k.K.RunAsync(["diff", "-f", "-"], Gadget(Ns, first: false).ReplaceLineEndings("\n"));
        Assert.True(same.ExitCode == 0, same.ToString());
        var changed = await _k.K.RunAsync(["diff", "-f", "-"], Gadget(Ns, first: false).Replace("replicas: 2", "replicas: 7", StringComparison.Ordinal).ReplaceLineEndings("\n"));
        Assert.True(changed.ExitCode == 1, changed.ToString());
        Assert.Contains("+  replicas: 7", changed.Stdout, StringComparison.Ordinal);

        // kubectl edit (EDITOR a script), kubectl explain and the CRD's printer columns for the same kind.
        var edit = await EditAsync("s/port: 8080/port: 9090/", "gadgets.more.example.com", "g", "-n", Ns);
        Assert.True(edit.ExitCode == 0, edit.ToString());
        Assert.Equal("9090", await _k.JsonPathAsync("gadgets.more.example.com", "g", Ns, "{.spec.ports[0].port}"));
        Assert.Contains("The colour of the gadget.", await _k.OkAsync("explain", "gadgets.spec.color"), StringComparison.Ordinal);
        Assert.Equal(["NAME", "REPLICAS", "COLOR"], KubectlRunner.Header(await _k.OkAsync("get", "gdg", "-n", Ns)));
    }

    private static string Web(string ns, bool second)
    {
        var lines = new List<string>
        {
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata: {name: web, namespace: " + ns + "}",
            "spec:",
            "  selector: {matchLabels: {app: web}}",
            "  template:",
            "    metadata: {labels: {app: web}}",
            "    spec:",
            "      containers:",
            "      - name: app",
            "        image: " + (second ? "app:2" : "app:1"),
            "        ports:",
            "        - {containerPort: 80, name: http}",
        };
        if (!second) lines.Add("        - {containerPort: 443, name: https}");
        lines.Add("        volumeMounts:");
        lines.Add("        - {name: a, mountPath: /a}");
        if (!second) lines.Add("        - {name: b, mountPath: /b}");
        lines.Add("      volumes:");
        lines.Add("      - {name: a, emptyDir: {}}");
        if (!second) lines.Add("      - {name: b, emptyDir: {}}");
        lines.Add("      tolerations:");
        lines.Add("      - {key: " + (second ? "t2" : "t1") + ", operator: Exists}");
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public async Task ClientSideApply_BuiltIn_MergesPortsVolumesAndMountsByKey_ReplacesTolerations()
    {
        const string Ns = "more-smp";
        await NamespaceAsync(Ns);
        await _k.ApplyAsync(Web(Ns, second: false));
        // Another writer adds a volume and its mount; strategic merge keeps both when the manifest is re-applied.
        await _k.OkAsync("patch", "deploy", "web", "-n", Ns, "--type=strategic", "-p",
            """{"spec":{"template":{"spec":{"volumes":[{"name":"extra","emptyDir":{}}],"containers":[{"name":"app","volumeMounts":[{"name":"extra","mountPath":"/extra"}]}]}}}}""");
        Assert.Contains("configured", await _k.ApplyAsync(Web(Ns, second: true)), StringComparison.Ordinal);

        var d = KubeObject.Parse(await _k.OkAsync("get", "deploy", "web", "-n", Ns, "-o", "json"));
        var pod = d["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        Assert.Equal("app:2", container["image"]!.GetValue<string>());
        Assert.Equal([80], ((JsonArray)container["ports"]!).Select(p => p!["containerPort"]!.GetValue<int>()));
        Assert.Equal(["/a", "/extra"], ((JsonArray)container["volumeMounts"]!).Select(m => m!["mountPath"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(["a", "extra"], ((JsonArray)pod["volumes"]!).Select(v => v!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(["t2"], ((JsonArray)pod["tolerations"]!).Select(t => t!["key"]!.GetValue<string>()));
        var lastApplied = LastApplied(d);
        Assert.Equal("app:2", lastApplied["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Single((JsonArray)lastApplied["spec"]!["template"]!["spec"]!["volumes"]!);

        // The re-applied manifest is what the server holds now: kubectl diff finds nothing.
        var diff = await _k.K.RunAsync(["diff", "-f", "-"], Web(Ns, second: true).ReplaceLineEndings("\n"));
        Assert.True(diff.ExitCode == 0, diff.ToString());
    }

    private static string SsaWeb(string ns, string image, bool withHistoryLimit, bool withLabel, string extra = "") =>
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: " + ns + "\n" +
        (withLabel ? "  labels: {team: a}\n" : "") +
        "spec:\n" +
        (withHistoryLimit ? "  revisionHistoryLimit: 5\n" : "") +
        extra +
        "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n" +
        "      - {name: web, image: " + image + "}\n";

    private static JsonObject? ManagedEntry(JsonObject obj, string manager, string operation) =>
        ((JsonArray)obj["metadata"]!["managedFields"]!).OfType<JsonObject>()
            .FirstOrDefault(e => e["manager"]?.GetValue<string>() == manager && e["operation"]?.GetValue<string>() == operation);

    [Fact]
    public async Task ServerSideApply_ConflictsWithKubectlCreate_ForceConflicts_ManagedFieldsPerManager_AndRemoval()
    {
        const string Ns = "more-ssa";
        await NamespaceAsync(Ns);
        await _k.OkAsync("create", "deployment", "web", "--image=web:1", "-n", Ns);

        // kubectl create owns what it sent and the defaults of its write (revisionHistoryLimit 10), as on kube-apiserver.
        var conflict = await _k.K.RunAsync(["apply", "--server-side", "-f", "-"], SsaWeb(Ns, "web:2", withHistoryLimit: true, withLabel: true).ReplaceLineEndings("\n"));
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("Apply failed with 2 conflicts: conflicts with \"kubectl-create\" using apps/v1:", conflict.Stderr, StringComparison.Ordinal);
        Assert.Contains("- .spec.revisionHistoryLimit", conflict.Stderr, StringComparison.Ordinal);
        Assert.Contains("- .spec.template.spec.containers[name=\"web\"].image", conflict.Stderr, StringComparison.Ordinal);
        Assert.Equal("web:1", await _k.JsonPathAsync("deploy", "web", Ns, "{.spec.template.spec.containers[0].image}"));

        Assert.Contains("serverside-applied",
            await _k.ApplyAsync(SsaWeb(Ns, "web:2", withHistoryLimit: true, withLabel: true), "--server-side", "--force-conflicts"), StringComparison.Ordinal);
        await _k.OkAsync("label", "deploy", "web", "-n", Ns, "extra=yes");
        var d = KubeObject.Parse(await _k.OkAsync("get", "deploy", "web", "-n", Ns, "-o", "json", "--show-managed-fields"));
        Assert.Equal("web:2 5 a yes", $"{d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]} {d["spec"]!["revisionHistoryLimit"]} {d["metadata"]!["labels"]!["team"]} {d["metadata"]!["labels"]!["extra"]}");
        var applier = ManagedEntry(d, "kubectl", "Apply")?.ToJsonString() ?? "";
        var creator = ManagedEntry(d, "kubectl-create", "Update")?.ToJsonString() ?? "";
        var labeller = ManagedEntry(d, "kubectl-label", "Update")?.ToJsonString() ?? "";
        Assert.Contains("\"f:image\"", applier, StringComparison.Ordinal);
        Assert.Contains("\"f:revisionHistoryLimit\"", applier, StringComparison.Ordinal);
        Assert.Contains("\"f:team\"", applier, StringComparison.Ordinal);
        Assert.DoesNotContain("\"f:image\"", creator, StringComparison.Ordinal);
        Assert.DoesNotContain("\"f:revisionHistoryLimit\"", creator, StringComparison.Ordinal);
        Assert.Contains("\"f:progressDeadlineSeconds\"", creator, StringComparison.Ordinal);
        Assert.Contains("\"f:extra\"", labeller, StringComparison.Ordinal);

        // Fields the applier no longer applies and alone owned go: the label disappears, revisionHistoryLimit falls
        // back to its default; the label another manager set stays.
        await _k.ApplyAsync(SsaWeb(Ns, "web:2", withHistoryLimit: false, withLabel: false), "--server-side");
        Assert.Equal("10||yes", await _k.JsonPathAsync("deploy", "web", Ns, "{.spec.revisionHistoryLimit}|{.metadata.labels.team}|{.metadata.labels.extra}"));

        // An applied configuration with a field the schema does not declare fails whatever --validate says.
        foreach (var validate in new[] { "--validate=strict", "--validate=false" })
        {
            var undeclared = await _k.K.RunAsync(["apply", "--server-side", validate, "-f", "-"],
                SsaWeb(Ns, "web:3", withHistoryLimit: false, withLabel: false, extra: "  bogus: 1\n").ReplaceLineEndings("\n"));
            Assert.NotEqual(0, undeclared.ExitCode);
            Assert.Contains($"failed to create typed patch object ({Ns}/web; apps/v1, Kind=Deployment): .spec.bogus: field not declared in schema",
                undeclared.Stderr, StringComparison.Ordinal);
        }
        Assert.Equal("web:2", await _k.JsonPathAsync("deploy", "web", Ns, "{.spec.template.spec.containers[0].image}"));
    }

    private static string Policy(string ns, string name, string clusters, int priority = 0) =>
        """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: NAME, namespace: NS, labels: {tier: tPRIO}}
        spec:
          priority: PRIO
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: NAME}]
          placement: {clusterAffinity: {clusterNames: [CLUSTERS]}}
        """.Replace("NAME", name, StringComparison.Ordinal).Replace("NS", ns, StringComparison.Ordinal)
            .Replace("PRIO", priority.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("CLUSTERS", clusters, StringComparison.Ordinal);

    [Fact]
    public async Task KarmadaKind_ReapplyAndDiff_KeepGeneration_PatchTypes_Edit()
    {
        const string Ns = "more-pp";
        await NamespaceAsync(Ns);
        await _k.ApplyAsync(Policy(Ns, "pp", "m1, m2"));
        // Karmada's webhook fills in the selector's namespace the manifest leaves out; re-applying and diffing the
        // same manifest changes nothing (the generation stays 1).
        var same = await _k.K.RunAsync(["diff", "-f", "-"], Policy(Ns, "pp", "m1, m2").ReplaceLineEndings("\n"));
        Assert.True(same.ExitCode == 0, same.ToString());
        await _k.ApplyAsync(Policy(Ns, "pp", "m1, m2"));
        Assert.Equal("1 " + Ns, await _k.JsonPathAsync("pp", "pp", Ns, "{.metadata.generation} {.spec.resourceSelectors[0].namespace}"));
        var changed = await _k.K.RunAsync(["diff", "-f", "-"], Policy(Ns, "pp", "m3").ReplaceLineEndings("\n"));
        Assert.True(changed.ExitCode == 1, changed.ToString());
        Assert.Contains("+      - m3", changed.Stdout, StringComparison.Ordinal);

        await _k.OkAsync("patch", "pp", "pp", "-n", Ns, "--type=merge", "-p", """{"spec":{"priority":4}}""");
        await _k.OkAsync("patch", "pp", "pp", "-n", Ns, "--type=json", "-p", """[{"op":"add","path":"/spec/placement/clusterAffinity/clusterNames/-","value":"m9"}]""");
        Assert.Equal("4 m1 m2 m9 3", await _k.JsonPathAsync("pp", "pp", Ns, "{.spec.priority} {.spec.placement.clusterAffinity.clusterNames[*]} {.metadata.generation}"));
        // Karmada's kinds are CRDs there: no strategic merge patch (415), as for any custom resource.
        var strategic = await _k.K.RunAsync("patch", "pp", "pp", "-n", Ns, "--type=strategic", "-p", """{"spec":{"priority":5}}""");
        Assert.NotEqual(0, strategic.ExitCode);
        Assert.Contains("application/strategic-merge-patch+json is not supported", strategic.Stderr, StringComparison.Ordinal);
        var failedTest = await _k.K.RunAsync("patch", "pp", "pp", "-n", Ns, "--type=json", "-p", """[{"op":"test","path":"/spec/priority","value":99}]""");
        Assert.NotEqual(0, failedTest.ExitCode);
        Assert.Contains("The request is invalid", failedTest.Stderr, StringComparison.Ordinal);

        var edit = await EditAsync("s/- m9/- m8/", "pp", "pp", "-n", Ns);
        Assert.True(edit.ExitCode == 0, edit.ToString());
        Assert.Contains("edited", edit.Stdout, StringComparison.Ordinal);
        Assert.Equal("m1 m2 m8", await _k.JsonPathAsync("pp", "pp", Ns, "{.spec.placement.clusterAffinity.clusterNames[*]}"));
        // An edit the server refuses leaves the object as it was (kubectl keeps a copy and exits non-zero).
        var refused = await EditAsync("s/priority: 4/priority: x/", "pp", "pp", "-n", Ns);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal("4", await _k.JsonPathAsync("pp", "pp", Ns, "{.spec.priority}"));
    }

    [Fact]
    public async Task LabelAndAnnotate_OverwriteRules_AndRemoval()
    {
        const string Ns = "more-label";
        await NamespaceAsync(Ns);
        await _k.ApplyAsync(Policy(Ns, "lp", "m1"));
        await _k.OkAsync("annotate", "pp", "lp", "-n", Ns, "note=one");
        var refused = await _k.K.RunAsync("annotate", "pp", "lp", "-n", Ns, "note=two");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("--overwrite is false but found the following declared annotation(s): 'note' already has a value (one)", refused.Stderr, StringComparison.Ordinal);
        await _k.OkAsync("annotate", "pp", "lp", "-n", Ns, "note=two", "--overwrite");
        var labelRefused = await _k.K.RunAsync("label", "pp", "lp", "-n", Ns, "tier=x");
        Assert.NotEqual(0, labelRefused.ExitCode);
        Assert.Contains("'tier' already has a value (t0), and --overwrite is false", labelRefused.Stderr, StringComparison.Ordinal);
        await _k.OkAsync("label", "pp", "lp", "-n", Ns, "tier=x", "--overwrite");
        Assert.Equal("two x", await _k.JsonPathAsync("pp", "lp", Ns, "{.metadata.annotations.note} {.metadata.labels.tier}"));
        await _k.OkAsync("annotate", "pp", "lp", "-n", Ns, "note-");
        await _k.OkAsync("label", "pp", "lp", "-n", Ns, "tier-");
        Assert.Equal("|", await _k.JsonPathAsync("pp", "lp", Ns, "{.metadata.annotations.note}|{.metadata.labels.tier}"));
        // cluster-scoped, and many objects at once by selector
        await _k.OkAsync("label", "namespace", Ns, "env=test");
        Assert.Contains(Ns, await _k.OkAsync("get", "ns", "-l", "env=test", "-o", "name"), StringComparison.Ordinal);
        await _k.OkAsync("create", "cm", "c1", "-n", Ns);
        await _k.OkAsync("create", "cm", "c2", "-n", Ns);
        await _k.OkAsync("label", "cm", "--all", "-n", Ns, "batch=1");
        Assert.Equal("c1 c2", (await _k.OkAsync("get", "cm", "-n", Ns, "-l", "batch=1", "-o", "jsonpath={.items[*].metadata.name}")).Trim());
    }

    [Fact]
    public async Task StatusSubresource_BuiltInKind_AndWaitForms()
    {
        const string Ns = "more-status";
        await NamespaceAsync(Ns);
        await _k.OkAsync("create", "deployment", "st", "--image=nginx", "--replicas=3", "-n", Ns);
        // Writes to /status change only status (spec and labels in the body are ignored) ...
        await _k.OkAsync("patch", "deploy", "st", "-n", Ns, "--subresource=status", "--type=merge", "-p",
            """{"spec":{"replicas":9},"metadata":{"labels":{"via":"status"}},"status":{"replicas":3,"readyReplicas":2,"availableReplicas":2,"updatedReplicas":3,"conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable","message":"ok"}]}}""");
        // ... and writes to the main resource never change status.
        await _k.OkAsync("patch", "deploy", "st", "-n", Ns, "--type=merge", "-p", """{"status":{"readyReplicas":0},"metadata":{"labels":{"via":"main"}}}""");
        Assert.Equal("3 2 main 1", await _k.JsonPathAsync("deploy", "st", Ns, "{.spec.replicas} {.status.readyReplicas} {.metadata.labels.via} {.metadata.generation}"));
        var row = (await _k.OkAsync("get", "deploy", "st", "-n", Ns, "--no-headers")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["st", "2/3", "3", "2"], row.Take(4));

        await _k.OkAsync("wait", "--for=condition=Available", "deploy/st", "-n", Ns, "--timeout=10s");
        await _k.OkAsync("wait", "--for=condition=Available=True", "deploy/st", "-n", Ns, "--timeout=10s");
        await _k.OkAsync("wait", "--for=jsonpath={.status.readyReplicas}=2", "deploy/st", "-n", Ns, "--timeout=10s");
        var notYet = await _k.K.RunAsync("wait", "--for=jsonpath={.status.readyReplicas}=3", "deploy/st", "-n", Ns, "--timeout=2s");
        Assert.NotEqual(0, notYet.ExitCode);
        Assert.Contains("timed out", notYet.Stderr, StringComparison.Ordinal);

        // kubectl wait sees a change made while it waits.
        var waiting = _k.K.RunAsync("wait", "--for=jsonpath={.status.readyReplicas}=3", "deploy/st", "-n", Ns, "--timeout=30s");
        await _k.OkAsync("patch", "deploy", "st", "-n", Ns, "--subresource=status", "--type=merge", "-p", """{"status":{"readyReplicas":3}}""");
        var done = await waiting;
        Assert.True(done.ExitCode == 0, done.ToString());

        // scale writes spec.replicas through the scale subresource, with kubectl's precondition
        var stale = await _k.K.RunAsync("scale", "deploy", "st", "-n", Ns, "--current-replicas=5", "--replicas=1");
        Assert.NotEqual(0, stale.ExitCode);
        await _k.OkAsync("scale", "deploy", "st", "-n", Ns, "--current-replicas=3", "--replicas=1");
        Assert.Equal("1 3 2", await _k.JsonPathAsync("deploy", "st", Ns, "{.spec.replicas} {.status.replicas} {.metadata.generation}"));
    }

    [Fact]
    public async Task Get_KarmadaPolicyColumns_AndOutputOptions()
    {
        const string Ns = "more-get";
        await NamespaceAsync(Ns);
        await _k.ApplyAsync(Policy(Ns, "p-b", "m1", priority: 2) + "\n---\n" + Policy(Ns, "p-a", "m1", priority: 7) + "\n---\n" + Policy(Ns, "p-c", "m1", priority: 1));
        await _k.ApplyAsync("""
            apiVersion: policy.karmada.io/v1alpha1
            kind: ClusterPropagationPolicy
            metadata: {name: more-cpp}
            spec:
              resourceSelectors: [{apiVersion: v1, kind: Namespace, name: NS}]
              placement: {clusterAffinity: {clusterNames: [m1]}}
            ---
            apiVersion: policy.karmada.io/v1alpha1
            kind: OverridePolicy
            metadata: {name: more-op, namespace: NS}
            spec:
              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: x}]
              overrideRules: [{overriders: {labelsOverrider: [{operator: add, value: {a: b}}]}}]
            """.Replace("NS", Ns, StringComparison.Ordinal));
        Assert.Equal(["NAME", "CONFLICT-RESOLUTION", "PRIORITY", "AGE"], KubectlRunner.Header(await _k.OkAsync("get", "pp", "-n", Ns)));
        Assert.Equal(["NAME", "CONFLICT-RESOLUTION", "PRIORITY", "AGE"], KubectlRunner.Header(await _k.OkAsync("get", "cpp", "more-cpp")));
        Assert.Equal(["NAME", "AGE"], KubectlRunner.Header(await _k.OkAsync("get", "op", "-n", Ns)));
        var row = (await _k.OkAsync("get", "pp", "p-a", "-n", Ns, "--no-headers")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["p-a", "Abort", "7"], row.Take(3));

        var sorted = await _k.OkAsync("get", "pp", "-n", Ns, "--sort-by=.spec.priority", "-o", "custom-columns=NAME:.metadata.name,PRIO:.spec.priority");
        Assert.Equal(["NAME PRIO", "p-c 1", "p-b 2", "p-a 7"],
            sorted.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        var labels = await _k.OkAsync("get", "pp", "p-a", "-n", Ns, "--show-labels");
        Assert.Equal("LABELS", KubectlRunner.Header(labels)[^1]);
        Assert.Contains("tier=t7", labels, StringComparison.Ordinal);
        var byLabel = await _k.OkAsync("get", "pp", "-n", Ns, "-L", "tier", "-l", "tier in (t1,t2)", "--sort-by=.metadata.name");
        Assert.Equal("TIER", KubectlRunner.Header(byLabel)[^1]);
        Assert.Equal(["p-b", "p-c"], byLabel.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ')[0]));
        Assert.Equal("p-a=7;p-b=2;p-c=1;", await _k.OkAsync("get", "pp", "-n", Ns, "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.priority};{end}"));
        Assert.Equal("propagationpolicy.policy.karmada.io/p-a", (await _k.OkAsync("get", "pp", "p-a", "-n", Ns, "-o", "name")).Trim());
    }

    [Fact]
    public async Task Get_PersistentVolumeClaimRow_AsKubernetesDefaultsIt()
    {
        const string Ns = "more-pvc";
        await NamespaceAsync(Ns);
        await _k.ApplyAsync("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data, namespace: NS}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            """.Replace("NS", Ns, StringComparison.Ordinal));
        var table = await _k.OkAsync("get", "pvc", "-n", Ns, "-o", "wide");
        Assert.Equal(["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS", "MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE", "VOLUMEMODE"], KubectlRunner.Header(table));
        var row = table.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["data", "Pending"], row.Take(2));
        Assert.Equal("Filesystem", row[^1]);
        // the applied manifest leaves the defaults out; diff finds nothing to change
        var diff = await _k.K.RunAsync(["diff", "-f", "-"],
            $"apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {{name: data, namespace: {Ns}}}\nspec: {{accessModes: [ReadWriteOnce], resources: {{requests: {{storage: 1Gi}}}}}}\n");
        Assert.True(diff.ExitCode == 0, diff.ToString());
    }

    [Fact]
    public async Task Services_GetAClusterIpAndNodePorts_AsOnKarmadaApiserver()
    {
        const string Ns = "more-svc";
        await NamespaceAsync(Ns);
        await _k.OkAsync("create", "service", "clusterip", "web", "--tcp=80:8080", "-n", Ns);
        await _k.OkAsync("create", "service", "nodeport", "np", "--tcp=80:8080", "-n", Ns);
        var web = (await _k.OkAsync("get", "svc", "web", "-n", Ns, "--no-headers")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ClusterIP", web[1]);
        Assert.Matches(@"^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$", web[2]);
        var np = (await _k.OkAsync("get", "svc", "np", "-n", Ns, "--no-headers")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEqual(web[2], np[2]);
        Assert.Matches(@"^80:3[0-2]\d{3}/TCP$", np[4]);
        Assert.Contains("IP:                       " + web[2], await _k.OkAsync("describe", "svc", "web", "-n", Ns), StringComparison.Ordinal);

        // asking for an address in use is refused as kube-apiserver refuses it
        var manifest = """
            apiVersion: v1
            kind: Service
            metadata: {name: fixed, namespace: NS}
            spec: {clusterIP: ADDRESS, selector: {app: fixed}, ports: [{port: 80}]}
            """.Replace("NS", Ns, StringComparison.Ordinal);
        var taken = await _k.K.RunAsync(["apply", "-f", "-"], manifest.Replace("ADDRESS", web[2], StringComparison.Ordinal).ReplaceLineEndings("\n"));
        Assert.NotEqual(0, taken.ExitCode);
        Assert.Contains($"spec.clusterIPs: Invalid value: []string{{\"{web[2]}\"}}: failed to allocate IP {web[2]}: provided IP is already allocated", taken.Stderr, StringComparison.Ordinal);

        // the manifests (without addresses) re-apply, diff and replace cleanly: the allocated addresses stay
        var pipy = """
            apiVersion: v1
            kind: Service
            metadata: {name: pipy, namespace: NS}
            spec: {type: NodePort, selector: {app: pipy}, ports: [{port: 8080, protocol: TCP, targetPort: 8080}]}
            """.Replace("NS", Ns, StringComparison.Ordinal).ReplaceLineEndings("\n");
        await _k.ApplyAsync(pipy);
        var before = await _k.JsonPathAsync("svc", "pipy", Ns, "{.spec.clusterIP} {.spec.ports[0].nodePort}");
        Assert.Contains("unchanged", await _k.ApplyAsync(pipy), StringComparison.Ordinal);
        var diff = await _k.K.RunAsync(["diff", "-f", "-"], pipy);
        Assert.True(diff.ExitCode == 0, diff.ToString());
        var replaced = await _k.K.RunAsync(["replace", "-f", "-"], pipy);
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Equal(before, await _k.JsonPathAsync("svc", "pipy", Ns, "{.spec.clusterIP} {.spec.ports[0].nodePort}"));
    }

    [Fact]
    public async Task AuthCanIAndWhoami_AnswerForTheAdmin()
    {
        Assert.Equal("yes", (await _k.OkAsync("auth", "can-i", "create", "deployments")).Trim());
        Assert.Equal("yes", (await _k.OkAsync("auth", "can-i", "*", "*", "--all-namespaces")).Trim());
        var rules = await _k.OkAsync("auth", "can-i", "--list");
        Assert.Equal(["Resources", "Non-Resource", "URLs", "Resource", "Names", "Verbs"], KubectlRunner.Header(rules));
        Assert.Contains("*.*", rules, StringComparison.Ordinal);
        var whoami = await _k.OkAsync("auth", "whoami");
        Assert.Contains("Username    kubernetes-admin", whoami, StringComparison.Ordinal);
        Assert.Contains("system:masters", whoami, StringComparison.Ordinal);
        Assert.Contains("selfsubjectaccessreviews", await _k.OkAsync("api-resources", "--api-group=authorization.k8s.io"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_DeploymentWithoutPolicy_ShowsKarmadasWarning_AndEventsCommands()
    {
        const string Ns = "more-describe";
        await NamespaceAsync(Ns);
        await _k.OkAsync("create", "deployment", "lonely", "--image=nginx", "-n", Ns);
        string describe = "";
        await Eventually.UntilAsync(async () =>
        {
            describe = await _k.OkAsync("describe", "deployment", "lonely", "-n", Ns);
            return describe.Contains("ApplyPolicyFailed", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20), "describe deployment shows the detector's warning");
        var line = describe.Split('\n').First(l => l.Contains("ApplyPolicyFailed", StringComparison.Ordinal));
        Assert.StartsWith("Warning", line.Trim(), StringComparison.Ordinal);
        Assert.Contains("resource-detector", line, StringComparison.Ordinal);
        Assert.EndsWith("No policy match for resource", line.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("Deployment/lonely", await _k.OkAsync("events", "-n", Ns, "--for=deployment/lonely"), StringComparison.Ordinal);
        Assert.Contains("deployment/lonely", await _k.OkAsync("get", "events", "-n", Ns, "--field-selector=involvedObject.name=lonely"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_KarmadaFields_AndValidationOfKarmadaKinds()
    {
        var placement = await _k.OkAsync("explain", "propagationpolicy.spec.placement");
        Assert.Contains("KIND:       PropagationPolicy", placement, StringComparison.Ordinal);
        Assert.Contains("VERSION:    v1alpha1", placement, StringComparison.Ordinal);
        foreach (var field in new[] { "clusterAffinity", "clusterTolerations", "replicaScheduling", "spreadConstraints" })
            Assert.Contains("  " + field + "\t", placement, StringComparison.Ordinal);
        var type = await _k.OkAsync("explain", "pp.spec.placement.replicaScheduling.replicaSchedulingType");
        Assert.Contains("ENUM:", type, StringComparison.Ordinal);
        Assert.Contains("Duplicated", type, StringComparison.Ordinal);
        Assert.Contains("Divided", type, StringComparison.Ordinal);
        Assert.Contains("apiEndpoint", await _k.OkAsync("explain", "cluster.spec", "--recursive"), StringComparison.Ordinal);
        // Karmada's policies, bindings and works are CRDs there: no Go type names, one description per field.
        Assert.Contains("FIELD: placement <Object>", placement, StringComparison.Ordinal);
        Assert.Contains("  clusterAffinities\t<[]Object>", placement, StringComparison.Ordinal);
        Assert.DoesNotContain("Placement represents the rule for select clusters.\n", placement, StringComparison.Ordinal);
        var workload = await _k.OkAsync("explain", "work.spec.workload");
        Assert.Contains("FIELD: workload <Object>", workload, StringComparison.Ordinal);
        Assert.Contains("  manifests\t<[]Object>", workload, StringComparison.Ordinal);
        Assert.Contains("FIELD: strategy <DeploymentStrategy>", await _k.OkAsync("explain", "deployment.spec.strategy"), StringComparison.Ordinal);

        const string Ns = "more-validate";
        await NamespaceAsync(Ns);
        var manifest = """
            apiVersion: policy.karmada.io/v1alpha1
            kind: PropagationPolicy
            metadata: {name: v, namespace: NS}
            spec:
              resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: v}]
              placement: {clusterAffinity: {clusterNames: [m1]}, bogus: 2}
            """.Replace("NS", Ns, StringComparison.Ordinal).ReplaceLineEndings("\n");
        var strict = await _k.K.RunAsync(["apply", "-f", "-"], manifest);
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("PropagationPolicy in version \"v1alpha1\" cannot be handled as a PropagationPolicy: strict decoding error: unknown field \"spec.placement.bogus\"",
            strict.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, (await _k.K.RunAsync("get", "pp", "v", "-n", Ns)).ExitCode);

        var warn = await _k.K.RunAsync(["apply", "--validate=warn", "-f", "-"], manifest);
        Assert.True(warn.ExitCode == 0, warn.ToString());
        Assert.Contains("Warning: unknown field \"spec.placement.bogus\"", warn.Stderr, StringComparison.Ordinal);
        var stored = KubeObject.Parse(await _k.OkAsync("get", "pp", "v", "-n", Ns, "-o", "json", "--show-managed-fields"));
        Assert.Null(stored["spec"]!["placement"]!["bogus"]);
        Assert.DoesNotContain("bogus", stored["metadata"]!["managedFields"]!.ToJsonString(), StringComparison.Ordinal);

        // A value outside Karmada's enum is refused with the field named, as Karmada's CRD schema does.
        var badEnum = await _k.K.RunAsync(["apply", "-f", "-"], manifest.Replace(", bogus: 2", ", replicaScheduling: {replicaSchedulingType: Sideways}", StringComparison.Ordinal));
        Assert.NotEqual(0, badEnum.ExitCode);
        Assert.Contains("spec.placement.replicaScheduling.replicaSchedulingType", badEnum.Stderr, StringComparison.Ordinal);
        Assert.Contains("Unsupported value: \"Sideways\"", badEnum.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Cascade_OnARealOwnerChain_AndWait()
    {
        const string Ns = "more-cascade";
        await NamespaceAsync(Ns);
        await _k.OkAsync("create", "deployment", "d", "--image=nginx", "-n", Ns);
        var deployUid = await _k.JsonPathAsync("deploy", "d", Ns, "{.metadata.uid}");
        await _k.ApplyAsync("""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: d-1
              namespace: NS
              finalizers: [example.com/hold]
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: d, uid: OWNER, controller: true, blockOwnerDeletion: true}]
            spec:
              selector: {matchLabels: {app: d}}
              template: {metadata: {labels: {app: d}}, spec: {containers: [{name: c, image: nginx}]}}
            """.Replace("NS", Ns, StringComparison.Ordinal).Replace("OWNER", deployUid, StringComparison.Ordinal));
        var rsUid = await _k.JsonPathAsync("rs", "d-1", Ns, "{.metadata.uid}");
        await _k.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: d-1-abcde
              namespace: NS
              labels: {app: d}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: d-1, uid: OWNER, controller: true, blockOwnerDeletion: true}]
            spec: {containers: [{name: c, image: nginx}]}
            """.Replace("NS", Ns, StringComparison.Ordinal).Replace("OWNER", rsUid, StringComparison.Ordinal));

        // Foreground: kubectl waits for the owner, which waits for its held dependent.
        var held = await _k.K.RunAsync("delete", "deploy", "d", "-n", Ns, "--cascade=foreground", "--timeout=3s");
        Assert.NotEqual(0, held.ExitCode);
        Assert.Contains("timed out waiting", held.Stderr, StringComparison.Ordinal);
        Assert.Equal("foregroundDeletion", await _k.JsonPathAsync("deploy", "d", Ns, "{.metadata.finalizers[*]}"));
        Assert.NotEqual("", await _k.JsonPathAsync("rs", "d-1", Ns, "{.metadata.deletionTimestamp}"));
        await _k.OkAsync("wait", "--for=delete", "pod/d-1-abcde", "-n", Ns, "--timeout=20s");
        await _k.OkAsync("patch", "rs", "d-1", "-n", Ns, "--type=json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""");
        await _k.OkAsync("wait", "--for=delete", "deploy/d", "rs/d-1", "-n", Ns, "--timeout=20s");

        // Orphan: the owner goes at once and its dependent stays, without the owner reference.
        await _k.OkAsync("create", "deployment", "o", "--image=nginx", "-n", Ns);
        var oUid = await _k.JsonPathAsync("deploy", "o", Ns, "{.metadata.uid}");
        await _k.ApplyAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: o-dep\n  namespace: {Ns}\n  ownerReferences: [{{apiVersion: apps/v1, kind: Deployment, name: o, uid: {oUid}}}]\n");
        await _k.OkAsync("delete", "deploy", "o", "-n", Ns, "--cascade=orphan", "--wait=true");
        Assert.Equal("", await _k.JsonPathAsync("cm", "o-dep", Ns, "{.metadata.ownerReferences}"));

        // Background (the default): the owner goes at once, the collector removes the dependent afterwards.
        await _k.OkAsync("create", "deployment", "b", "--image=nginx", "-n", Ns);
        var bUid = await _k.JsonPathAsync("deploy", "b", Ns, "{.metadata.uid}");
        await _k.ApplyAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b-dep\n  namespace: {Ns}\n  ownerReferences: [{{apiVersion: apps/v1, kind: Deployment, name: b, uid: {bUid}}}]\n");
        Assert.Contains("deleted", await _k.OkAsync("delete", "deploy", "b", "-n", Ns, "--cascade=background"), StringComparison.Ordinal);
        Assert.NotEqual(0, (await _k.K.RunAsync("get", "deploy", "b", "-n", Ns)).ExitCode);
        await _k.OkAsync("wait", "--for=delete", "cm/b-dep", "-n", Ns, "--timeout=20s");
    }

    [Fact]
    public async Task DeleteNamespace_WaitsWhileFinalizersArePending_AndRemovesEveryKind()
    {
        const string Ns = "more-nsdel";
        await NamespaceAsync(Ns);
        await EnsureGadgetCrdAsync();
        await _k.ApplyAsync(Policy(Ns, "web", "m1"));
        await _k.OkAsync("create", "deployment", "web", "--image=nginx", "-n", Ns);
        await _k.OkAsync("create", "secret", "generic", "s", "--from-literal=a=b", "-n", Ns);
        await Eventually.UntilAsync(async () => (await _k.K.RunAsync(["apply", "-f", "-"],
            $"apiVersion: more.example.com/v1\nkind: Gadget\nmetadata: {{name: held, namespace: {Ns}, finalizers: [example.com/hold]}}\nspec: {{replicas: 1}}\n")).ExitCode == 0,
            TimeSpan.FromSeconds(20), "a Gadget with a finalizer is created");

        var waited = await _k.K.RunAsync("delete", "namespace", Ns, "--timeout=3s");
        Assert.NotEqual(0, waited.ExitCode);
        Assert.Contains($"namespace \"{Ns}\" deleted", waited.Stdout, StringComparison.Ordinal);
        Assert.Contains("timed out waiting", waited.Stderr, StringComparison.Ordinal);
        Assert.Equal("Terminating", await _k.OkAsync("get", "ns", Ns, "-o", "jsonpath={.status.phase}"));
        await Eventually.UntilAsync(async () =>
            (await _k.OkAsync("get", "deploy,secret,pp", "-n", Ns, "-o", "name")).Trim().Length == 0,
            TimeSpan.FromSeconds(20), "everything but the held Gadget is gone");
        Assert.Equal("gadget.more.example.com/held", (await _k.OkAsync("get", "gadgets.more.example.com", "-n", Ns, "-o", "name")).Trim());
        var created = await _k.K.RunAsync("create", "cm", "late", "-n", Ns);
        Assert.NotEqual(0, created.ExitCode);
        Assert.Contains("because it is being terminated", created.Stderr, StringComparison.Ordinal);

        var wait = _k.K.RunAsync("delete", "namespace", Ns, "--timeout=30s");
        await _k.OkAsync("patch", "gadgets.more.example.com", "held", "-n", Ns, "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");
        var finished = await wait;
        Assert.True(finished.ExitCode == 0 || finished.Stderr.Contains("NotFound", StringComparison.Ordinal), finished.ToString());
        await _k.OkAsync("wait", "--for=delete", "namespace/" + Ns, "--timeout=20s");
    }

    [Fact]
    public async Task SeedCommandLines_AgainstTheControlPlane()
    {
        string Scenario(string dir, string file) => Path.Combine(AppContext.BaseDirectory, "Scenarios", dir, file);

        // kubectl config use-context karmada-apiserver (seed 002), on a copy of the kubeconfig
        var config = Path.Combine(Path.GetTempPath(), "flotilla-kc-" + Guid.NewGuid().ToString("N"));
        File.Copy(fx.Server.KubeconfigPath, config);
        var kubeconfigFile = Path.Combine(Path.GetTempPath(), "flotilla-member-" + Guid.NewGuid().ToString("N"));
        try
        {
            var k = new Kubectl(config);
            Assert.Contains("karmada-apiserver", await k.OkAsync("config", "use-context", "karmada-apiserver"), StringComparison.Ordinal);
            Assert.Equal("karmada-apiserver", (await k.OkAsync("config", "current-context")).Trim());
            await k.OkAsync("get", "clusters");

            // seed 000: kubectl create secret generic aks-kubeconfig --from-file=kubeconfig=FILE --namespace karmada-system,
            // then kubectl apply -f aks-cluster.yaml. The kubeconfig points at a loopback port nothing listens on.
            await File.WriteAllTextAsync(kubeconfigFile, """
                apiVersion: v1
                kind: Config
                clusters: [{name: aks, cluster: {server: "https://127.0.0.1:9", insecure-skip-tls-verify: true}}]
                users: [{name: aks, user: {token: abc}}]
                contexts: [{name: aks, context: {cluster: aks, user: aks}}]
                current-context: aks
                """.ReplaceLineEndings("\n"));
            Assert.Equal("secret/aks-kubeconfig created",
                (await k.OkAsync("create", "secret", "generic", "aks-kubeconfig", "--from-file=kubeconfig=" + kubeconfigFile, "--namespace", "karmada-system")).Trim());
            Assert.Contains("cluster.cluster.karmada.io/aks-cluster created", await k.OkAsync("apply", "-f", Scenario("s06-declarative-cluster", "aks-cluster.yaml")), StringComparison.Ordinal);
            Assert.Contains("aks-cluster", await k.OkAsync("get", "clusters"), StringComparison.Ordinal);
            Assert.Equal(["NAME", "VERSION", "MODE", "READY", "AGE", "ZONES", "REGION", "PROVIDER", "API-ENDPOINT", "PROXY-URL"],
                KubectlRunner.Header(await k.OkAsync("get", "cluster", "-o", "wide")));
            Assert.Contains("aks-kubeconfig", await k.OkAsync("get", "secrets", "-n", "karmada-system"), StringComparison.Ordinal);
            var b64 = await k.OkAsync("get", "secret", "-n", "karmada-system", "aks-kubeconfig", "-o", "jsonpath={.data.kubeconfig}");
            Assert.Contains("https://127.0.0.1:9", Encoding.UTF8.GetString(Convert.FromBase64String(b64)), StringComparison.Ordinal);
            await k.OkAsync("get", "pods", "-n", "karmada-system");
            await k.OkAsync("-n", "karmada-system", "get", "pods");

            // seed 001 ($kmd = kubectl --kubeconfig karmada-apiserver.config): apply, get deployment, scale, apply -f a -f b
            await k.OkAsync("apply", "-f", Scenario("s02-pipy-weighted", "pipy.yaml"));
            var deployments = await k.OkAsync("get", "deployment");
            Assert.Equal(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], KubectlRunner.Header(deployments));
            Assert.Contains("0/2", deployments.Split('\n').First(l => l.StartsWith("pipy ", StringComparison.Ordinal)), StringComparison.Ordinal);
            await k.OkAsync("apply", "-f", Scenario("s02-pipy-weighted", "pipy-propagation.yaml"));
            Assert.Equal("deployment.apps/pipy scaled", (await k.OkAsync("scale", "deploy", "pipy", "--replicas", "3")).Trim());
            Assert.Equal("3", (await k.OkAsync("get", "deploy", "pipy", "-o", "jsonpath={.spec.replicas}")).Trim());
            await k.OkAsync("apply", "-f", Scenario("s02-pipy-weighted", "curl.yaml"), "-f", Scenario("s02-pipy-weighted", "curl-propagation.yaml"));
            var diff = await k.RunAsync("diff", "-f", Scenario("s02-pipy-weighted", "curl.yaml"), "-f", Scenario("s02-pipy-weighted", "curl-propagation.yaml"));
            Assert.True(diff.ExitCode == 0, diff.ToString());

            // seed 000 / 002: apply the nginx deployment and its policy, the v2 manifest, then delete -f
            await k.OkAsync("apply", "-f", Scenario("s01-nginx-duplicated", "nginx-deployment.yaml"));
            await k.OkAsync("apply", "-f", Scenario("s01-nginx-duplicated", "nginx-policy.yaml"));
            Assert.Contains("configured", await k.OkAsync("apply", "-f", Scenario("s01-nginx-duplicated", "nginx-deployment-v2.yaml")), StringComparison.Ordinal);
            Assert.Equal("nginx:1.18.0", (await k.OkAsync("get", "deploy", "nginx-deployment", "-o", "jsonpath={.spec.template.spec.containers[0].image}")).Trim());
            Assert.Contains("deleted", await k.OkAsync("delete", "-f", Scenario("s01-nginx-duplicated", "nginx-deployment.yaml")), StringComparison.Ordinal);
            Assert.NotEqual(0, (await k.RunAsync("get", "deploy", "nginx-deployment")).ExitCode);

            // seed 004: kubectl get all -A
            var all = await k.OkAsync("get", "all", "-A");
            Assert.Contains("deployment.apps/pipy", all, StringComparison.Ordinal);
            Assert.Contains("service/pipy", all, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
            File.Delete(kubeconfigFile);
        }
    }
}
