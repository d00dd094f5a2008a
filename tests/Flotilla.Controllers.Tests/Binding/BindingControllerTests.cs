using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Members;
using Flotilla.Controllers.Overrides;
using Flotilla.Runtime.Objects;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Events;
using Flotilla.Runtime.Informers;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Controllers.Tests.Binding;

public sealed class BindingControllerTests : IAsyncDisposable
{
    private readonly FakeKubeClient _cp = Fixture.ControlPlane();
    private readonly SharedInformerFactory _informers;
    private readonly BindingController _controller;
    private static readonly ObjectKey Key = new("default", "nginx-deployment");

    public BindingControllerTests()
    {
        _informers = new SharedInformerFactory(_cp);
        _controller = new BindingController(_cp, _informers, new ResourceInterpreter(), new EventRecorder(_cp, "binding-controller"), clusterScoped: false);
        foreach (var r in new[] { FakeResources.Deployments.Gvr, KarmadaResources.ResourceBindings, KarmadaResources.Works, KarmadaResources.Clusters,
                     KarmadaResources.OverridePolicies, KarmadaResources.ClusterOverridePolicies, KarmadaResources.Namespaces })
            _informers.Get(r);
    }

    public ValueTask DisposeAsync() => _informers.DisposeAsync();

    private const string Divided = """{"replicaScheduling":{"replicaSchedulingType":"Divided","replicaDivisionPreference":"Weighted"}}""";
    private const string Duplicated = """{"replicaScheduling":{"replicaSchedulingType":"Duplicated"}}""";

    private JsonObject SeedTemplateAndBinding(params (string Cluster, int Replicas)[] clusters) =>
        SeedBinding(Fixture.Deployment("nginx-deployment", 3), FakeResources.Deployments.Gvr, Divided, clusters, Key.Name);

    /// <summary>Seeds the clusters, <paramref name="template"/> and a binding of it scheduled to <paramref name="clusters"/>.</summary>
    private JsonObject SeedBinding(JsonObject template, GroupVersionResource gvr, string placement, (string Cluster, int Replicas)[] clusters, string? bindingName = null)
    {
        _cp.Seed(Fixture.Cluster("m1"), Fixture.Cluster("m2", new() { ["env"] = "prod" }), template);
        template = _cp.Peek(gvr, "default", template.Name()!)!;
        var rb = new JsonObject
        {
            ["apiVersion"] = "work.karmada.io/v1alpha2",
            ["kind"] = "ResourceBinding",
            ["metadata"] = new JsonObject
            {
                ["name"] = bindingName ?? Names.BindingName(template.Kind()!, template.Name()!),
                ["namespace"] = "default",
                ["labels"] = new JsonObject { [WellKnownLabels.ResourceBindingPermanentId] = "rb-id" },
            },
            ["spec"] = new JsonObject
            {
                ["resource"] = new JsonObject
                {
                    ["apiVersion"] = template.ApiVersion(), ["kind"] = template.Kind(), ["namespace"] = "default", ["name"] = template.Name(), ["uid"] = template.Uid(),
                },
                ["replicas"] = new ResourceInterpreter().GetReplicas(template).Replicas,
                ["placement"] = JsonNode.Parse(placement),
                ["clusters"] = new JsonArray(clusters.Select(c => (JsonNode?)new JsonObject { ["name"] = c.Cluster, ["replicas"] = c.Replicas }).ToArray()),
            },
        };
        _cp.Seed(rb);
        return rb;
    }

    private async Task ReconcileAsync(ObjectKey? key = null)
    {
        await InformerSync.CaughtUpAsync(_informers, _cp);
        await _controller.ReconcileAsync(key ?? Key, CancellationToken.None);
        await InformerSync.CaughtUpAsync(_informers, _cp);
    }

    /// <summary>What the execution controller does for deleted Works: cleans up, then removes its finalizer.</summary>
    private async Task ReleaseExecutionFinalizersAsync()
    {
        foreach (var w in _cp.Objects(KarmadaResources.Works).Where(w => w.IsDeleting()))
            await ObjectWriter.RemoveFinalizerAsync(_cp, KarmadaResources.Works, w, WellKnownFinalizers.Execution, CancellationToken.None);
    }

