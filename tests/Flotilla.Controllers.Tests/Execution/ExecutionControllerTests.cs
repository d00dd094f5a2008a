using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Execution;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Members;
using Flotilla.Controllers.Tests.Binding;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Events;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Controllers.Tests.Execution;

public sealed class ExecutionControllerTests : IAsyncDisposable
{
    private static readonly GroupVersionResource Deployments = FakeResources.Deployments.Gvr;
    private readonly FakeKubeClient _cp = Fixture.ControlPlane();
    private readonly FakeKubeClient _member = Fixture.Member();
    private readonly SharedInformerFactory _informers;
    private readonly ExecutionController _controller;
    private readonly string _workName = Names.WorkName("Deployment", "nginx", "default");
    private ObjectKey Key => new("karmada-es-m1", _workName);

    public ExecutionControllerTests()
    {
        _informers = new SharedInformerFactory(_cp);
        var members = new StaticMemberClientProvider(new Dictionary<string, IKubeClient> { ["m1"] = _member });
        _controller = new ExecutionController(_cp, _informers, members, new ResourceInterpreter(), new EventRecorder(_cp, "execution-controller"));
        _informers.Get(KarmadaResources.Works);
        _informers.Get(KarmadaResources.Clusters);
        _cp.Seed(Fixture.Cluster("m1"));
    }

    public ValueTask DisposeAsync() => _informers.DisposeAsync();

    private void SeedWork(int replicas = 3, string? conflict = null, bool preserve = false, bool suspend = false)
    {
        var template = Fixture.Deployment("nginx", replicas);
        template.Metadata()["uid"] = "template-uid";
        var built = WorkManifestBuilder.Build(template, new WorkManifestContext
        {
            BindingName = "nginx-deployment", BindingNamespace = "default", BindingPermanentId = "rb-id", ClusterName = "m1",
            WorkPermanentId = "work-id", ConflictResolution = conflict,
        });
        var spec = new JsonObject { ["workload"] = new JsonObject { ["manifests"] = new JsonArray(built.Manifest) } };
        if (preserve) spec["preserveResourcesOnDeletion"] = true;
        if (suspend) spec["suspendDispatching"] = true;
        _cp.Seed(new JsonObject
        {
            ["apiVersion"] = Work.ApiVersionValue, ["kind"] = Work.KindValue,
            ["metadata"] = new JsonObject { ["name"] = built.WorkName, ["namespace"] = built.WorkNamespace },
            ["spec"] = spec,
        });
    }

    private async Task<Exception?> ReconcileAsync()
    {
        await InformerSync.CaughtUpAsync(_informers, _cp);
        Exception? error = null;
        try { await _controller.ReconcileAsync(Key, CancellationToken.None); }
        catch (InvalidOperationException e) { error = e; }
        await InformerSync.CaughtUpAsync(_informers, _cp);
        return error;
    }

    private JsonObject WorkNow() => _cp.Peek(KarmadaResources.Works, "karmada-es-m1", _workName)!;

    [Fact]
    public async Task Reconcile_Absent_CreatesMemberObjectAndSetsApplied()
    {
        SeedWork();
        Assert.Null(await ReconcileAsync());
        var live = _member.Peek(Deployments, "default", "nginx")!;
        Assert.Equal("true", live.Label(WellKnownLabels.Managed));
        var work = WorkNow();
        Assert.True(Conditions.IsTrue(work, WorkConditions.Applied));
        Assert.True(work.HasFinalizer(WellKnownFinalizers.Execution));
    }

    [Fact]
    public async Task Reconcile_FirstApply_WritesConditionsAndManifestStatusesInOneStatusWrite()
    {
        SeedWork();
        Assert.Null(await ReconcileAsync());

        var statusWrites = _cp.WriteActions.Where(a => a.Resource == KarmadaResources.Works && a.Subresource == "status").ToList();
        Assert.Single(statusWrites);
        var item = Assert.Single((JsonArray)WorkNow()["status"]!["manifestStatuses"]!)!.AsObject();
        var id = (JsonObject)item["identifier"]!;
        Assert.Equal(("apps", "v1", "Deployment", "deployments", "default", "nginx", 0),
            (id.GetString("group"), id.GetString("version"), id.GetString("kind"), id.GetString("resource"), id.GetString("namespace"), id.GetString("name"),
                (int)id["ordinal"]!));
        Assert.NotNull(item.GetString("health"));
        Assert.True(Conditions.IsTrue(WorkNow(), WorkConditions.Applied));

        // What the work-status controller would write from the same member object is what is there already.
        var live = _member.Peek(Deployments, "default", "nginx")!;
        var api = await _member.ResolveAsync(live.Gvk(), CancellationToken.None);
        var manifest = (JsonObject)WorkNow()["spec"]!["workload"]!["manifests"]![0]!;
        Assert.True(JsonNode.DeepEquals(item, Flotilla.Controllers.Status.WorkStatusController.ManifestStatusEntry(api, 0, manifest, live, new ResourceInterpreter())));
    }

