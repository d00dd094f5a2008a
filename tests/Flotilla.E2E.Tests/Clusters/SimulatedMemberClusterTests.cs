using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Flotilla.Core;
using Flotilla.E2E.Tests.Propagation;
using Flotilla.TestKit;
using Xunit.Abstractions;

namespace Flotilla.E2E.Tests.Clusters;

/// <summary>
/// Member clusters end to end with simulated members: <c>flotilla member</c> processes joined with <c>flotilla join</c>
/// (or registered declaratively as scenario s06 does), faults injected with <c>flotilla sim</c>, everything checked with
/// kubectl against the control plane and against each member's own API.
/// </summary>
[Trait("Category", "E2E")]
public sealed partial class SimulatedMemberClusterTests(SimulatedMemberFixture fx, ITestOutputHelper output) : IClassFixture<SimulatedMemberFixture>
{
    private const string NotReadyTaint = "cluster.karmada.io/not-ready";
    private const string UnreachableTaint = "cluster.karmada.io/unreachable";

    private readonly Kubectl _k = new(fx.ControlPlane.KubeconfigPath);

    private string Diagnostics => "\n--- control plane ---\n" + fx.ControlPlane.Log + "\n--- members ---\n" + fx.Members.Log;

    private Task<KubectlResult> JoinAsync(string name, params string[] flags) =>
        FlotillaCli.RunAsync(["join", name, "--cluster-kubeconfig", fx.Members.KubeconfigPathOf(name), "--kubeconfig", fx.ControlPlane.KubeconfigPath, .. flags]);

    private async Task<string?> GetAsync(string kind, string name, string jsonPath, string? ns = null)
    {
        var r = await _k.RunAsync(ns is null
            ? ["get", kind, name, "-o", "jsonpath=" + jsonPath]
            : ["get", kind, name, "-n", ns, "-o", "jsonpath=" + jsonPath]);
        return r.ExitCode == 0 ? r.Stdout.Trim() : null;
    }

    private Task<string?> ReadyAsync(string cluster) =>
        GetAsync("cluster", cluster, "{.status.conditions[?(@.type==\"Ready\")].status}");

    private async Task UntilReadyAsync(string cluster, string status, TimeSpan timeout) =>
        await Eventually.UntilAsync(async () => await ReadyAsync(cluster) == status, timeout,
            $"cluster {cluster} has Ready={status}" + Diagnostics, TimeSpan.FromMilliseconds(50));

    private async Task<JsonObject> ClusterAsync(string name) => KubeObject.Parse(await _k.OkAsync("get", "cluster", name, "-o", "json"));

