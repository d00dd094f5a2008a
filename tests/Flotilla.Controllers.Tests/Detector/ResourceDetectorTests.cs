using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Detector;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Tests.Binding;
using Flotilla.Core;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Events;
using Flotilla.Runtime.Informers;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Controllers.Tests.Detector;

public sealed class ResourceDetectorTests : IAsyncDisposable
{
    private readonly FakeKubeClient _cp = Fixture.ControlPlane();
    private readonly SharedInformerFactory _informers;
    private readonly ResourceDetector _detector;
    private static readonly TemplateKey Nginx = new(FakeResources.Deployments.Gvr, "Deployment", "default", "nginx");

    public ResourceDetectorTests()
    {
        _informers = new SharedInformerFactory(_cp);
        _detector = new ResourceDetector(_cp, _informers, new ResourceInterpreter(), new EventRecorder(_cp, ResourceDetector.ControllerName));
        _informers.Get(FakeResources.Deployments.Gvr);
        _informers.Get(KarmadaResources.PropagationPolicies);
        _informers.Get(KarmadaResources.ClusterPropagationPolicies);
        _informers.Get(KarmadaResources.ResourceBindings);
        _informers.Get(KarmadaResources.ClusterResourceBindings);
    }

    public ValueTask DisposeAsync() => _informers.DisposeAsync();

    private async Task ReconcileAsync(TemplateKey key)
    {
        await InformerSync.CaughtUpAsync(_informers, _cp);
        await _detector.ReconcileAsync(key, CancellationToken.None);
        await InformerSync.CaughtUpAsync(_informers, _cp);
    }

