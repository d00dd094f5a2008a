using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Status;
using Flotilla.Controllers.Tests.Binding;
using Flotilla.Core;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Controllers.Tests.Status;

public sealed class BindingStatusControllerTests : IAsyncDisposable
{
    private readonly FakeKubeClient _cp = Fixture.ControlPlane();
    private readonly SharedInformerFactory _informers;
    private readonly BindingStatusController _controller;

    public BindingStatusControllerTests()
    {
        _informers = new SharedInformerFactory(_cp);
        _controller = new BindingStatusController(_cp, _informers, new ResourceInterpreter(), clusterScoped: false);
        foreach (var r in new[] { FakeResources.Deployments.Gvr, KarmadaResources.ResourceBindings, KarmadaResources.Works })
            _informers.Get(r);
    }

    public ValueTask DisposeAsync() => _informers.DisposeAsync();

    private void Seed(bool secondApplied)
    {
        _cp.Seed(Fixture.Deployment("nginx", 3));
        var template = _cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx")!;
        _cp.Seed(KubeObject.Parse("""
            {"apiVersion":"work.karmada.io/v1alpha2","kind":"ResourceBinding",
             "metadata":{"name":"nginx-deployment","namespace":"default","labels":{"resourcebinding.karmada.io/permanent-id":"rb-id"}},
             "spec":{"resource":{"apiVersion":"apps/v1","kind":"Deployment","namespace":"default","name":"nginx","uid":"UID"},
               "replicas":3,"clusters":[{"name":"m1","replicas":3},{"name":"m2","replicas":3}]}}
            """.Replace("UID", template.Uid(), StringComparison.Ordinal)));
        foreach (var (cluster, applied) in new[] { ("m1", true), ("m2", secondApplied) })
        {
            _cp.Seed(KubeObject.Parse("""
                {"apiVersion":"work.karmada.io/v1alpha1","kind":"Work",
                 "metadata":{"name":"nginx-x","namespace":"karmada-es-CLUSTER","labels":{"resourcebinding.karmada.io/permanent-id":"rb-id"},
                   "annotations":{"resourcebinding.karmada.io/namespace":"default","resourcebinding.karmada.io/name":"nginx-deployment"}},
                 "spec":{"workload":{"manifests":[]}},
                 "status":{"conditions":[{"type":"Applied","status":"STATUS","reason":"r","message":"MESSAGE","lastTransitionTime":"2026-01-01T00:00:00Z"}],
                   "manifestStatuses":[{"identifier":{"ordinal":0,"group":"apps","version":"v1","kind":"Deployment","resource":"deployments","namespace":"default","name":"nginx"},
                     "status":{"replicas":3,"readyReplicas":3,"updatedReplicas":3,"availableReplicas":3,"observedGeneration":1,"generation":1,"resourceTemplateGeneration":1},
                     "health":"Healthy"}]}}
                """.Replace("CLUSTER", cluster, StringComparison.Ordinal).Replace("STATUS", applied ? "True" : "False", StringComparison.Ordinal)
                .Replace("MESSAGE", applied ? "" : "boom", StringComparison.Ordinal)));
        }
    }

    private async Task ReconcileAsync()
    {
        await InformerSync.CaughtUpAsync(_informers, _cp);
        await _controller.ReconcileAsync(new ObjectKey("default", "nginx-deployment"), CancellationToken.None);
        await InformerSync.CaughtUpAsync(_informers, _cp);
    }

