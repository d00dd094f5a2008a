using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Controllers.Clusters;
using Flotilla.Controllers.Registration;
using Flotilla.Core;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;
using Xunit;

namespace Flotilla.Controllers.Tests.Clusters;

public sealed class ClusterRegistrarTests
{
    private static readonly ApiResource ServiceAccounts = new()
    {
        Group = "", Version = "v1", Kind = "ServiceAccount", Plural = "serviceaccounts", Singular = "serviceaccount", Namespaced = true,
    };
    private static readonly ApiResource ClusterRoles = new()
    {
        Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "ClusterRole", Plural = "clusterroles", Singular = "clusterrole", Namespaced = false,
    };
    private static readonly ApiResource ClusterRoleBindings = new()
    {
        Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "ClusterRoleBinding", Plural = "clusterrolebindings", Singular = "clusterrolebinding", Namespaced = false,
    };

    private readonly FakeKubeClient _cp = new();
    private readonly FakeKubeClient _member = new([.. FakeResources.Defaults, ServiceAccounts, ClusterRoles, ClusterRoleBindings]);

    public ClusterRegistrarTests()
    {
        _member.Seed(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = "kube-system", ["uid"] = "kube-system-uid" },
        });
    }

    private static JoinOptions Options(string name) => new()
    {
        ClusterName = name,
        ApiEndpoint = "https://127.0.0.1:6443",
        CaBundle = Encoding.UTF8.GetBytes("ca"),
        Zones = ["z1"],
        TokenTimeout = TimeSpan.FromMilliseconds(300),
    };

    /// <summary>What a member's token controller does: fills data.token of service-account-token secrets.</summary>
    private async Task FillTokensAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            foreach (var secret in _member.Objects(ClusterApi.Secrets))
            {
                if ((string?)secret["type"] != ClusterApi.ServiceAccountTokenType || secret["data"] is JsonObject) continue;
                secret["data"] = new JsonObject { ["token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("tok-" + secret.Name())) };
                await _member.UpdateAsync(ClusterApi.Secrets, secret, null, ct);
            }
            try { await Task.Delay(10, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    [Fact]
    public async Task Join_creates_member_and_control_plane_objects()
    {
        using var cts = new CancellationTokenSource();
        var filler = FillTokensAsync(cts.Token);
        var cluster = await ClusterRegistrar.JoinAsync(_cp, _member, Options("m1"), CancellationToken.None);
        await cts.CancelAsync();
        await filler;

        Assert.Equal("Push", (string?)cluster["spec"]!["syncMode"]);
        Assert.Equal("kube-system-uid", (string?)cluster["spec"]!["id"]);
        Assert.Equal("https://127.0.0.1:6443", (string?)cluster["spec"]!["apiEndpoint"]);
        Assert.Equal("m1-impersonator", (string?)cluster["spec"]!["impersonatorSecretRef"]!["name"]);
        var secret = _cp.Peek(ClusterApi.Secrets, "karmada-cluster", "m1")!;
        Assert.Equal("tok-karmada-m1", Encoding.UTF8.GetString(Convert.FromBase64String((string)secret["data"]!["token"]!)));
        Assert.Equal("ca", Encoding.UTF8.GetString(Convert.FromBase64String((string)secret["data"]!["caBundle"]!)));
        Assert.NotNull(_cp.Peek(ClusterApi.Secrets, "karmada-cluster", "m1-impersonator"));
        Assert.NotNull(_member.Peek(ClusterApi.ServiceAccounts, "karmada-cluster", "karmada-m1"));
        Assert.NotNull(_member.Peek(ClusterApi.ClusterRoleBindings, null, "karmada-controller-manager:karmada-m1"));
    }

    [Fact]
    public async Task An_invalid_name_writes_nothing()
    {
        var e = await Assert.ThrowsAsync<ClusterRegistrationException>(() => ClusterRegistrar.JoinAsync(_cp, _member, Options(new string('x', 49)), CancellationToken.None));
        Assert.True(e.IsInvalidArgument);
        Assert.Empty(_cp.WriteActions);
        Assert.Empty(_member.WriteActions);
    }

    [Fact]
    public async Task A_name_in_use_writes_nothing()
    {
        _cp.Seed(new JsonObject
        {
            ["apiVersion"] = "cluster.karmada.io/v1alpha1",
            ["kind"] = "Cluster",
            ["metadata"] = new JsonObject { ["name"] = "m1" },
        });
        _cp.ClearActions();
        var e = await Assert.ThrowsAsync<ClusterRegistrationException>(() => ClusterRegistrar.JoinAsync(_cp, _member, Options("m1"), CancellationToken.None));
        Assert.Contains("already exists", e.Message, StringComparison.Ordinal);
        Assert.Empty(_cp.WriteActions);
        Assert.Empty(_member.WriteActions);
    }

    [Fact]
    public async Task A_member_that_never_fills_tokens_is_rolled_back()
    {
        var e = await Assert.ThrowsAsync<ClusterRegistrationException>(() => ClusterRegistrar.JoinAsync(_cp, _member, Options("m1"), CancellationToken.None));
        Assert.Contains("token", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(_member.WriteActions);
        Assert.Empty(_member.Objects(ClusterApi.ServiceAccounts));
        Assert.Empty(_member.Objects(ClusterApi.ClusterRoles));
        Assert.Empty(_member.Objects(ClusterApi.Secrets));
        Assert.DoesNotContain(_member.Objects(ClusterApi.Namespaces), n => n.Name() == "karmada-cluster");
        Assert.Empty(_cp.Objects(ClusterApi.Clusters));
        Assert.Empty(_cp.Objects(ClusterApi.Secrets));
    }
}
