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
}
