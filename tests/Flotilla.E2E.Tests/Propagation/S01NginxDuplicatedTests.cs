using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Propagation;

/// <summary>Scenario s01-nginx-duplicated: a Deployment duplicated to aks-cluster-1 and aks-cluster-2.</summary>
[Trait("Category", "E2E")]
[Collection(ScenarioFiles.Collection)]
public sealed class S01NginxDuplicatedTests : IAsyncLifetime
{
    private const string Scenario = "s01-nginx-duplicated";
    private static readonly string[] Members = ["aks-cluster-1", "aks-cluster-2"];
    private FlotillaUp _up = null!;

    public async Task InitializeAsync() => _up = await FlotillaUp.StartAsync(Members);

    public async Task DisposeAsync() => await _up.DisposeAsync();

    [Fact]
    public async Task Deployment_is_duplicated_updated_aggregated_and_deleted_in_both_members()
    {
        var k = _up.ControlPlane;
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "nginx-deployment.yaml"));
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "nginx-policy.yaml"));

        foreach (var m in Members)
            await _up.UntilAsync(async () => await _up.Member(m).GetAsync("deployment", "nginx-deployment", "{.spec.replicas}", "default") == "3",
                $"{m} has default/nginx-deployment with 3 replicas");

        await _up.UntilAsync(async () =>
        {
            var table = await k.OkAsync("get", "deployment", "nginx-deployment");
            var row = table.Split('\n').Single(l => l.StartsWith("nginx-deployment", StringComparison.Ordinal));
            return row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == "6/3";
        }, "the control plane shows READY 6/3");

        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "nginx-deployment-v2.yaml"));
        foreach (var m in Members)
            await _up.UntilAsync(async () => await _up.Member(m).GetAsync("deployment", "nginx-deployment",
                "{.spec.template.spec.containers[0].image}", "default") == "nginx:1.18.0", $"{m} moves to nginx:1.18.0");

        await FlotillaGetShowsTheControlPlaneAndEveryMemberAsync();
        await DeletingThePolicyKeepsWorksAndMemberObjectsAsync();

        await k.OkAsync("delete", "-f", ScenarioFiles.Path(Scenario, "nginx-deployment.yaml"));
        foreach (var m in Members)
            await _up.UntilAsync(() => _up.Member(m).IsGoneAsync("deployment", "nginx-deployment", "default"),
                $"nginx-deployment disappears from {m}");
    }

    /// <summary><c>flotilla get</c> (karmadactl get): one table with CLUSTER after NAME and ADOPTION last, a row for the
    /// control plane (CLUSTER Karmada, ADOPTION -) and one per member (ADOPTION Y: managed by Flotilla).</summary>
    private async Task FlotillaGetShowsTheControlPlaneAndEveryMemberAsync()
    {
        async Task<(string[] Header, List<string[]> Rows)> GetAsync(params string[] extra)
        {
            var r = await _up.RunCliAsync(["get", "deployment", "nginx-deployment", "--kubeconfig", _up.KubeconfigPath, .. extra]);
            Assert.True(r.ExitCode == 0, r.ToString());
            var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var split = lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            return (split[0], split.Skip(1).ToList());
        }

        var (header, rows) = await GetAsync();
        Assert.Equal(["NAME", "CLUSTER"], header[..2]);
        Assert.Equal("ADOPTION", header[^1]);
        Assert.Contains("READY", header);
        var cluster = Array.IndexOf(header, "CLUSTER");
        var adoption = header.Length - 1;
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        Assert.All(rows, r => Assert.Equal("nginx-deployment", r[0]));
        Assert.Equal(["Karmada", .. Members], rows.Select(r => r[cluster]).ToArray());
        Assert.Equal(["-", "Y", "Y"], rows.Select(r => r[adoption]).ToArray());

        // -n selects the namespace: the same rows in default, none in a namespace without it.
        (_, var inDefault) = await GetAsync("-n", "default");
        Assert.Equal(rows.Select(r => r[cluster]), inDefault.Select(r => r[cluster]));
        var elsewhere = await _up.RunCliAsync(["get", "deployment", "nginx-deployment", "-n", "kube-public", "--kubeconfig", _up.KubeconfigPath]);
        Assert.True(elsewhere.ExitCode == 0, elsewhere.ToString());
        Assert.Equal("", elsewhere.Stdout.Trim());
        Assert.Contains("No resources found in kube-public namespace.", elsewhere.Stderr, StringComparison.Ordinal);

        // --clusters narrows the members; the control plane row stays (operation scope "all").
        (_, rows) = await GetAsync("--clusters", Members[0]);
        Assert.Equal(["Karmada", Members[0]], rows.Select(r => r[cluster]).ToArray());
        (_, rows) = await GetAsync("--clusters", Members[1], "--operation-scope", "members");
        Assert.Equal([Members[1]], rows.Select(r => r[cluster]).ToArray());
        Assert.Equal("Y", Assert.Single(rows)[adoption]);
    }

    /// <summary>KARMADA.md §2.2 step 9: deleting the policy unclaims the template and its binding; the binding, its
    /// Works and the member objects stay.</summary>
    private async Task DeletingThePolicyKeepsWorksAndMemberObjectsAsync()
    {
        var k = _up.ControlPlane;
        const string claim = "{.metadata.labels.propagationpolicy\\.karmada\\.io/permanent-id}";
        Assert.NotEqual("", await k.GetAsync("deployment", "nginx-deployment", claim, "default"));
        var worksBefore = await WorksAsync();
        Assert.Equal(Members.Select(m => "karmada-es-" + m), worksBefore.Keys.Order(StringComparer.Ordinal));

        await k.OkAsync("delete", "propagationpolicy", "nginx-policy", "-n", "default");
        await _up.UntilAsync(async () => await k.GetAsync("deployment", "nginx-deployment", claim, "default") == ""
                && await k.GetAsync("resourcebinding", "nginx-deployment-deployment", claim, "default") == "",
            "the template and its binding are unclaimed");

        // The binding and its Works survive (same objects, not being deleted), and so do the member objects.
        Assert.NotNull(await k.GetAsync("resourcebinding", "nginx-deployment-deployment", "{.metadata.name}", "default"));
        Assert.Equal(worksBefore, await WorksAsync());
        foreach (var m in Members)
        {
            Assert.Equal("3", await _up.Member(m).GetAsync("deployment", "nginx-deployment", "{.spec.replicas}", "default"));
            Assert.Equal("", await _up.Member(m).GetAsync("deployment", "nginx-deployment", "{.metadata.deletionTimestamp}", "default"));
            Assert.Equal("true", await _up.Member(m).GetAsync("deployment", "nginx-deployment", "{.metadata.labels.karmada\\.io/managed}", "default"));
        }
    }

    /// <summary>The nginx-deployment Works by namespace: "uid deletionTimestamp" (the timestamp empty while alive).</summary>
    private async Task<Dictionary<string, string>> WorksAsync()
    {
        var list = await _up.ControlPlane.OkAsync("get", "works", "-A", "-o",
            "jsonpath={range .items[*]}{.metadata.namespace} {.metadata.annotations.resourcebinding\\.karmada\\.io/name} {.metadata.uid} {.metadata.deletionTimestamp}{\"\\n\"}{end}");
        return list.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .Where(p => p[1] == "nginx-deployment-deployment")
            .ToDictionary(p => p[0], p => p[2] + " " + (p.Length > 3 ? p[3] : ""), StringComparer.Ordinal);
    }
}