    [Fact]
    public async Task Reconcile_MatchingPolicy_ClaimsTemplateAndCreatesBinding()
    {
        _cp.Seed(Fixture.Deployment("nginx", 3), Fixture.Policy("pp", targetName: "nginx", clusters: ["m1"], id: "pp-id"));
        await ReconcileAsync(Nginx);

        var template = _cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx")!;
        Assert.Equal("pp-id", template.Label(WellKnownLabels.PropagationPolicyPermanentId));
        Assert.Equal("pp", template.Annotation(WellKnownAnnotations.PropagationPolicyName));
        Assert.Equal("default", template.Annotation(WellKnownAnnotations.PropagationPolicyNamespace));
        var rb = _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!;
        Assert.Equal(3, JsonValues.Int(rb["spec"]!["replicas"]));
        Assert.Equal(template.Uid(), rb["spec"]!["resource"]!["uid"]!.GetValue<string>());
        Assert.Equal(template.ResourceVersion(), rb["spec"]!["resource"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("m1", rb["spec"]!["placement"]!["clusterAffinity"]!["clusterNames"]![0]!.GetValue<string>());
        Assert.Null(rb["spec"]!["clusters"]);
        Assert.True(rb["metadata"]!["ownerReferences"]![0]!["controller"]!.GetValue<bool>());
        Assert.NotNull(rb.Label(WellKnownLabels.ResourceBindingPermanentId));
    }

    /// <summary>Seed extension s10: schedulerStrategy RollingUpdate is not acted on yet, but it is accepted and carried
    /// into the binding's placement unchanged (as are clusterAntiAffinity and the Failover strategy).</summary>
    [Theory]
    [InlineData("""{"clusterAffinity":{"clusterNames":["aks-cluster-1"]},"schedulerStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":1}}}""")]
    [InlineData("""{"clusterAffinity":{"clusterNames":["primary-cluster","secondary-cluster"]},"schedulerStrategy":{"type":"Failover"}}""")]
    [InlineData("""{"clusterAntiAffinity":{"clusterNames":["prod-cluster"]}}""")]
    public async Task Reconcile_SeedExtensionPlacement_IsStoredOnTheBinding(string placement)
    {
        var policy = Fixture.Policy("pp", targetName: "nginx");
        policy["spec"]!["placement"] = JsonNode.Parse(placement);
        _cp.Seed(Fixture.Deployment("nginx", 3), policy);
        await ReconcileAsync(Nginx);
        var rb = _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!;
        Assert.Equal(placement, rb["spec"]!["placement"]!.ToJsonString());
    }

    [Fact]
    public async Task Reconcile_Twice_WritesNothingTheSecondTime()
    {
        _cp.Seed(Fixture.Deployment("nginx", 3), Fixture.Policy("pp", targetName: "nginx"));
        await ReconcileAsync(Nginx);
        _cp.ClearActions();
        await ReconcileAsync(Nginx);
        Assert.Empty(_cp.WriteActions);
    }

    [Fact]
    public async Task Reconcile_PicksExplicitPriorityThenImplicitThenName()
    {
        _cp.Seed(Fixture.Deployment("nginx", 1),
            Fixture.Policy("a-by-kind", id: "a"),
            Fixture.Policy("b-by-name", targetName: "nginx", id: "b"),
            Fixture.Policy("c-by-name", targetName: "nginx", id: "c"),
            Fixture.Policy("z-high", priority: 5, id: "z"));
        await ReconcileAsync(Nginx);
        Assert.Equal("z", _cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx")!.Label(WellKnownLabels.PropagationPolicyPermanentId));
    }

    [Fact]
    public async Task Reconcile_ImplicitPriority_NameBeatsKindOnly_AndSmallerNameBreaksTies()
    {
        _cp.Seed(Fixture.Deployment("nginx", 1),
            Fixture.Policy("a-by-kind", id: "a"),
            Fixture.Policy("c-by-name", targetName: "nginx", id: "c"),
            Fixture.Policy("b-by-name", targetName: "nginx", id: "b"));
        await ReconcileAsync(Nginx);
        Assert.Equal("b", _cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx")!.Label(WellKnownLabels.PropagationPolicyPermanentId));
    }

    private static JsonObject ClusterPolicy(string name, string? targetName = null, int? priority = null, string id = "cpp-id")
    {
        var cpp = Fixture.Policy(name, targetName: targetName, priority: priority);
        cpp["kind"] = "ClusterPropagationPolicy";
        cpp.Metadata().Remove("namespace");
        cpp.Metadata()["labels"] = new JsonObject { [WellKnownLabels.ClusterPropagationPolicyPermanentId] = id };
        return cpp;
    }

    [Fact]
    public async Task Reconcile_PropagationPolicyBeatsClusterPropagationPolicy_WhateverTheirPriorities()
    {
        // The CPP has a higher priority and a more specific selector (name), yet a PP of the namespace always wins
        // (KARMADA.md §2.2 step 3: PP and CPP are not compared by priority).
        _cp.Seed(Fixture.Deployment("nginx", 1),
            ClusterPolicy("cpp", targetName: "nginx", priority: 100),
            Fixture.Policy("pp-by-kind", id: "pp-id"));
        await ReconcileAsync(Nginx);

        var template = _cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx")!;
        Assert.Equal("pp-id", template.Label(WellKnownLabels.PropagationPolicyPermanentId));
        Assert.Null(template.Label(WellKnownLabels.ClusterPropagationPolicyPermanentId));
        Assert.Null(template.Annotation(WellKnownAnnotations.ClusterPropagationPolicyName));
        var rb = _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!;
        Assert.Equal("pp-by-kind", rb.Annotation(WellKnownAnnotations.PropagationPolicyName));
        Assert.Null(rb.Label(WellKnownLabels.ClusterPropagationPolicyPermanentId));
    }

    [Fact]
    public async Task Reconcile_NoPropagationPolicy_ClusterPropagationPolicyClaims()
    {
        _cp.Seed(Fixture.Deployment("nginx", 1), ClusterPolicy("cpp", targetName: "nginx"), Fixture.Policy("pp-other-ns", ns: "other"));
        await ReconcileAsync(Nginx);

        var template = _cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx")!;
        Assert.Equal("cpp-id", template.Label(WellKnownLabels.ClusterPropagationPolicyPermanentId));
        Assert.Equal("cpp", template.Annotation(WellKnownAnnotations.ClusterPropagationPolicyName));
        Assert.Null(template.Label(WellKnownLabels.PropagationPolicyPermanentId));
        Assert.Equal("cpp-id", _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!.Label(WellKnownLabels.ClusterPropagationPolicyPermanentId));
    }

    [Fact]
    public async Task Reconcile_NoPolicy_RecordsWarningEventAndCreatesNoBinding()
    {
        _cp.Seed(Fixture.Deployment("pipy", 2));
        await ReconcileAsync(Nginx with { Name = "pipy" });
        Assert.Empty(_cp.Objects(KarmadaResources.ResourceBindings));
        var ev = Assert.Single(_cp.Objects(EventRecorder.EventResource));
        Assert.Equal("Warning", ev["type"]!.GetValue<string>());
        Assert.Equal(DetectorEvents.ReasonApplyPolicyFailed, ev["reason"]!.GetValue<string>());
        Assert.Equal("pipy", ev["involvedObject"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconcile_PolicyDeleted_UnclaimsTemplateAndBindingButKeepsBinding()
    {
        _cp.Seed(Fixture.Deployment("nginx", 3), Fixture.Policy("pp", targetName: "nginx", id: "pp-id"));
        await ReconcileAsync(Nginx);
        await _cp.DeleteAsync(KarmadaResources.PropagationPolicies, "default", "pp", null, CancellationToken.None);
        await ReconcileAsync(Nginx);

        var template = _cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx")!;
        Assert.Null(template.Label(WellKnownLabels.PropagationPolicyPermanentId));
        Assert.Null(template.Annotation(WellKnownAnnotations.PropagationPolicyName));
        var rb = _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!;
        Assert.Null(rb.Label(WellKnownLabels.PropagationPolicyPermanentId));
    }

    [Fact]
    public async Task Reconcile_TemplateDeletedWhileReconciling_DeletesItsBinding()
    {
        _cp.Seed(Fixture.Deployment("nginx", 3), Fixture.Policy("pp", targetName: "nginx"));
        await ReconcileAsync(Nginx);
        await _cp.DeleteAsync(FakeResources.Deployments.Gvr, "default", "nginx", null, CancellationToken.None);
        await ReconcileAsync(Nginx);
        // The binding controller's finalizer (added at creation) holds it until its Works are gone.
        var rb = _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment");
        Assert.NotNull(rb);
        Assert.True(rb.IsDeleting());
    }

    [Fact]
    public async Task Reconcile_PolicyWithoutPermanentId_WaitsWithoutClaiming()
    {
        var policy = Fixture.Policy("pp", targetName: "nginx");
        policy.SetLabel(WellKnownLabels.PropagationPolicyPermanentId, null);
        _cp.Seed(Fixture.Deployment("nginx", 3), policy);
        await InformerSync.CaughtUpAsync(_informers, _cp);
        var result = await _detector.ReconcileAsync(Nginx, CancellationToken.None);
        Assert.NotNull(result.RequeueAfter);
        Assert.Empty(_cp.WriteActions);
    }

    [Fact]
    public void IsSkippedNamespace_ReservedAndKubeNamespaces()
    {
        Assert.True(_detector.IsSkippedNamespace("karmada-system"));
        Assert.True(_detector.IsSkippedNamespace("karmada-es-member1"));
        Assert.True(_detector.IsSkippedNamespace("kube-system"));
        Assert.False(_detector.IsSkippedNamespace("default"));
    }
}