    private IReadOnlyList<JsonObject> Events(string reason) =>
        _cp.Objects(EventRecorder.EventResource).Where(e => e.GetString("reason") == reason).ToList();

    [Fact]
    public async Task Reconcile_Applied_RecordsSyncSucceedOnTheWork()
    {
        SeedWork();
        Assert.Null(await ReconcileAsync());
        var ev = Assert.Single(Events(ExecutionEvents.ReasonSyncWorkloadSucceed));
        Assert.Equal("SyncSucceed", ev.GetString("reason")); // Karmada's value of EventReasonSyncWorkloadSucceed
        Assert.Equal(EventTypes.Normal, ev.GetString("type"));
        Assert.Equal($"Sync work(karmada-es-m1/{_workName}) to cluster(m1) successful.", ev.GetString("message"));
        var involved = (JsonObject)ev["involvedObject"]!;
        Assert.Equal(("Work", "karmada-es-m1", _workName), (involved.GetString("kind"), involved.GetString("namespace"), involved.GetString("name")));
        Assert.Empty(Events(ExecutionEvents.ReasonSyncWorkloadFailed));

        // Nothing changed: no second event.
        await ReconcileAsync();
        Assert.Single(Events(ExecutionEvents.ReasonSyncWorkloadSucceed));
    }

    [Fact]
    public async Task Reconcile_ApplyFails_RecordsSyncFailedWithTheError()
    {
        _member.Seed(Fixture.Deployment("nginx", 1));
        SeedWork();
        Assert.NotNull(await ReconcileAsync());
        var ev = Assert.Single(Events(ExecutionEvents.ReasonSyncWorkloadFailed));
        Assert.Equal("SyncFailed", ev.GetString("reason")); // Karmada's value of EventReasonSyncWorkloadFailed
        Assert.Equal(EventTypes.Warning, ev.GetString("type"));
        Assert.Equal($"Failed to sync work(karmada-es-m1/{_workName}) to cluster(m1), err: " + ExecutionEvents.ConflictAbort("Deployment", "default", "nginx", "m1"),
            ev.GetString("message"));
        Assert.Equal(_workName, ((JsonObject)ev["involvedObject"]!).GetString("name"));
        Assert.Empty(Events(ExecutionEvents.ReasonSyncWorkloadSucceed));

        // Once the conflict is resolved (the member object is removed), the next sync succeeds.
        await _member.DeleteAsync(Deployments, "default", "nginx", null, CancellationToken.None);
        Assert.Null(await ReconcileAsync());
        Assert.Single(Events(ExecutionEvents.ReasonSyncWorkloadSucceed));
    }

    [Fact]
    public async Task Reconcile_Twice_WritesNothingTheSecondTime()
    {
        SeedWork();
        await ReconcileAsync();
        _cp.ClearActions();
        _member.ClearActions();
        await ReconcileAsync();
        Assert.Empty(_cp.WriteActions);
        Assert.Empty(_member.WriteActions);
    }

    [Fact]
    public async Task Reconcile_ManagedObjectChanged_UpdatesIt()
    {
        SeedWork(replicas: 3);
        await ReconcileAsync();
        var work = WorkNow();
        work["spec"]!["workload"]!["manifests"]![0]!["spec"]!["replicas"] = 5;
        await _cp.UpdateAsync(KarmadaResources.Works, work, null, CancellationToken.None);
        await ReconcileAsync();
        Assert.Equal(5, JsonValues.Int(_member.Peek(Deployments, "default", "nginx")!["spec"]!["replicas"]));
    }

    [Fact]
    public async Task Reconcile_UnmanagedObjectWithAbort_FailsWithKarmadaMessage()
    {
        _member.Seed(Fixture.Deployment("nginx", 1));
        SeedWork();
        Assert.NotNull(await ReconcileAsync());
        var applied = Conditions.Get(WorkNow(), WorkConditions.Applied)!;
        Assert.Equal("False", applied["status"]!.GetValue<string>());
        // Karmada's message, word for word (objectwatcher's allowUpdate refusal).
        Assert.Equal("resource(kind=Deployment, default/nginx) already exists in the cluster m1 and the work.karmada.io/conflict-resolution strategy value is empty, Karmada will not manage this resource",
            applied["message"]!.GetValue<string>());
        Assert.Equal(1, JsonValues.Int(_member.Peek(Deployments, "default", "nginx")!["spec"]!["replicas"]));
        Assert.Null(_member.Peek(Deployments, "default", "nginx")!.Label(WellKnownLabels.Managed));
    }

