using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Detector;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Scheduling;
using Flotilla.Controllers.Tests.Binding;
using Flotilla.Core;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Events;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;
using Flotilla.Scheduler.Core;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Controllers.Tests.Scheduling;

public sealed class SchedulerControllerTests : IAsyncDisposable
{
    private readonly FakeKubeClient _cp = Fixture.ControlPlane();
    private readonly SharedInformerFactory _informers;
    private readonly SchedulerController _scheduler;
    private readonly ResourceDetector _detector;
    private static readonly ObjectKey Binding = new("default", "nginx-deployment");

    public SchedulerControllerTests()
    {
        _informers = new SharedInformerFactory(_cp);
        _scheduler = new SchedulerController(_cp, _informers, new GenericScheduler(), new EventRecorder(_cp, "default-scheduler"), clusterScoped: false);
        _detector = new ResourceDetector(_cp, _informers, new ResourceInterpreter(), new EventRecorder(_cp, ResourceDetector.ControllerName));
        foreach (var r in new[] { FakeResources.Deployments.Gvr, KarmadaResources.PropagationPolicies, KarmadaResources.ClusterPropagationPolicies,
                     KarmadaResources.ResourceBindings, KarmadaResources.ClusterResourceBindings, KarmadaResources.Clusters })
            _informers.Get(r);
    }

    public ValueTask DisposeAsync() => _informers.DisposeAsync();

    private async Task SetUpAsync(string[]? clusters)
    {
        _cp.Seed(Fixture.Cluster("m1"), Fixture.Cluster("m2"), Fixture.Deployment("nginx", 3), Fixture.Policy("pp", targetName: "nginx", clusters: clusters));
        await InformerSync.CaughtUpAsync(_informers, _cp);
        await _detector.ReconcileAsync(new TemplateKey(FakeResources.Deployments.Gvr, "Deployment", "default", "nginx"), CancellationToken.None);
        await InformerSync.CaughtUpAsync(_informers, _cp);
    }

    private async Task ScheduleAsync()
    {
        await InformerSync.CaughtUpAsync(_informers, _cp);
        await _scheduler.ReconcileAsync(Binding, CancellationToken.None);
        await InformerSync.CaughtUpAsync(_informers, _cp);
    }

    [Fact]
    public async Task Reconcile_Duplicated_PatchesClustersAnnotationAndScheduledCondition()
    {
        await SetUpAsync(["m1", "m2"]);
        await ScheduleAsync();
        var rb = _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!;
        var clusters = rb["spec"]!["clusters"]!.AsArray();
        Assert.Equal(["m1", "m2"], clusters.Select(c => c!["name"]!.GetValue<string>()).Order());
        Assert.All(clusters, c => Assert.Equal(3, JsonValues.Int(c!["replicas"])));
        Assert.NotNull(rb.Annotation(WellKnownAnnotations.AppliedPlacement));
        Assert.True(Conditions.IsTrue(rb, BindingConditions.Scheduled));
        Assert.Equal(rb.Generation(), JsonValues.Long(rb["status"]!["schedulerObservedGeneration"]));
        Assert.NotNull(rb["status"]!["lastScheduledTime"]);
        // Karmada records the result on the binding and on the template, with the result in the message.
        var succeeded = _cp.Objects(EventRecorder.EventResource).Where(e => e.GetString("reason") == SchedulerEvents.ReasonScheduleBindingSucceed).ToList();
        Assert.Equal(["Deployment/nginx", "ResourceBinding/nginx-deployment"],
            succeeded.Select(e => (e["involvedObject"] as JsonObject).GetString("kind") + "/" + (e["involvedObject"] as JsonObject).GetString("name")).Order(StringComparer.Ordinal));
        Assert.All(succeeded, e => Assert.Equal("Binding has been scheduled successfully. Result: {m1:3, m2:3}", e.GetString("message")));
        Assert.All(succeeded, e => Assert.Equal(EventTypes.Normal, e.GetString("type")));
        var template = _cp.Peek(FakeResources.Deployments.Gvr, "default", "nginx")!;
        Assert.Equal(template.Uid(), succeeded.Select(e => e["involvedObject"] as JsonObject).Single(o => o.GetString("kind") == "Deployment")!["uid"]!.GetValue<string>());
    }

    [Fact]
    public void SucceededMessage_KarmadasFormatForBothBindingKinds()
    {
        List<TargetCluster> result = [new() { Name = "member1", Replicas = 2 }, new() { Name = "member2", Replicas = 1 }];
        Assert.Equal("Binding has been scheduled successfully. Result: {member1:2, member2:1}", SchedulerEvents.Succeeded(result, clusterScoped: false));
        Assert.Equal("Binding has been scheduled successfully. Result {member1:2, member2:1}", SchedulerEvents.Succeeded(result, clusterScoped: true));
        Assert.Equal("Binding has been scheduled successfully. Result: {}", SchedulerEvents.Succeeded([], clusterScoped: false));
    }

