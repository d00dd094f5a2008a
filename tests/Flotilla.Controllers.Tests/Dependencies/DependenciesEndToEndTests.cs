using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Members;
using Flotilla.Controllers.Tests.Binding;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Controllers.Tests.Dependencies;

/// <summary>propagateDeps through every controller, over a fake control plane and two fake members m1 and m2.</summary>
public sealed class DependenciesEndToEndTests : IAsyncDisposable
{
    private static readonly GroupVersionResource Deployments = FakeResources.Deployments.Gvr;
    private static readonly GroupVersionResource ConfigMaps = FakeResources.ConfigMaps.Gvr;
    private readonly FakeKubeClient _cp = Fixture.ControlPlane();
    private readonly FakeKubeClient _m1 = Fixture.Member();
    private readonly FakeKubeClient _m2 = Fixture.Member();
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(30));
    private ControlPlaneControllers? _controllers;

    public async ValueTask DisposeAsync()
    {
        if (_controllers is not null) await _controllers.DisposeAsync();
        _cts.Dispose();
    }

    private FakeKubeClient Member(string name) => name == "m1" ? _m1 : _m2;

    private async Task StartAsync()
    {
        _cp.Seed(Fixture.Cluster("m1"), Fixture.Cluster("m2"));
        var members = new StaticMemberClientProvider(new Dictionary<string, IKubeClient> { ["m1"] = _m1, ["m2"] = _m2 });
        _controllers = ControlPlaneControllers.Create(_cp, members);
        await _controllers.StartAsync(_cts.Token);
        await _controllers.WaitForStartedAsync(_cts.Token);
    }

    private static JsonObject ConfigMap(string name, string value = "b") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["data"] = new JsonObject { ["a"] = value },
    };

    /// <summary>A Deployment whose pod template mounts <paramref name="configMap"/>.</summary>
    private static JsonObject Workload(string name, string configMap)
    {
        var deployment = Fixture.Deployment(name, 1);
        deployment["spec"]!["template"]!["spec"]!["volumes"] = new JsonArray(new JsonObject
        {
            ["name"] = "config", ["configMap"] = new JsonObject { ["name"] = configMap },
        });
        return deployment;
    }

    private static JsonObject DepsPolicy(string name, string target, params string[] clusters)
    {
        var policy = Fixture.Policy(name, targetName: target, clusters: clusters);
        policy["spec"]!["propagateDeps"] = true;
        return policy;
    }

    private async Task MoveAsync(string policy, params string[] clusters)
    {
        var live = _cp.Peek(KarmadaResources.PropagationPolicies, "default", policy)!;
        live["spec"]!["placement"]!["clusterAffinity"]!["clusterNames"] = new JsonArray(clusters.Select(c => (JsonNode?)c).ToArray());
        await _cp.UpdateAsync(KarmadaResources.PropagationPolicies, live, null, _cts.Token);
    }

    /// <summary>The attached binding's requiredBy as "owner=c1+c2;..." in order.</summary>
    private string RequiredBy(string attached)
    {
        var list = _cp.Peek(KarmadaResources.ResourceBindings, "default", attached)?["spec"]?["requiredBy"] as JsonArray ?? [];
        return string.Join(";", list.OfType<JsonObject>().Select(e => e.GetString("name") + "="
            + string.Join("+", (e["clusters"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c.GetString("name")).Order(StringComparer.Ordinal))));
    }

    private JsonObject? Work(string cluster, string kind, string name) =>
        _cp.Peek(KarmadaResources.Works, "karmada-es-" + cluster, Names.WorkName(kind, name, "default"));

    private Task InMemberAsync(string cluster, GroupVersionResource gvr, string name, bool present = true) =>
        Fixture.EventuallyAsync(() => Member(cluster).Peek(gvr, "default", name) is not null == present,
            $"{gvr.Resource}/{name} {(present ? "in" : "gone from")} {cluster}");

    [Fact]
    public async Task PropagateDeps_ConfigMapFollowsTheWorkload_AndIsRemovedWhenNoLongerReferenced()
    {
        await StartAsync();
        await _cp.CreateAsync(ConfigMaps, ConfigMap("redis-config"), null, _cts.Token);
        await _cp.CreateAsync(Deployments, Workload("redis", "redis-config"), null, _cts.Token);
        await _cp.CreateAsync(KarmadaResources.PropagationPolicies, DepsPolicy("redis", "redis", "m1"), null, _cts.Token);

        await InMemberAsync("m1", Deployments, "redis");
        await InMemberAsync("m1", ConfigMaps, "redis-config");
        Assert.Null(_m2.Peek(ConfigMaps, "default", "redis-config"));
        Assert.Equal("redis-deployment=m1", RequiredBy("redis-config-configmap"));
        Assert.NotNull(_cp.Peek(KarmadaResources.ResourceBindings, "default", "redis-deployment")!.Annotation(WellKnownAnnotations.BindingDependencies));

        // The workload stops referencing the ConfigMap: its attached binding and the member copy go away.
        var live = _cp.Peek(Deployments, "default", "redis")!;
        ((JsonObject)live["spec"]!["template"]!["spec"]!).Remove("volumes");
        await _cp.UpdateAsync(Deployments, live, null, _cts.Token);
        await Fixture.EventuallyAsync(() => _cp.Peek(KarmadaResources.ResourceBindings, "default", "redis-config-configmap") is null, "attached binding removed");
        await InMemberAsync("m1", ConfigMaps, "redis-config", present: false);
    }

    [Fact]
    public async Task PropagateDeps_WorkloadMovesToAnotherCluster_TakesItsConfigMapAlong()
    {
        await StartAsync();
        await _cp.CreateAsync(ConfigMaps, ConfigMap("redis-config"), null, _cts.Token);
        await _cp.CreateAsync(Deployments, Workload("redis", "redis-config"), null, _cts.Token);
        await _cp.CreateAsync(KarmadaResources.PropagationPolicies, DepsPolicy("redis", "redis", "m1"), null, _cts.Token);
        await InMemberAsync("m1", ConfigMaps, "redis-config");

        await MoveAsync("redis", "m2");
        await InMemberAsync("m2", Deployments, "redis");
        await InMemberAsync("m2", ConfigMaps, "redis-config");
        await Fixture.EventuallyAsync(() => RequiredBy("redis-config-configmap") == "redis-deployment=m2", "requiredBy follows the workload to m2");
        await Fixture.EventuallyAsync(() => Work("m1", "ConfigMap", "redis-config") is null, "the ConfigMap's Work for m1 is removed");
        await InMemberAsync("m1", ConfigMaps, "redis-config", present: false);
        await InMemberAsync("m1", Deployments, "redis", present: false);
        Assert.NotNull(Work("m2", "ConfigMap", "redis-config"));
    }

    [Fact]
    public async Task PropagateDeps_SharedConfigMap_StaysWhereAnotherWorkloadStillNeedsIt()
    {
        await StartAsync();
        await _cp.CreateAsync(ConfigMaps, ConfigMap("shared"), null, _cts.Token);
        await _cp.CreateAsync(Deployments, Workload("a", "shared"), null, _cts.Token);
        await _cp.CreateAsync(Deployments, Workload("b", "shared"), null, _cts.Token);
        await _cp.CreateAsync(KarmadaResources.PropagationPolicies, DepsPolicy("pa", "a", "m1", "m2"), null, _cts.Token);
        await _cp.CreateAsync(KarmadaResources.PropagationPolicies, DepsPolicy("pb", "b", "m1"), null, _cts.Token);
        await InMemberAsync("m1", ConfigMaps, "shared");
        await InMemberAsync("m2", ConfigMaps, "shared");
        await Fixture.EventuallyAsync(() => RequiredBy("shared-configmap") == "a-deployment=m1+m2;b-deployment=m1", "both workloads require the ConfigMap");

        // a leaves m1; b still needs the ConfigMap there.
        await MoveAsync("pa", "m2");
        await InMemberAsync("m1", Deployments, "a", present: false);
        await Fixture.EventuallyAsync(() => RequiredBy("shared-configmap") == "a-deployment=m2;b-deployment=m1", "a's requiredBy entry moves to m2 only");
        foreach (var cluster in new[] { "m1", "m2" })
        {
            Assert.False(Work(cluster, "ConfigMap", "shared")?.IsDeleting() ?? true, $"the ConfigMap's Work for {cluster} stays");
            Assert.NotNull(Member(cluster).Peek(ConfigMaps, "default", "shared"));
        }

        // b leaves m1 too: now nobody needs the ConfigMap in m1.
        await MoveAsync("pb", "m2");
        await Fixture.EventuallyAsync(() => RequiredBy("shared-configmap") == "a-deployment=m2;b-deployment=m2", "b's requiredBy entry moves to m2");
        await InMemberAsync("m1", ConfigMaps, "shared", present: false);
        // the member copy goes first; the Work follows once the execution controller drops its finalizer
        await Fixture.EventuallyAsync(() => Work("m1", "ConfigMap", "shared") is null, "the ConfigMap's Work for m1 goes");
        Assert.NotNull(_m2.Peek(ConfigMaps, "default", "shared"));
    }

    [Fact]
    public async Task PropagateDeps_ServiceAccountAndPvcCreatedAfterTheWorkload_AreDistributed()
    {
        await StartAsync();
        var deployment = Fixture.Deployment("db", 1);
        var pod = (JsonObject)deployment["spec"]!["template"]!["spec"]!;
        pod["serviceAccountName"] = "db-sa";
        pod["volumes"] = new JsonArray(new JsonObject { ["name"] = "data", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = "db-data" } });
        await _cp.CreateAsync(Deployments, deployment, null, _cts.Token);
        await _cp.CreateAsync(KarmadaResources.PropagationPolicies, DepsPolicy("db", "db", "m1"), null, _cts.Token);
        await InMemberAsync("m1", Deployments, "db");
        Assert.Null(_cp.Peek(KarmadaResources.ResourceBindings, "default", "db-sa-serviceaccount"));

        await _cp.CreateAsync(FakeResources.ServiceAccounts.Gvr, KubeObject.Parse("""
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"db-sa","namespace":"default"}}
            """), null, _cts.Token);
        await InMemberAsync("m1", FakeResources.ServiceAccounts.Gvr, "db-sa");
        Assert.Equal("db-deployment=m1", RequiredBy("db-sa-serviceaccount"));

        await _cp.CreateAsync(FakeResources.PersistentVolumeClaims.Gvr, KubeObject.Parse("""
            {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"db-data","namespace":"default"},
             "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}
            """), null, _cts.Token);
        await InMemberAsync("m1", FakeResources.PersistentVolumeClaims.Gvr, "db-data");
        Assert.Equal("db-deployment=m1", RequiredBy("db-data-persistentvolumeclaim"));
        Assert.Null(_m2.Peek(FakeResources.ServiceAccounts.Gvr, "default", "db-sa"));
    }

    [Fact]
    public async Task PropagateDeps_ConfigMapEdited_MemberCopiesFollow()
    {
        await StartAsync();
        await _cp.CreateAsync(ConfigMaps, ConfigMap("redis-config", "v1"), null, _cts.Token);
        await _cp.CreateAsync(Deployments, Workload("redis", "redis-config"), null, _cts.Token);
        await _cp.CreateAsync(KarmadaResources.PropagationPolicies, DepsPolicy("redis", "redis", "m1", "m2"), null, _cts.Token);
        await InMemberAsync("m2", ConfigMaps, "redis-config");

        var cm = _cp.Peek(ConfigMaps, "default", "redis-config")!;
        cm["data"]!["a"] = "v2";
        await _cp.UpdateAsync(ConfigMaps, cm, null, _cts.Token);
        foreach (var cluster in new[] { "m1", "m2" })
            await Fixture.EventuallyAsync(() => Member(cluster).Peek(ConfigMaps, "default", "redis-config")?["data"]?["a"]?.GetValue<string>() == "v2",
                $"the edited ConfigMap reaches {cluster}");
    }
}