    private JsonObject? Work(string cluster) =>
        _cp.Peek(KarmadaResources.Works, "karmada-es-" + cluster, Names.WorkName("Deployment", "nginx-deployment", "default"));

    [Fact]
    public async Task Reconcile_CreatesOneWorkPerClusterWithRevisedReplicasAndKarmadaMetadata()
    {
        SeedTemplateAndBinding(("m1", 2), ("m2", 1));
        await ReconcileAsync();

        foreach (var (cluster, replicas) in new[] { ("m1", 2), ("m2", 1) })
        {
            var work = Work(cluster)!;
            Assert.Equal("rb-id", work.Label(WellKnownLabels.ResourceBindingPermanentId));
            Assert.NotNull(work.Label(WellKnownLabels.WorkPermanentId));
            Assert.True(work.HasFinalizer(WellKnownFinalizers.Execution));
            Assert.Equal("nginx-deployment", work.Annotation(WellKnownAnnotations.ResourceBindingName));
            var manifest = work["spec"]!["workload"]!["manifests"]![0]!.AsObject();
            Assert.Equal(replicas, JsonValues.Int(manifest["spec"]!["replicas"]));
            Assert.Equal("true", manifest.Label(WellKnownLabels.Managed));
            Assert.Null(manifest["metadata"]!["uid"]);
        }
        Assert.True(_cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!.HasFinalizer(WellKnownFinalizers.ResourceBinding));
        Assert.NotNull(_cp.Peek(KarmadaResources.Namespaces, null, "karmada-es-m1"));
    }

    private static readonly ObjectKey JobKey = new("default", "pi-job");

