using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests;

[Trait("Category", "E2E")]
public sealed class KubectlTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private Kubectl K => fx.Kubectl;

    private async Task<string> OkAsync(params string[] args)
    {
        var r = await K.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)}\n{r}\n{fx.Server.Describe()}");
        return r.Stdout;
    }

    private static string Yaml(string text) => text.ReplaceLineEndings("\n");

    [Fact]
    public async Task InitialNamespaces_AreListed()
    {
        var names = await OkAsync("get", "ns", "-o", "name");
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "karmada-system", "karmada-cluster" })
            Assert.Contains("namespace/" + ns, names, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateGetListDelete_NamespacedAndClusterScoped_WithOutputFormats()
    {
        await OkAsync("create", "namespace", "e2e-crud");
        await OkAsync("create", "configmap", "settings", "-n", "e2e-crud", "--from-literal=mode=fast");
        var yaml = await OkAsync("get", "cm", "settings", "-n", "e2e-crud", "-o", "yaml");
        Assert.Contains("mode: fast", yaml, StringComparison.Ordinal);
        Assert.Contains("resourceVersion:", yaml, StringComparison.Ordinal);
        var json = KubeObject.Parse(await OkAsync("get", "configmap", "settings", "-n", "e2e-crud", "-o", "json"));
        Assert.Equal("fast", json["data"]!["mode"]!.GetValue<string>());
        Assert.Equal("configmap/settings", (await OkAsync("get", "cm", "-n", "e2e-crud", "-o", "name")).Trim());
        var table = await OkAsync("get", "cm", "-n", "e2e-crud");
        Assert.Contains("NAME", table, StringComparison.Ordinal);
        Assert.Contains("settings", table, StringComparison.Ordinal);
        Assert.Contains("settings", await OkAsync("get", "cm", "-A"), StringComparison.Ordinal);

        await OkAsync("create", "priorityclass", "e2e-high", "--value=1000");
        Assert.Contains("e2e-high", await OkAsync("get", "pc"), StringComparison.Ordinal);
        await OkAsync("delete", "pc", "e2e-high");
        await OkAsync("delete", "cm", "settings", "-n", "e2e-crud");
        var gone = await K.RunAsync("get", "cm", "settings", "-n", "e2e-crud");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("NotFound", gone.Stderr, StringComparison.Ordinal);
        await OkAsync("delete", "namespace", "e2e-crud");
        await Eventually.UntilAsync(async () => (await K.RunAsync("get", "ns", "e2e-crud")).ExitCode != 0, TimeSpan.FromSeconds(20), "the namespace goes");
    }

    [Fact]
    public async Task LabelSelector_FiltersList()
    {
        await OkAsync("create", "namespace", "e2e-labels");
        await OkAsync("create", "cm", "a", "-n", "e2e-labels");
        await OkAsync("create", "cm", "b", "-n", "e2e-labels");
        await OkAsync("label", "cm", "a", "-n", "e2e-labels", "tier=front");
        Assert.Equal("configmap/a", (await OkAsync("get", "cm", "-n", "e2e-labels", "-l", "tier=front", "-o", "name")).Trim());
        Assert.Equal("configmap/b", (await OkAsync("get", "cm", "-n", "e2e-labels", "-l", "!tier", "-o", "name")).Trim());
    }

    [Fact]
    public async Task GetWatch_ReceivesEvents()
    {
        await OkAsync("create", "namespace", "e2e-watch");
        using var watch = K.Start("get", "cm", "-n", "e2e-watch", "-w", "-o", "name");
        var lines = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (await watch.StandardOutput.ReadLineAsync() is { } line) lock (lines) lines.Add(line);
        });
        try
        {
            // kubectl lists first; create only once the watch is surely running, then keep creating until seen.
            var i = 0;
            await Eventually.UntilAsync(async () =>
            {
                await OkAsync("create", "cm", $"w{i++}", "-n", "e2e-watch");
                lock (lines) return lines.Count > 0;
            }, TimeSpan.FromSeconds(20), "kubectl get -w prints a created object", TimeSpan.FromMilliseconds(200));
            lock (lines) Assert.StartsWith("configmap/w", lines[0], StringComparison.Ordinal);
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await reader.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task ApiResources_ShowKarmadaShortNames()
    {
        var output = await OkAsync("api-resources");
        foreach (var (shortName, resource) in new[] { ("pp", "propagationpolicies"), ("cpp", "clusterpropagationpolicies"), ("op", "overridepolicies"),
                     ("cop", "clusteroverridepolicies"), ("rb", "resourcebindings"), ("crb", "clusterresourcebindings"), ("wk", "works"),
                     ("deploy", "deployments"), ("cm", "configmaps") })
        {
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(resource + " ", StringComparison.Ordinal));
            Assert.True(line is not null, $"{resource} missing from api-resources:\n{output}");
            Assert.Contains(" " + shortName + " ", " " + line + " ", StringComparison.Ordinal);
        }
        Assert.Contains("clusters", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crd_CreateUseDelete()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Scenarios", "s07-crd-propagation");
        await OkAsync("apply", "-f", Path.Combine(dir, "gitrepository-crd.yaml"));
        await OkAsync("apply", "-f", Path.Combine(dir, "flux-repo.yaml"));
        Assert.Contains("flux-repo", await OkAsync("get", "gitrepositories", "-n", "flux-system"), StringComparison.Ordinal);
        await OkAsync("wait", "--for=condition=Established", "crd/gitrepositories.source.toolkit.fluxcd.io", "--timeout=20s");
        await OkAsync("delete", "crd", "gitrepositories.source.toolkit.fluxcd.io");
        await Eventually.UntilAsync(async () => (await K.RunAsync("get", "gitrepositories", "-A")).ExitCode != 0,
            TimeSpan.FromSeconds(20), "the CRD's kind is no longer served");
    }

    private static readonly System.Text.RegularExpressions.Regex ApiEndpointLine =
        new(@"(?m)^(?<indent>[ \t]*)apiEndpoint:.*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    [Fact]
    public async Task EveryScenarioManifest_AppliesCleanlyTwice()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Scenarios");
        var files = Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories)
            .OrderBy(f => File.ReadAllText(f) is var text && text.Contains("kind: CustomResourceDefinition", StringComparison.Ordinal) ? 0
                : text.Contains("kind: Namespace", StringComparison.Ordinal) ? 1 : 2)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(files);
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var f in files)
            {
                // A Cluster's apiEndpoint gets probed by this control plane's controllers: point it at a loopback port
                // nothing listens on instead of the scenario's placeholder host (never traffic off the machine).
                var text = await File.ReadAllTextAsync(f);
                var r = ApiEndpointLine.IsMatch(text)
                    ? await K.RunAsync(["apply", "-f", "-"], ApiEndpointLine.Replace(text, "${indent}apiEndpoint: https://127.0.0.1:9"))
                    : await K.RunAsync("apply", "-f", f);
                Assert.True(r.ExitCode == 0, $"pass {pass + 1}: kubectl apply -f {Path.GetRelativePath(root, f)}\n{r}");
            }
        }
        Assert.Contains("aks-cluster", await OkAsync("get", "clusters"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadManifests_GetClearErrors()
    {
        var badName = await K.RunAsync(["apply", "-f", "-"], Yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n  namespace: default\n"));
        Assert.NotEqual(0, badName.ExitCode);
        Assert.Contains("is invalid", badName.Stderr, StringComparison.Ordinal);
        Assert.Contains("metadata.name", badName.Stderr, StringComparison.Ordinal);

        var unknown = await K.RunAsync(["apply", "-f", "-"], Yaml("apiVersion: example.com/v1\nkind: Nothing\nmetadata:\n  name: x\n"));
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("Nothing", unknown.Stderr, StringComparison.Ordinal);

        var noNs = await K.RunAsync(["apply", "-f", "-"], Yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: does-not-exist\n"));
        Assert.NotEqual(0, noNs.ExitCode);
        Assert.Contains("not found", noNs.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerSideApplyAndPatch_Work()
    {
        await OkAsync("create", "namespace", "e2e-patch");
        var manifest = Yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: e2e-patch\ndata:\n  a: \"1\"\n");
        var r = await K.RunAsync(["apply", "--server-side", "-f", "-"], manifest);
        Assert.True(r.ExitCode == 0, r.ToString());
        await OkAsync("patch", "cm", "ssa", "-n", "e2e-patch", "--type=merge", "-p", "{\"data\":{\"b\":\"2\"}}");
        await OkAsync("patch", "cm", "ssa", "-n", "e2e-patch", "--type=json", "-p", "[{\"op\":\"add\",\"path\":\"/data/c\",\"value\":\"3\"}]");
        var obj = KubeObject.Parse(await OkAsync("get", "cm", "ssa", "-n", "e2e-patch", "-o", "json"));
        var data = (JsonObject)obj["data"]!;
        Assert.Equal(["1", "2", "3"], new[] { "a", "b", "c" }.Select(k => data[k]!.GetValue<string>()));
    }
}