    [Fact]
    public async Task Reconcile_Twice_WritesNothingTheSecondTime()
    {
        await SetUpAsync(["m1", "m2"]);
        await ScheduleAsync();
        _cp.ClearActions();
        await ScheduleAsync();
        Assert.Empty(_cp.WriteActions);
    }

    [Fact]
    public async Task Reconcile_NoClusterFits_ClearsClustersAndSetsNoClusterFit()
    {
        await SetUpAsync(["absent"]);
        await ScheduleAsync();
        var rb = _cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment")!;
        Assert.Empty(rb["spec"]!["clusters"]!.AsArray());
        Assert.Equal(BindingConditions.ReasonNoClusterFit, Conditions.Get(rb, BindingConditions.Scheduled)!["reason"]!.GetValue<string>());
        var failures = _cp.Objects(EventRecorder.EventResource).Where(e => e.GetString("reason") == SchedulerEvents.ReasonScheduleBindingFailed).ToList();
        Assert.Equal(2, failures.Count);
        var failed = failures.Single(e => (e["involvedObject"] as JsonObject).GetString("kind") == "ResourceBinding");
        Assert.Equal(EventTypes.Warning, failed.GetString("type"));
        Assert.Equal("nginx-deployment", (failed["involvedObject"] as JsonObject).GetString("name"));
        Assert.Contains("0/2 clusters are available", failed.GetString("message"), StringComparison.Ordinal);
        var onTemplate = failures.Single(e => (e["involvedObject"] as JsonObject).GetString("kind") == "Deployment");
        Assert.Equal(("nginx", "default", failed.GetString("message")),
            ((onTemplate["involvedObject"] as JsonObject).GetString("name"), (onTemplate["involvedObject"] as JsonObject).GetString("namespace"), onTemplate.GetString("message")));
        Assert.DoesNotContain(_cp.Objects(EventRecorder.EventResource), e => e.GetString("reason") == SchedulerEvents.ReasonScheduleBindingSucceed);

        // Failing again records nothing new (the condition did not change).
        _cp.ClearActions();
        await ScheduleAsync();
        Assert.Empty(_cp.WriteActions);
    }

    private static JsonObject ReadyCluster() => Fixture.Cluster("m1");

    public static TheoryData<string, Action<JsonObject>, bool> ClusterChanges => new()
    {
        { "resync (same resourceVersion)", _ => { }, false },
        { "heartbeat only: resource summary", c => c["status"]!["resourceSummary"] = new JsonObject { ["allocatable"] = new JsonObject { ["cpu"] = "8" } }, false },
        { "heartbeat only: Ready condition time", c => c["status"]!["conditions"]![0]!["lastTransitionTime"] = "2026-02-01T00:00:00Z", false },
        { "label added", c => c.SetLabel("env", "prod"), true },
        { "taint added", c => c["spec"]!["taints"] = JsonNode.Parse("""[{"key":"k","effect":"NoSchedule"}]"""), true },
        { "topology changed", c => c["spec"]!["region"] = "eu", true },
        { "generation bumped", c => c.Metadata()["generation"] = 7, true },
        { "deletion started", c => c.Metadata()["deletionTimestamp"] = "2026-02-01T00:00:00Z", true },
        { "became not ready", c => c["status"]!["conditions"]![0]!["status"] = "False", true },
        { "API enablements changed", c => c["status"]!["apiEnablements"] = new JsonArray(), true },
    };

    [Theory]
    [MemberData(nameof(ClusterChanges))]
    public void ClusterChangedForScheduling_OnlySchedulingRelevantChanges(string because, Action<JsonObject> change, bool relevant)
    {
        var before = ReadyCluster();
        before.Metadata()["resourceVersion"] = "10";
        before.Metadata()["generation"] = 1;
        var after = before.DeepCloneObject();
        change(after);
        if (!because.StartsWith("resync", StringComparison.Ordinal)) after.Metadata()["resourceVersion"] = "11";
        Assert.True(relevant == SchedulerController.ClusterChangedForScheduling(before, after), because);
    }

    [Fact]
    public async Task Reconcile_BindingDeleted_DoesNothing()
    {
        await InformerSync.CaughtUpAsync(_informers, _cp);
        var result = await _scheduler.ReconcileAsync(Binding, CancellationToken.None);
        Assert.Null(result.RequeueAfter);
        Assert.Empty(_cp.WriteActions);
    }
}