    private static JsonObject Job(int parallelism, int? completions)
    {
        var job = KubeObject.Parse("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi","namespace":"default"},
             "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"perl"}]}}}}
            """);
        job["spec"]!["parallelism"] = parallelism;
        if (completions is { } c) job["spec"]!["completions"] = c;
        return job;
    }

    private JsonObject JobSpec(string cluster) =>
        _cp.Peek(KarmadaResources.Works, "karmada-es-" + cluster, Names.WorkName("Job", "pi", "default"))!["spec"]!["workload"]!["manifests"]![0]!["spec"]!.AsObject();

    [Fact]
    public async Task Reconcile_Duplicated_SendsTheTemplateReplicasUnrevised()
    {
        // The Job's replicas are min(parallelism, completions) = 2; Karmada revises only Divided bindings, so the
        // duplicated Job keeps parallelism 5 and completions 2 in every cluster.
        SeedBinding(Job(parallelism: 5, completions: 2), Fixture.Jobs.Gvr, Duplicated, [("m1", 2), ("m2", 2)]);
        await ReconcileAsync(JobKey);
        foreach (var cluster in new[] { "m1", "m2" })
            Assert.Equal((5L, 2L), (JsonValues.Long(JobSpec(cluster)["parallelism"]), JsonValues.Long(JobSpec(cluster)["completions"])));
    }

    public static TheoryData<int, int, string, string> DividedJobs => new()
    {
        // parallelism, completions, scheduled "cluster=replicas", expected "cluster=parallelism/completions"
        { 4, 10, "m1=3,m2=1", "m1=3/8,m2=1/2" },
        { 6, 6, "m1=3,m2=3", "m1=3/3,m2=3/3" },
        { 3, 7, "m1=1,m2=2", "m1=1/2,m2=2/5" },
        { 5, 5, "m1=5", "m1=5/5" },
    };

    [Theory]
    [MemberData(nameof(DividedJobs))]
    public async Task Reconcile_DividedJob_ParallelismIsAssignedReplicasAndCompletionsAreSplit(int parallelism, int completions, string scheduled, string expected)
    {
        var clusters = scheduled.Split(',').Select(p => p.Split('='))
            .Select(p => (Cluster: p[0], Replicas: int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        SeedBinding(Job(parallelism, completions), Fixture.Jobs.Gvr, Divided, clusters);
        await ReconcileAsync(JobKey);

        var specs = clusters.Select(c => (c.Cluster, c.Replicas, Spec: JobSpec(c.Cluster))).ToList();
        Assert.Equal(expected, string.Join(",", specs.Select(s => $"{s.Cluster}={JsonValues.Long(s.Spec["parallelism"])}/{JsonValues.Long(s.Spec["completions"])}")));
        Assert.All(specs, s => Assert.Equal(s.Replicas, JsonValues.Long(s.Spec["parallelism"])));
        Assert.Equal(completions, specs.Sum(s => JsonValues.Long(s.Spec["completions"])));
    }

    [Fact]
    public async Task Reconcile_DividedWorkQueueJob_LeavesCompletionsUnset()
    {
        SeedBinding(Job(parallelism: 4, completions: null), Fixture.Jobs.Gvr, Divided, [("m1", 3), ("m2", 1)]);
        await ReconcileAsync(JobKey);
        Assert.Equal(3, JsonValues.Long(JobSpec("m1")["parallelism"]));
        Assert.Equal(1, JsonValues.Long(JobSpec("m2")["parallelism"]));
        Assert.False(JobSpec("m1").ContainsKey("completions"));
        Assert.False(JobSpec("m2").ContainsKey("completions"));
    }

    [Fact]
    public async Task Reconcile_Twice_WritesNothingTheSecondTime()
    {
        SeedTemplateAndBinding(("m1", 3), ("m2", 3));
        await ReconcileAsync();
        _cp.ClearActions();
        await ReconcileAsync();
        Assert.Empty(_cp.WriteActions);
    }

    [Fact]
    public async Task Reconcile_AppliesOverridePoliciesPerClusterAndRecordsThem()
    {
        SeedTemplateAndBinding(("m1", 3), ("m2", 3));
        _cp.Seed(KubeObject.Parse("""
            {"apiVersion":"policy.karmada.io/v1alpha1","kind":"OverridePolicy","metadata":{"name":"op","namespace":"default"},
             "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"nginx-deployment"}],
               "overrideRules":[{"targetCluster":{"clusterNames":["m2"]},"overriders":{"labelsOverrider":[{"operator":"add","value":{"env":"prod"}}]}}]}}
            """));
        await ReconcileAsync();
        Assert.Null(Work("m1")!["spec"]!["workload"]!["manifests"]![0]!.AsObject().Label("env"));
        Assert.Equal("prod", Work("m2")!["spec"]!["workload"]!["manifests"]![0]!.AsObject().Label("env"));
        Assert.NotNull(Work("m2")!.Annotation(WellKnownAnnotations.AppliedOverrides));
        Assert.Null(Work("m1")!.Annotation(WellKnownAnnotations.AppliedOverrides));
    }

    /// <summary>The README's regional image-registry example through the binding controller: a ClusterOverridePolicy
    /// selecting clusters by their region label rewrites the image registry in that cluster's Work only, records
    /// itself in the Work's applied-cluster-overrides annotation, and leaves the template as it is.</summary>
    [Fact]
    public async Task Reconcile_ReadmeRegionalRegistryExample_RewritesTheRegistryInEuWestOnly()
    {
        SeedTemplateAndBinding(("m1", 1), ("m2", 1));
        var m2 = _cp.Peek(KarmadaResources.Clusters, null, "m2")!;
        m2.SetLabel("topology.kubernetes.io/region", "eu-west"); // kubectl label cluster member2 topology.kubernetes.io/region=eu-west
        await _cp.UpdateAsync(KarmadaResources.Clusters, m2, null, CancellationToken.None);
        _cp.Seed(KubeObject.Parse("""
            {"apiVersion":"policy.karmada.io/v1alpha1","kind":"ClusterOverridePolicy","metadata":{"name":"eu-registry"},
             "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment"}],
               "overrideRules":[{"targetCluster":{"labelSelector":{"matchLabels":{"topology.kubernetes.io/region":"eu-west"}}},
                 "overriders":{"imageOverrider":[{"component":"Registry","operator":"replace","value":"registry.eu-west.example.com"}]}}]}}
            """));
        await ReconcileAsync();

        string Image(JsonObject? work) => work!["spec"]!["workload"]!["manifests"]![0]!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
        Assert.Equal("registry.eu-west.example.com/nginx", Image(Work("m2")));
        Assert.Equal("nginx", Image(Work("m1")));
        Assert.Equal("""[{"policyName":"eu-registry","overriders":{"imageOverrider":[{"component":"Registry","operator":"replace","value":"registry.eu-west.example.com"}]}}]""",
            Work("m2")!.Annotation(WellKnownAnnotations.AppliedClusterOverrides));
        Assert.Null(Work("m1")!.Annotation(WellKnownAnnotations.AppliedClusterOverrides));
        Assert.Null(Work("m2")!.Annotation(WellKnownAnnotations.AppliedOverrides));
        var template = _cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx-deployment")!;
        Assert.Equal("nginx", template["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task OverridePolicyChanges_ReRenderTheWorksThroughTheWatch()
    {
        // Through the controller host: override policy events re-queue the bindings; nobody calls ReconcileAsync.
        SeedTemplateAndBinding(("m1", 2), ("m2", 1));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var controllers = ControlPlaneControllers.Create(_cp, new StaticMemberClientProvider(new Dictionary<string, IKubeClient>()),
            options: new ControllersOptions { Controllers = ControlPlaneControllers.BindingName });
        await controllers.StartAsync(cts.Token);
        await controllers.WaitForStartedAsync(cts.Token);
        string? Env(string cluster) => Work(cluster)?["spec"]!["workload"]!["manifests"]![0]!.AsObject().Label("env");
        await Fixture.EventuallyAsync(() => Work("m1") is not null && Work("m2") is not null, "Works rendered");
        Assert.Null(Env("m2"));

        var op = KubeObject.Parse("""
            {"apiVersion":"policy.karmada.io/v1alpha1","kind":"OverridePolicy","metadata":{"name":"op","namespace":"default"},
             "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"nginx-deployment"}],
               "overrideRules":[{"targetCluster":{"clusterNames":["m2"]},"overriders":{"labelsOverrider":[{"operator":"add","value":{"env":"prod"}}]}}]}}
            """);
        await _cp.CreateAsync(KarmadaResources.OverridePolicies, op, null, cts.Token);
        await Fixture.EventuallyAsync(() => Env("m2") == "prod", "creating the OverridePolicy re-renders m2's Work");
        Assert.Null(Env("m1"));

        var live = _cp.Peek(KarmadaResources.OverridePolicies, "default", "op")!;
        live["spec"]!["overrideRules"]![0]!["overriders"]!["labelsOverrider"]![0]!["value"]!["env"] = "staging";
        await _cp.UpdateAsync(KarmadaResources.OverridePolicies, live, null, cts.Token);
        await Fixture.EventuallyAsync(() => Env("m2") == "staging", "updating the OverridePolicy re-renders m2's Work");

        var cop = KubeObject.Parse("""
            {"apiVersion":"policy.karmada.io/v1alpha1","kind":"ClusterOverridePolicy","metadata":{"name":"cop"},
             "spec":{"overrideRules":[{"targetCluster":{"clusterNames":["m1"]},"overriders":{"labelsOverrider":[{"operator":"add","value":{"env":"edge"}}]}}]}}
            """);
        await _cp.CreateAsync(KarmadaResources.ClusterOverridePolicies, cop, null, cts.Token);
        await Fixture.EventuallyAsync(() => Env("m1") == "edge", "creating a ClusterOverridePolicy re-renders m1's Work");

        await _cp.DeleteAsync(KarmadaResources.OverridePolicies, "default", "op", null, cts.Token);
        await Fixture.EventuallyAsync(() => Env("m2") is null && Work("m2")!.Annotation(WellKnownAnnotations.AppliedOverrides) is null,
            "deleting the OverridePolicy removes its override from m2's Work");
        Assert.Equal("edge", Env("m1"));
        await controllers.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Reconcile_OverrideThatCannotApply_SkipsOnlyThatClusterAndReportsOnTheBinding()
    {
        SeedTemplateAndBinding(("m1", 3), ("m2", 3));
        // replacing a path that does not exist cannot apply
        _cp.Seed(KubeObject.Parse("""
            {"apiVersion":"policy.karmada.io/v1alpha1","kind":"OverridePolicy","metadata":{"name":"bad","namespace":"default"},
             "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"nginx-deployment"}],
               "overrideRules":[{"targetCluster":{"clusterNames":["m2"]},"overriders":{"plaintext":[{"path":"/spec/nothing/here","operator":"replace","value":1}]}}]}}
            """));
        await InformerSync.CaughtUpAsync(_informers, _cp);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _controller.ReconcileAsync(Key, CancellationToken.None).AsTask());
        await InformerSync.CaughtUpAsync(_informers, _cp);

        Assert.NotNull(Work("m1"));
        Assert.Null(Work("m2"));
        var rb = _cp.Peek(KarmadaResources.BindingResource(false), "default", "nginx-deployment")!;
        var condition = Conditions.Get(rb, BindingController.OverridesAppliedCondition)!;
        Assert.Equal("False", condition.GetString("status"));
        Assert.Contains("m2", condition.GetString("message"), StringComparison.Ordinal);
        Assert.Contains(_cp.Objects(FakeResources.Events.Gvr).Select(e => e.GetString("reason")), r => r == OverrideEvents.ReasonApplyOverridePolicyFailed);

        // fixing the policy clears the condition
        var op = _cp.Peek(KarmadaResources.OverridePolicies, "default", "bad")!;
        op["spec"]!["overrideRules"]![0]!["overriders"] = JsonNode.Parse("""{"labelsOverrider":[{"operator":"add","value":{"env":"prod"}}]}""");
        await _cp.UpdateAsync(KarmadaResources.OverridePolicies, op, null, CancellationToken.None);
        await ReconcileAsync();
        Assert.NotNull(Work("m2"));
        rb = _cp.Peek(KarmadaResources.BindingResource(false), "default", "nginx-deployment")!;
        Assert.Equal("True", Conditions.Get(rb, BindingController.OverridesAppliedCondition)!.GetString("status"));
    }

    [Fact]
    public async Task Reconcile_ClusterNoLongerTargeted_DeletesItsWork()
    {
        var rb = SeedTemplateAndBinding(("m1", 3), ("m2", 3));
        await ReconcileAsync();
        var live = _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!;
        live["spec"]!["clusters"] = new JsonArray(new JsonObject { ["name"] = "m1", ["replicas"] = 3 });
        await _cp.UpdateAsync(KarmadaResources.ResourceBindings, live, null, CancellationToken.None);
        await ReconcileAsync();
        Assert.NotNull(Work("m1"));
        Assert.True(Work("m2")!.IsDeleting()); // held by the execution controller's finalizer until the member is clean
        await ReleaseExecutionFinalizersAsync();
        Assert.Null(Work("m2"));
        Assert.NotNull(rb);
    }

    [Fact]
    public async Task Reconcile_BindingDeleted_DeletesWorksThenReleasesFinalizer()
    {
        SeedTemplateAndBinding(("m1", 3), ("m2", 3));
        await ReconcileAsync();
        await _cp.DeleteAsync(KarmadaResources.ResourceBindings, "default", "nginx-deployment", null, CancellationToken.None);
        await ReconcileAsync();
        Assert.All(_cp.Objects(KarmadaResources.Works), w => Assert.True(w.IsDeleting()));
        await ReleaseExecutionFinalizersAsync();
        Assert.Empty(_cp.Objects(KarmadaResources.Works));
        await ReconcileAsync();
        Assert.Null(_cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment"));
    }

    [Fact]
    public void Targets_UnionOfScheduledAndRequiredByClusters()
    {
        var spec = KubeObject.Parse("""
            {"clusters":[{"name":"a","replicas":2}],"requiredBy":[{"namespace":"default","name":"x","clusters":[{"name":"a"},{"name":"b"}]}]}
            """);
        Assert.Equal([("a", 2, true), ("b", 0, false)], BindingController.Targets(spec));
    }
}