    [Fact]
    public async Task Reconcile_UnmanagedObjectWithExplicitAbort_FailsToo()
    {
        _member.Seed(Fixture.Deployment("nginx", 1));
        SeedWork(conflict: WorkAnnotationValues.PolicyConflictAbort);
        Assert.NotNull(await ReconcileAsync());
        Assert.True(Conditions.IsFalse(WorkNow(), WorkConditions.Applied));
        Assert.Equal(1, JsonValues.Int(_member.Peek(Deployments, "default", "nginx")!["spec"]!["replicas"]));
    }

    [Fact]
    public void ConflictAbort_ClusterScopedObject_HasAnEmptyNamespace() =>
        Assert.Equal("resource(kind=Namespace, /team-a) already exists in the cluster m1 and the work.karmada.io/conflict-resolution strategy value is empty, Karmada will not manage this resource",
            ExecutionEvents.ConflictAbort("Namespace", null, "team-a", "m1"));

    [Fact]
    public async Task Reconcile_UnmanagedObjectWithOverwrite_AdoptsIt()
    {
        _member.Seed(Fixture.Deployment("nginx", 1));
        SeedWork(conflict: WorkAnnotationValues.PolicyConflictOverwrite);
        Assert.Null(await ReconcileAsync());
        var live = _member.Peek(Deployments, "default", "nginx")!;
        Assert.Equal(3, JsonValues.Int(live["spec"]!["replicas"]));
        Assert.Equal("true", live.Label(WellKnownLabels.Managed));
    }

    [Fact]
    public async Task Reconcile_WorkDeleted_DeletesMemberObjectAndReleasesFinalizer()
    {
        SeedWork();
        await ReconcileAsync();
        await _cp.DeleteAsync(KarmadaResources.Works, "karmada-es-m1", _workName, null, CancellationToken.None);
        await ReconcileAsync();
        Assert.Null(_member.Peek(Deployments, "default", "nginx"));
        Assert.Null(_cp.Peek(KarmadaResources.Works, "karmada-es-m1", _workName));
    }

    [Fact]
    public async Task Reconcile_WorkDeletedWithPreserve_KeepsMemberObjectWithoutKarmadaMetadata()
    {
        SeedWork(preserve: true);
        await ReconcileAsync();
        await _cp.DeleteAsync(KarmadaResources.Works, "karmada-es-m1", _workName, null, CancellationToken.None);
        await ReconcileAsync();
        var live = _member.Peek(Deployments, "default", "nginx")!;
        Assert.Null(live.Label(WellKnownLabels.Managed));
        Assert.Null(live.Annotation(WellKnownAnnotations.WorkName));
        Assert.Null(_cp.Peek(KarmadaResources.Works, "karmada-es-m1", _workName));
    }

    [Fact]
    public async Task Reconcile_SuspendDispatching_SetsConditionAndAppliesNothing()
    {
        SeedWork(suspend: true);
        await ReconcileAsync();
        Assert.Null(_member.Peek(Deployments, "default", "nginx"));
        var dispatching = Conditions.Get(WorkNow(), WorkConditions.Dispatching)!;
        Assert.Equal(WorkConditions.ReasonSuspendDispatching, dispatching["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconcile_MemberNamespaceMissing_FailsAndRetries()
    {
        _member.AddReactor(a => a.Verb == "create" ? new ApiStatusException(404, StatusReasons.NotFound, "namespaces \"default\" not found") : null);
        SeedWork();
        Assert.NotNull(await ReconcileAsync());
        Assert.True(Conditions.IsFalse(WorkNow(), WorkConditions.Applied));
    }

    [Fact]
    public async Task Reconcile_PullCluster_IsLeftToTheAgent()
    {
        var cluster = _cp.Peek(KarmadaResources.Clusters, null, "m1")!;
        cluster["spec"]!["syncMode"] = "Pull";
        await _cp.UpdateAsync(KarmadaResources.Clusters, cluster, null, CancellationToken.None);
        SeedWork();
        _cp.ClearActions();
        Assert.Null(await ReconcileAsync());
        Assert.Null(_member.Peek(Deployments, "default", "nginx"));
        Assert.Empty(_cp.WriteActions);
    }
}