    [Fact]
    public async Task Reconcile_AllApplied_AggregatesPerClusterAndSumsTemplateStatus_Once()
    {
        Seed(secondApplied: true);
        await ReconcileAsync();
        var rb = _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!;
        var items = rb["status"]!["aggregatedStatus"]!.AsArray();
        Assert.Equal(["m1", "m2"], items.Select(i => i!["clusterName"]!.GetValue<string>()));
        Assert.All(items, i => Assert.True(i!["applied"]!.GetValue<bool>()));
        Assert.True(Conditions.IsTrue(rb, BindingConditions.FullyApplied));
        Assert.Equal(6, JsonValues.Int(_cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx")!["status"]!["readyReplicas"]));
        _cp.ClearActions();
        await ReconcileAsync();
        Assert.Empty(_cp.WriteActions);
    }

    [Fact]
    public async Task Reconcile_OneFailed_FullyAppliedFalseWithMessage()
    {
        Seed(secondApplied: false);
        await ReconcileAsync();
        var rb = _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!;
        Assert.True(Conditions.IsFalse(rb, BindingConditions.FullyApplied));
        var m2 = rb["status"]!["aggregatedStatus"]!.AsArray().Single(i => i!["clusterName"]!.GetValue<string>() == "m2")!;
        Assert.Equal("boom", m2["appliedMessage"]!.GetValue<string>());
    }

    private static JsonObject Work(string cluster, string? appliedStatus, string? message = null, string health = "Healthy")
    {
        var work = KubeObject.Parse("""
            {"apiVersion":"work.karmada.io/v1alpha1","kind":"Work",
             "metadata":{"name":"nginx-x","namespace":"karmada-es-CLUSTER","labels":{"resourcebinding.karmada.io/permanent-id":"rb-id"},
               "annotations":{"resourcebinding.karmada.io/namespace":"default","resourcebinding.karmada.io/name":"nginx-deployment"}},
             "spec":{"workload":{"manifests":[]}},
             "status":{"manifestStatuses":[{"identifier":{"ordinal":0,"group":"apps","version":"v1","kind":"Deployment","resource":"deployments","namespace":"default","name":"nginx"},
                 "status":{"replicas":1,"readyReplicas":1,"observedGeneration":1,"generation":1,"resourceTemplateGeneration":1},"health":"HEALTH"}]}}
            """.Replace("CLUSTER", cluster, StringComparison.Ordinal).Replace("HEALTH", health, StringComparison.Ordinal));
        if (appliedStatus is not null)
            work["status"]!["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Applied", ["status"] = appliedStatus, ["reason"] = "r", ["message"] = message ?? "", ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
            });
        return work;
    }

    private JsonObject SeedBinding(string spec)
    {
        _cp.Seed(Fixture.Deployment("nginx", 3));
        var template = _cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx")!;
        var rb = KubeObject.Parse("""
            {"apiVersion":"work.karmada.io/v1alpha2","kind":"ResourceBinding",
             "metadata":{"name":"nginx-deployment","namespace":"default","labels":{"resourcebinding.karmada.io/permanent-id":"rb-id"}},
             "spec":{"resource":{"apiVersion":"apps/v1","kind":"Deployment","namespace":"default","name":"nginx","uid":"UID"},"replicas":3}}
            """.Replace("UID", template.Uid(), StringComparison.Ordinal));
        foreach (var (k, v) in JsonNode.Parse(spec)!.AsObject()) rb["spec"]![k] = v?.DeepClone();
        _cp.Seed(rb);
        return template;
    }

    private JsonObject BindingNow() => _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!;

    private static string Show(JsonNode? aggregated) => string.Join(" ", (aggregated as JsonArray ?? []).Select(i =>
        $"{i!["clusterName"]}:{(i["applied"] is null ? "-" : "applied")}:{i["health"]}:{(i["status"] is null ? "nostatus" : "status")}{(i["appliedMessage"] is { } m ? ":" + m : "")}"));

    [Fact]
    public async Task Reconcile_WorkNotAppliedYet_IsListedUnknownAndHoldsBackObservedGeneration()
    {
        // m1 applied and caught up; m2's Work exists but the execution controller has not reported on it yet (its
        // manifest status is a leftover of an earlier apply). Karmada lists every Work: m2 as not applied, health
        // Unknown, without status, and the template's observedGeneration waits for it.
        SeedBinding("""{"clusters":[{"name":"m2","replicas":2},{"name":"m1","replicas":1}]}""");
        _cp.Seed(Work("m2", appliedStatus: null, health: "Healthy"), Work("m1", "True"));
        await ReconcileAsync();

        var rb = BindingNow();
        Assert.Equal("m1:applied:Healthy:status m2:-:Unknown:nostatus", Show(rb["status"]!["aggregatedStatus"]));
        Assert.True(Conditions.IsFalse(rb, BindingConditions.FullyApplied));
        var status = _cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx")!["status"];
        Assert.Equal(1, JsonValues.Int(status?["readyReplicas"]));
        Assert.Null(status?["observedGeneration"]);
    }

    [Fact]
    public async Task Reconcile_ApplyFailed_IsUnknownWithItsMessageAndNoStatus()
    {
        SeedBinding("""{"clusters":[{"name":"m1","replicas":3}]}""");
        _cp.Seed(Work("m1", "False", message: "boom", health: "Healthy"));
        await ReconcileAsync();
        Assert.Equal("m1:-:Unknown:nostatus:boom", Show(BindingNow()["status"]!["aggregatedStatus"]));
    }

    [Fact]
    public async Task Reconcile_AttachedBinding_RequiredByClustersCountForFullyApplied()
    {
        // A dependency's binding (propagateDeps) has no spec.clusters of its own, only requiredBy.
        SeedBinding("""{"requiredBy":[{"namespace":"default","name":"web-deployment","clusters":[{"name":"m1","replicas":1},{"name":"m2","replicas":1}]}]}""");
        _cp.Seed(Work("m1", "True"), Work("m2", "True"));
        await ReconcileAsync();
        var rb = BindingNow();
        Assert.Equal("m1:applied:Healthy:status m2:applied:Healthy:status", Show(rb["status"]!["aggregatedStatus"]));
        Assert.True(Conditions.IsTrue(rb, BindingConditions.FullyApplied));
    }

    public static TheoryData<string, string, string[], bool> FullyAppliedCases => new()
    {
        // because, spec (besides resource and replicas), clusters with an applied Work, FullyApplied
        { "every scheduled cluster applied", """{"clusters":[{"name":"m1"},{"name":"m2"}]}""", ["m1", "m2"], true },
        { "a scheduled cluster has no Work yet", """{"clusters":[{"name":"m1"},{"name":"m2"}]}""", ["m1"], false },
        { "a Work in a cluster no longer targeted", """{"clusters":[{"name":"m1"}]}""", ["m1", "m2"], false },
        { "not scheduled", """{}""", [], false },
        { "graceful eviction: the old cluster's Work still counts", """{"clusters":[{"name":"m2"}],"gracefulEvictionTasks":[{"fromCluster":"m1","purgeMode":"Gracefully","reason":"TaintUntolerated","producer":"TaintManager"}]}""", ["m1", "m2"], true },
        { "directly purged eviction: the old cluster's Work is extra", """{"clusters":[{"name":"m2"}],"gracefulEvictionTasks":[{"fromCluster":"m1","purgeMode":"Directly","reason":"TaintUntolerated","producer":"TaintManager"}]}""", ["m1", "m2"], false },
    };

    [Theory]
    [MemberData(nameof(FullyAppliedCases))]
    public async Task Reconcile_FullyApplied_FollowsTheClustersTheBindingExistsIn(string because, string spec, string[] applied, bool fully)
    {
        SeedBinding(spec);
        foreach (var c in applied) _cp.Seed(Work(c, "True"));
        await ReconcileAsync();
        var condition = Conditions.Get(BindingNow(), BindingConditions.FullyApplied);
        Assert.True(fully == (condition.GetString("status") == "True"), because);
    }
}
