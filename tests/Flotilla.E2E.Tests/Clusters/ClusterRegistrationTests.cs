using System.Diagnostics;
using Flotilla.TestKit;
using Xunit.Abstractions;

namespace Flotilla.E2E.Tests.Clusters;

/// <summary>
/// join / unjoin / cordon / taint and declarative registration against two real servers: a control plane running
/// the controllers (<c>flotilla serve</c> runs them) and a member (<c>flotilla serve</c>).
/// </summary>
[Trait("Category", "E2E")]
public sealed class ClusterRegistrationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FlotillaCli.Server _cp = null!;
    private FlotillaCli.Server _member = null!;
    private Kubectl _k = null!;
    private Kubectl _m = null!;

    public async Task InitializeAsync()
    {
        var cp = FlotillaCli.Server.StartAsync("--cluster-status-update-frequency", "1s",
            "--cluster-failure-threshold", "2s", "--cluster-success-threshold", "2s");
        var member = FlotillaCli.Server.StartAsync();
        try
        {
            await Task.WhenAll(cp, member);
        }
        finally
        {
            // keep whichever started so DisposeAsync stops it even when the other failed
            if (cp.IsCompletedSuccessfully) _cp = cp.Result;
            if (member.IsCompletedSuccessfully) _member = member.Result;
        }
        _k = new Kubectl(_cp.KubeconfigPath);
        _m = new Kubectl(_member.KubeconfigPath);
    }

    public async Task DisposeAsync()
    {
        // InitializeAsync may have failed half-way: dispose whatever started.
        if (_cp is not null) await _cp.DisposeAsync();
        if (_member is not null) await _member.DisposeAsync();
    }

    private Task<KubectlResult> JoinAsync(string name, string? memberKubeconfig = null) =>
        FlotillaCli.RunAsync("join", name, "--cluster-kubeconfig", memberKubeconfig ?? _member.KubeconfigPath, "--kubeconfig", _cp.KubeconfigPath,
            "--cluster-provider", "flotilla", "--cluster-region", "local", "--cluster-zones", "z1,z2");

    private async Task<string> ReadyAsync(string name)
    {
        var r = await _k.RunAsync(["get", "cluster", name, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"]);
        return r.ExitCode == 0 ? r.Stdout.Trim() : "";
    }

    [Fact]
    public async Task Join_registers_a_ready_push_cluster_and_unjoin_cleans_both_sides()
    {
        var watch = Stopwatch.StartNew();
        var join = await JoinAsync("member-a");
        Assert.True(join.ExitCode == 0, join.ToString());
        Assert.Contains("cluster(member-a) is joined successfully", join.Stdout, StringComparison.Ordinal);
        await Eventually.UntilAsync(async () => await ReadyAsync("member-a") == "True", TimeSpan.FromSeconds(30),
            "member-a becomes Ready\n" + _cp.Log, TimeSpan.FromMilliseconds(50));
        watch.Stop();
        output.WriteLine($"join start → Ready=True: {watch.Elapsed.TotalMilliseconds:0} ms");

        var wide = await _k.OkAsync("get", "clusters", "-o", "wide");
        var row = wide.Split('\n').Single(l => l.StartsWith("member-a", StringComparison.Ordinal));
        var cols = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["member-a", "Push", "True"], new[] { cols[0], cols[2], cols[3] });
        Assert.Contains("z1,z2", row, StringComparison.Ordinal);
        Assert.Contains("local", row, StringComparison.Ordinal);
        Assert.Contains("flotilla", row, StringComparison.Ordinal);

        var uid = await _m.OkAsync("get", "namespace", "kube-system", "-o", "jsonpath={.metadata.uid}");
        Assert.Equal(uid.Trim(), (await _k.OkAsync("get", "cluster", "member-a", "-o", "jsonpath={.spec.id}")).Trim());
        Assert.Equal("karmada-cluster/member-a", (await _k.OkAsync("get", "cluster", "member-a", "-o",
            "jsonpath={.spec.secretRef.namespace}/{.spec.secretRef.name}")).Trim());
        await _k.OkAsync("get", "secret", "-n", "karmada-cluster", "member-a", "member-a-impersonator");
        await _k.OkAsync("get", "namespace", "karmada-es-member-a");
        await _m.OkAsync("get", "serviceaccount", "-n", "karmada-cluster", "karmada-member-a", "karmada-impersonator");
        var nodeSummary = await _k.OkAsync("get", "cluster", "member-a", "-o", "jsonpath={.status.nodeSummary.totalNum}");
        Assert.Equal("0", nodeSummary.Trim());

        var again = await JoinAsync("member-a");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Stderr, StringComparison.Ordinal);

        var unjoin = await FlotillaCli.RunAsync("unjoin", "member-a", "--kubeconfig", _cp.KubeconfigPath, "--wait", "30s");
        Assert.True(unjoin.ExitCode == 0, unjoin.ToString());
        Assert.Equal(1, (await _k.RunAsync(["get", "cluster", "member-a"])).ExitCode);
        Assert.Equal(1, (await _k.RunAsync(["get", "secret", "-n", "karmada-cluster", "member-a"])).ExitCode);
        Assert.Equal(1, (await _k.RunAsync(["get", "secret", "-n", "karmada-cluster", "member-a-impersonator"])).ExitCode);
        await Eventually.UntilAsync(async () => (await _k.RunAsync(["get", "namespace", "karmada-es-member-a"])).ExitCode != 0,
            TimeSpan.FromSeconds(10), "execution namespace removed");
        await Eventually.UntilAsync(async () => (await _m.RunAsync(["get", "serviceaccount", "-n", "karmada-cluster", "karmada-member-a"])).ExitCode != 0,
            TimeSpan.FromSeconds(10), "member service account removed");
    }

    public static TheoryData<string, string> InvalidNames => new()
    {
        { "49 characters", new string('a', 49) },
        { "upper case", "Member-A" },
        { "underscore", "member_a" },
    };

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task Invalid_names_are_refused_and_register_nothing(string because, string name)
    {
        var join = await JoinAsync(name);
        Assert.True(join.ExitCode == 2, because + ": " + join);
        Assert.Contains("invalid cluster name", join.Stderr, StringComparison.Ordinal);
        Assert.Equal("", (await _k.OkAsync("get", "clusters", "-o", "name")).Trim());
        var accounts = await _m.RunAsync(["get", "serviceaccounts", "-A", "-o", "name"]);
        Assert.DoesNotContain("karmada-", accounts.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_member_is_refused_and_registers_nothing()
    {
        var text = await File.ReadAllTextAsync(_member.KubeconfigPath);
        var server = System.Text.RegularExpressions.Regex.Match(text, @"server:\s*(\S+)").Groups[1].Value;
        var dead = Path.Combine(_cp.DataDir, "dead.config");
        await File.WriteAllTextAsync(dead, text.Replace(server, $"https://127.0.0.1:{FreePort.Next()}", StringComparison.Ordinal));
        var join = await JoinAsync("ghost", dead);
        Assert.True(join.ExitCode == 1, join.ToString());
        Assert.Contains("not reachable", join.Stderr, StringComparison.Ordinal);
        Assert.Equal("", (await _k.OkAsync("get", "clusters", "-o", "name")).Trim());
        Assert.Equal(1, (await _k.RunAsync(["get", "secret", "-n", "karmada-cluster", "ghost"])).ExitCode);
    }

    [Fact]
    public async Task Cordon_and_taint_edit_cluster_taints()
    {
        Assert.Equal(0, (await JoinAsync("member-t")).ExitCode);
        var cordon = await FlotillaCli.RunAsync("cordon", "member-t", "--kubeconfig", _cp.KubeconfigPath);
        Assert.True(cordon.ExitCode == 0, cordon.ToString());
        var taint = await FlotillaCli.RunAsync("taint", "clusters", "member-t", "gpu=true:NoSchedule", "--kubeconfig", _cp.KubeconfigPath);
        Assert.True(taint.ExitCode == 0, taint.ToString());
        var taints = await _k.OkAsync("get", "cluster", "member-t", "-o", "jsonpath={range .spec.taints[*]}{.key}={.value}:{.effect} {end}");
        Assert.Contains("cluster.karmada.io/unschedulable=:NoSchedule", taints, StringComparison.Ordinal);
        Assert.Contains("gpu=true:NoSchedule", taints, StringComparison.Ordinal);

        var conflict = await FlotillaCli.RunAsync("taint", "clusters", "member-t", "gpu=false:NoSchedule", "--kubeconfig", _cp.KubeconfigPath);
        Assert.Equal(1, conflict.ExitCode);
        Assert.Equal(0, (await FlotillaCli.RunAsync("taint", "clusters", "member-t", "gpu:NoSchedule-", "--kubeconfig", _cp.KubeconfigPath)).ExitCode);
        Assert.Equal(0, (await FlotillaCli.RunAsync("uncordon", "member-t", "--kubeconfig", _cp.KubeconfigPath)).ExitCode);
        await Eventually.UntilAsync(async () => await ReadyAsync("member-t") == "True", TimeSpan.FromSeconds(30), "member-t Ready");
        taints = await _k.OkAsync("get", "cluster", "member-t", "-o", "jsonpath={.spec.taints}");
        Assert.Equal("", taints.Trim());
    }

    [Fact]
    public async Task A_cluster_with_a_kubeconfig_secret_registers_declaratively()
    {
        await _k.OkAsync("create", "secret", "generic", "member-kubeconfig", "--from-file=kubeconfig=" + _member.KubeconfigPath, "-n", "karmada-system");
        var text = await File.ReadAllTextAsync(_member.KubeconfigPath);
        var server = System.Text.RegularExpressions.Regex.Match(text, @"server:\s*(\S+)").Groups[1].Value;
        var manifest = $$"""
            apiVersion: cluster.karmada.io/v1alpha1
            kind: Cluster
            metadata:
              name: declared
            spec:
              apiEndpoint: {{server}}
              secretRef:
                namespace: karmada-system
                name: member-kubeconfig
            """;
        var apply = await _k.RunAsync(["apply", "-f", "-"], manifest);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        await Eventually.UntilAsync(async () => await ReadyAsync("declared") == "True", TimeSpan.FromSeconds(30),
            "declared cluster becomes Ready\n" + _cp.Log, TimeSpan.FromMilliseconds(100));
        Assert.Equal("Push", (await _k.OkAsync("get", "cluster", "declared", "-o", "jsonpath={.spec.syncMode}")).Trim());
    }

    [Fact]
    public async Task A_member_that_goes_away_becomes_not_ready_and_tainted()
    {
        Assert.Equal(0, (await JoinAsync("member-h")).ExitCode);
        await Eventually.UntilAsync(async () => await ReadyAsync("member-h") == "True", TimeSpan.FromSeconds(30), "member-h Ready");
        await _member.KillAsync();
        var watch = Stopwatch.StartNew();
        await Eventually.UntilAsync(async () => await ReadyAsync("member-h") == "False", TimeSpan.FromSeconds(30),
            "member-h becomes NotReady after the failure threshold\n" + _cp.Log, TimeSpan.FromMilliseconds(100));
        output.WriteLine($"member killed → Ready=False: {watch.Elapsed.TotalMilliseconds:0} ms (threshold 2 s, probe every 1 s)");
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), "the failure threshold must hold Ready=True for a while");
        var reason = await _k.OkAsync("get", "cluster", "member-h", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}");
        Assert.Equal("ClusterNotReachable", reason.Trim());
        await Eventually.UntilAsync(async () =>
            (await _k.OkAsync("get", "cluster", "member-h", "-o", "jsonpath={.spec.taints[*].key}")).Contains("cluster.karmada.io/not-ready", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "not-ready taint added");
    }

    [Fact]
    public async Task A_cluster_with_a_token_secret_and_insecure_tls_registers_declaratively()
    {
        var token = (await File.ReadAllTextAsync(Path.Combine(_member.DataDir, "admin.token"))).Trim();
        await _k.OkAsync("create", "secret", "generic", "member-token", "--from-literal=token=" + token, "-n", "karmada-system");
        var text = await File.ReadAllTextAsync(_member.KubeconfigPath);
        var server = System.Text.RegularExpressions.Regex.Match(text, @"server:\s*(\S+)").Groups[1].Value;
        var manifest = $$"""
            apiVersion: cluster.karmada.io/v1alpha1
            kind: Cluster
            metadata:
              name: by-token
            spec:
              syncMode: Push
              apiEndpoint: {{server}}
              insecureSkipTLSVerification: true
              secretRef:
                namespace: karmada-system
                name: member-token
            """;
        var apply = await _k.RunAsync(["apply", "-f", "-"], manifest);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        await Eventually.UntilAsync(async () => await ReadyAsync("by-token") == "True", TimeSpan.FromSeconds(30),
            "by-token cluster becomes Ready\n" + _cp.Log, TimeSpan.FromMilliseconds(100));
        Assert.NotEqual("", (await _k.OkAsync("get", "cluster", "by-token", "-o", "jsonpath={.status.kubernetesVersion}")).Trim());
    }
}