    /// <summary>"key=value:Effect" of every taint of the cluster.</summary>
    private async Task<string[]> TaintsAsync(string cluster) =>
        (await _k.OkAsync("get", "cluster", cluster, "-o", "jsonpath={range .spec.taints[*]}{.key}={.value}:{.effect}{\"\\n\"}{end}"))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Join_shows_karmada_wide_columns_capacity_summaries_and_a_renewed_lease()
    {
        const string name = "sim-wide";
        var watch = Stopwatch.StartNew();
        var join = await JoinAsync(name, "--cluster-provider", "simcloud", "--cluster-region", "eu-sim-1", "--cluster-zones", "zone-a,zone-b");
        var joinDone = watch.Elapsed;
        Assert.True(join.ExitCode == 0, join.ToString());
        await UntilReadyAsync(name, "True", TimeSpan.FromSeconds(30));
        watch.Stop();
        output.WriteLine($"registration latency (join command start → Ready=True seen by kubectl): {watch.Elapsed.TotalMilliseconds:0} ms " +
            $"(the join command itself: {joinDone.TotalMilliseconds:0} ms)");

        // kubectl get clusters -o wide: NAME VERSION MODE READY AGE ZONES REGION PROVIDER API-ENDPOINT PROXY-URL
        var wide = (await _k.OkAsync("get", "clusters", "-o", "wide")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "VERSION", "MODE", "READY", "AGE", "ZONES", "REGION", "PROVIDER", "API-ENDPOINT", "PROXY-URL"],
            wide[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var cols = wide.Single(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, cols.Length);
        Assert.Equal([name, SimulatedMemberFixture.KubernetesVersion, "Push", "True"], cols[..4]);
        Assert.Equal(["zone-a,zone-b", "eu-sim-1", "simcloud", fx.Members.ServerOf(name), "<none>"], cols[5..]);
        Assert.StartsWith("https://127.0.0.1:", cols[8], StringComparison.Ordinal);

        // status: resourceSummary.allocatable = Σ node allocatable (here = capacity), nodeSummary, apiEnablements
        var cluster = await ClusterAsync(name);
        var status = cluster["status"]!.AsObject();
        var allocatable = status["resourceSummary"]!["allocatable"]!.AsObject();
        Assert.Equal(Quantity.FromUnits(SimulatedMemberFixture.Nodes * SimulatedMemberFixture.NodeCpuCores), Quantity.Parse((string)allocatable["cpu"]!));
        Assert.Equal(Quantity.Parse($"{SimulatedMemberFixture.Nodes * SimulatedMemberFixture.NodeMemoryGi}Gi"), Quantity.Parse((string)allocatable["memory"]!));
        Assert.Equal(Quantity.FromUnits(SimulatedMemberFixture.Nodes * SimulatedMemberFixture.NodePods), Quantity.Parse((string)allocatable["pods"]!));
        // every resource the member's nodes report, summed through the member's own API
        var nodes = KubeObject.Parse(await fx.Members.KubectlOf(name).OkAsync("get", "nodes", "-o", "json"))["items"]!.AsArray();
        Assert.Equal(SimulatedMemberFixture.Nodes, nodes.Count);
        var summed = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var capacity = node!["status"]!["capacity"]!.AsObject();
            Assert.Equal(Quantity.FromUnits(SimulatedMemberFixture.NodeCpuCores), Quantity.Parse((string)capacity["cpu"]!));
            foreach (var (key, value) in node["status"]!["allocatable"]!.AsObject())
                summed[key] = (summed.TryGetValue(key, out var q) ? q : Quantity.Zero) + Quantity.Parse((string)value!);
        }
        Assert.Equal(summed.Keys.Order(StringComparer.Ordinal), allocatable.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (key, value) in summed) Assert.True(value == Quantity.Parse((string)allocatable[key]!), $"allocatable {key}: {allocatable[key]} vs Σ nodes {value}");
        Assert.Equal(SimulatedMemberFixture.Nodes, (int)status["nodeSummary"]!["totalNum"]!);
        Assert.Equal(SimulatedMemberFixture.Nodes, (int)status["nodeSummary"]!["readyNum"]!);
        var enablements = status["apiEnablements"]!.AsArray();
        Assert.NotEmpty(enablements);
        Assert.Contains(enablements, e => (string?)e!["groupVersion"] == "apps/v1"
            && e["resources"]!.AsArray().Any(r => (string?)r!["name"] == "deployments" && (string?)r["kind"] == "Deployment"));
        Assert.Equal("True Complete", await GetAsync("cluster", name, "{.status.conditions[?(@.type==\"CompleteAPIEnablements\")].status} " +
            "{.status.conditions[?(@.type==\"CompleteAPIEnablements\")].reason}"));

        // the cluster Lease karmada-cluster/<cluster>, owned by the Cluster, renewed while the cluster is healthy
        var lease = KubeObject.Parse(await _k.OkAsync("get", "lease", name, "-n", "karmada-cluster", "-o", "json"));
        Assert.Equal(name, (string?)lease["spec"]!["holderIdentity"]);
        Assert.Equal(2, (int)lease["spec"]!["leaseDurationSeconds"]!);
        var owner = lease["metadata"]!["ownerReferences"]!.AsArray().Single()!;
        Assert.Equal($"Cluster/{name}/{cluster["metadata"]!["uid"]}", $"{owner["kind"]}/{owner["name"]}/{owner["uid"]}");
        var first = RenewTime(lease);
        DateTimeOffset? renewed = null;
        await Eventually.UntilAsync(async () =>
        {
            renewed = DateTimeOffset.Parse((await GetAsync("lease", name, "{.spec.renewTime}", "karmada-cluster"))!, CultureInfo.InvariantCulture);
            return renewed > first;
        }, TimeSpan.FromSeconds(15), "the cluster lease is renewed" + Diagnostics, TimeSpan.FromMilliseconds(100));
        output.WriteLine($"lease renewTime {first:O} → {renewed:O}");
    }

    private static DateTimeOffset RenewTime(JsonObject lease) =>
        DateTimeOffset.Parse((string)lease["spec"]!["renewTime"]!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_simulated_outage_turns_ready_false_with_the_not_ready_taint_and_recovery_clears_it()
    {
        const string name = "sim-out";
        var join = await JoinAsync(name);
        Assert.True(join.ExitCode == 0, join.ToString());
        await UntilReadyAsync(name, "True", TimeSpan.FromSeconds(30));
        Assert.Empty(await TaintsAsync(name));

        var outage = await fx.Members.SimOfAsync(name, "outage");
        Assert.True(outage.ExitCode == 0, outage.ToString());
        var member = fx.Members.KubectlOf(name);
        Assert.NotEqual(0, (await member.RunAsync("get", "--raw", "/readyz", "--request-timeout=3s")).ExitCode);
        var watch = Stopwatch.StartNew();
        await UntilReadyAsync(name, "False", TimeSpan.FromSeconds(30));
        output.WriteLine($"outage → Ready=False: {watch.Elapsed.TotalMilliseconds:0} ms (probe every 500 ms, failure threshold 1 s)");
        // A Push cluster the control plane cannot reach is Ready=False/ClusterNotReachable (never Unknown), so it gets
        // the not-ready taint, not the unreachable one (that one belongs to Ready=Unknown).
        Assert.Equal("False|ClusterNotReachable|cluster is not reachable", await GetAsync("cluster", name,
            "{.status.conditions[?(@.type==\"Ready\")].status}|{.status.conditions[?(@.type==\"Ready\")].reason}|{.status.conditions[?(@.type==\"Ready\")].message}"));
        await Eventually.UntilAsync(async () => (await TaintsAsync(name)).Contains(NotReadyTaint + "=:NoSchedule"),
            TimeSpan.FromSeconds(10), "not-ready taint added" + Diagnostics, TimeSpan.FromMilliseconds(100));
        Assert.Equal([NotReadyTaint + "=:NoSchedule"], await TaintsAsync(name));
        Assert.DoesNotContain(UnreachableTaint, string.Join(' ', await TaintsAsync(name)), StringComparison.Ordinal);

        var describe = await _k.OkAsync("describe", "cluster", name);
        Assert.Matches(@"Reason:\s+ClusterNotReachable", describe);
        Assert.Matches(@"Key:\s+cluster\.karmada\.io/not-ready", describe);
        Assert.Matches(@"Warning\s+ClusterNotReachable\s+.*cluster is not reachable", EventsSection(describe));

        var recover = await fx.Members.SimOfAsync(name, "recover");
        Assert.True(recover.ExitCode == 0, recover.ToString());
        Assert.Equal(0, (await member.RunAsync("get", "--raw", "/readyz")).ExitCode);
        await UntilReadyAsync(name, "True", TimeSpan.FromSeconds(30));
        Assert.Equal("ClusterReady", await GetAsync("cluster", name, "{.status.conditions[?(@.type==\"Ready\")].reason}"));
        await Eventually.UntilAsync(async () => (await TaintsAsync(name)).Length == 0,
            TimeSpan.FromSeconds(10), "taints removed after recovery" + Diagnostics, TimeSpan.FromMilliseconds(100));
        // the member kept its state through the outage
        Assert.Equal(SimulatedMemberFixture.Nodes.ToString(CultureInfo.InvariantCulture), await GetAsync("cluster", name, "{.status.nodeSummary.readyNum}"));

        // kubectl describe cluster: the conditions, and the Ready transitions as events (joined, lost, back)
        describe = await _k.OkAsync("describe", "cluster", name);
        Assert.Matches(@"Type:\s+Ready", describe);
        Assert.Matches(@"Reason:\s+ClusterReady", describe);
        Assert.Matches(@"Type:\s+CompleteAPIEnablements", describe);
        var events = EventsSection(describe);
        Assert.Matches(@"Warning\s+ClusterNotReachable\s+", events);
        Assert.Matches(@"Normal\s+ClusterReady\s+.*cluster is healthy and ready to accept workloads", events);
        Assert.DoesNotMatch(@"(?m)^Events:\s+<none>", describe);
    }

    /// <summary>The describe output from its "Events:" line on.</summary>
    private static string EventsSection(string describe)
    {
        var at = describe.IndexOf("\nEvents:", StringComparison.Ordinal);
        Assert.True(at >= 0, "describe shows an Events section:\n" + describe);
        return describe[at..];
    }

    [Fact]
    public async Task Scenario_s06_registers_aks_cluster_from_a_kubeconfig_secret()
    {
        const string member = "sim-aks";
        var kubeconfig = fx.Members.KubeconfigPathOf(member);
        // the scenario's first step, verbatim but for the file path
        await _k.OkAsync("create", "secret", "generic", "aks-kubeconfig", "--from-file=kubeconfig=" + kubeconfig, "--namespace", "karmada-system");
        // aks-cluster.yaml with only its apiEndpoint line pointing at the member's real (loopback) address
        var manifest = await File.ReadAllTextAsync(ScenarioFiles.Path("s06-declarative-cluster", "aks-cluster.yaml"));
        var endpoint = ApiEndpointLine().Matches(manifest);
        Assert.Single(endpoint);
        var server = fx.Members.ServerOf(member);
        Assert.StartsWith("https://127.0.0.1:", server, StringComparison.Ordinal);
        var apply = await _k.RunAsync(["apply", "-f", "-"], ApiEndpointLine().Replace(manifest, "${indent}apiEndpoint: " + server));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("cluster.cluster.karmada.io/aks-cluster created", apply.Stdout, StringComparison.Ordinal);

        await UntilReadyAsync("aks-cluster", "True", TimeSpan.FromSeconds(30));
        var row = (await _k.OkAsync("get", "clusters")).Split('\n').Single(l => l.StartsWith("aks-cluster ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["aks-cluster", SimulatedMemberFixture.KubernetesVersion, "Push", "True"], row[..4]);
        var n = SimulatedMemberFixture.Nodes.ToString(CultureInfo.InvariantCulture);
        Assert.Equal($"{SimulatedMemberFixture.KubernetesVersion} {n}/{n}", await GetAsync("cluster", "aks-cluster",
            "{.status.kubernetesVersion} {.status.nodeSummary.readyNum}/{.status.nodeSummary.totalNum}"));
        Assert.Equal("aks-kubeconfig|true", await GetAsync("cluster", "aks-cluster", "{.spec.secretRef.name}|{.spec.insecureSkipTLSVerification}"));
    }

    [Fact]
    public async Task Unjoin_of_a_simulated_member_cleans_the_control_plane_and_the_member()
    {
        const string name = "sim-gone";
        var member = fx.Members.KubectlOf(name);
        var join = await JoinAsync(name);
        Assert.True(join.ExitCode == 0, join.ToString());
        await UntilReadyAsync(name, "True", TimeSpan.FromSeconds(30));
        // what join created, on both sides
        await _k.OkAsync("get", "secret", "-n", "karmada-cluster", name, name + "-impersonator");
        await _k.OkAsync("get", "namespace", "karmada-es-" + name);
        await _k.OkAsync("get", "lease", "-n", "karmada-cluster", name);
        await member.OkAsync("get", "serviceaccount", "-n", "karmada-cluster", "karmada-" + name, "karmada-impersonator");
        await member.OkAsync("get", "secret", "-n", "karmada-cluster", "karmada-" + name, "karmada-impersonator");
        await member.OkAsync("get", "clusterrolebinding", "karmada-controller-manager:karmada-" + name);

        var unjoin = await FlotillaCli.RunAsync("unjoin", name, "--kubeconfig", fx.ControlPlane.KubeconfigPath, "--wait", "30s");
        Assert.True(unjoin.ExitCode == 0, unjoin + Diagnostics);
        Assert.Contains($"cluster({name}) is unjoined successfully", unjoin.Stdout, StringComparison.Ordinal);

        Assert.True(await _k.IsGoneAsync("cluster", name), "Cluster removed");
        Assert.True(await _k.IsGoneAsync("secret", name, "karmada-cluster"), "secret karmada-cluster/" + name + " removed");
        Assert.True(await _k.IsGoneAsync("secret", name + "-impersonator", "karmada-cluster"), "impersonator secret removed");
        await Eventually.UntilAsync(() => _k.IsGoneAsync("namespace", "karmada-es-" + name), TimeSpan.FromSeconds(15),
            "execution namespace karmada-es-" + name + " removed" + Diagnostics);
        await Eventually.UntilAsync(() => _k.IsGoneAsync("lease", name, "karmada-cluster"), TimeSpan.FromSeconds(15),
            "cluster lease karmada-cluster/" + name + " removed" + Diagnostics);

        // the member side, through the member's own admin kubeconfig: the service accounts, their tokens and RBAC
        await Eventually.UntilAsync(async () =>
        {
            var left = await member.RunAsync("get", "serviceaccounts,secrets", "-n", "karmada-cluster", "-o", "name");
            return left.ExitCode == 0 && !left.Stdout.Contains("karmada-", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(15), "member-side service accounts and token secrets removed" + Diagnostics);
        Assert.True(await member.IsGoneAsync("clusterrolebinding", "karmada-controller-manager:karmada-" + name), "member clusterrolebinding removed");
        Assert.True(await member.IsGoneAsync("clusterrole", "karmada-controller-manager:karmada-" + name), "member clusterrole removed");
        // the member itself is fine: unjoin removed only what join created
        Assert.Equal(SimulatedMemberFixture.Nodes, (await member.OkAsync("get", "nodes", "-o", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [GeneratedRegex(@"(?m)^(?<indent>[ \t]*)apiEndpoint:.*$")]
    private static partial Regex ApiEndpointLine();
}
