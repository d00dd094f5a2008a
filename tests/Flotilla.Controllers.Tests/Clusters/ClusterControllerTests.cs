using System.Text.Json.Nodes;
using Flotilla.Client;
using Flotilla.Controllers.Clusters;
using Flotilla.Controllers.Members;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Informers;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;
using Xunit;

namespace Flotilla.Controllers.Tests.Clusters;

public sealed class ClusterControllerTests : IAsyncDisposable
{
    private static readonly ApiResource NodesResource = new()
    {
        Group = "", Version = "v1", Kind = "Node", Plural = "nodes", Singular = "node", Namespaced = false, HasStatus = true,
    };

    private readonly ManualTimeProvider _time = new();
    private readonly FakeKubeClient _cp;
    private readonly FakeKubeClient _member;
    private readonly SharedInformerFactory _informers;
    private readonly FakeProbe _probe = new();
    private readonly ClusterControllerOptions _options = new()
    {
        StatusUpdateFrequency = TimeSpan.FromSeconds(1),
        SuccessThreshold = TimeSpan.FromSeconds(30),
        FailureThreshold = TimeSpan.FromSeconds(30),
    };

    public ClusterControllerTests()
    {
        _cp = new FakeKubeClient(time: _time);
        _member = new FakeKubeClient([.. FakeResources.Defaults, NodesResource], _time);
        _informers = new SharedInformerFactory(_cp, time: _time);
    }

    public async ValueTask DisposeAsync() => await _informers.DisposeAsync();

    private static JsonObject ClusterObject(string name) => new()
    {
        ["apiVersion"] = "cluster.karmada.io/v1alpha1",
        ["kind"] = "Cluster",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["syncMode"] = "Push", ["apiEndpoint"] = "https://127.0.0.1:1" },
    };

    private async Task<JsonObject> SyncedAsync(string name)
    {
        var informer = _informers.Get(ClusterApi.Clusters);
        _informers.Start();
        await informer.WaitForSyncAsync(CancellationToken.None);
        var current = _cp.Peek(ClusterApi.Clusters, null, name);
        await Eventually.UntilAsync(() => informer.Cache.Get(null, name)?.ResourceVersion() == current?.ResourceVersion(),
            TimeSpan.FromSeconds(5), "informer cache catches up");
        return current!;
    }

    private ClusterStatusController StatusController() =>
        new(_cp, _informers, new StaticMemberClientProvider(new Dictionary<string, IKubeClient> { ["m1"] = _member }), _options, _probe, _time,
            events: new Flotilla.Runtime.Events.EventRecorder(_cp, "cluster-status-controller", _time));

    [Fact]
    public async Task Cluster_controller_adds_finalizer_execution_space_and_not_ready_taint_then_is_idempotent()
    {
        _cp.Seed(ClusterObject("m1"));
        await SyncedAsync("m1");
        var controller = new ClusterController(_cp, _informers, _time);
        await controller.ReconcileAsync(new ObjectKey("", "m1"), CancellationToken.None);

        var cluster = await SyncedAsync("m1");
        Assert.Contains(WellKnownFinalizers.Cluster, cluster.Finalizers());
        Assert.NotNull(_cp.Peek(ClusterApi.Namespaces, null, "karmada-es-m1"));
        Assert.True(ClusterTaints.HasTaint(cluster, WellKnownTaints.NotReady, TaintEffects.NoSchedule));

        _cp.ClearActions();
        await controller.ReconcileAsync(new ObjectKey("", "m1"), CancellationToken.None);
        Assert.Empty(_cp.WriteActions);
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_works_and_execution_space_before_the_finalizer()
    {
        _cp.Seed(ClusterObject("m1"));
        await SyncedAsync("m1");
        var controller = new ClusterController(_cp, _informers, _time);
        await controller.ReconcileAsync(new ObjectKey("", "m1"), CancellationToken.None);
        _cp.Seed(new JsonObject
        {
            ["apiVersion"] = "work.karmada.io/v1alpha1",
            ["kind"] = "Work",
            ["metadata"] = new JsonObject { ["name"] = "w1", ["namespace"] = "karmada-es-m1" },
        });
        await _cp.DeleteAsync(ClusterApi.Clusters, null, "m1", null, CancellationToken.None);
        await SyncedAsync("m1");

        var first = await controller.ReconcileAsync(new ObjectKey("", "m1"), CancellationToken.None);
        Assert.NotNull(first.RequeueAfter);
        Assert.Null(_cp.Peek(ClusterApi.Works, "karmada-es-m1", "w1"));
        Assert.NotNull(_cp.Peek(ClusterApi.Clusters, null, "m1"));

        await Eventually.UntilAsync(async () =>
        {
            if (_cp.Peek(ClusterApi.Clusters, null, "m1") is { } c) await SyncedAsync("m1");
            await controller.ReconcileAsync(new ObjectKey("", "m1"), CancellationToken.None);
            return _cp.Peek(ClusterApi.Clusters, null, "m1") is null;
        }, TimeSpan.FromSeconds(5), "cluster is finalized once its execution space is gone");
        Assert.Null(_cp.Peek(ClusterApi.Namespaces, null, "karmada-es-m1"));
    }

    [Fact]
    public async Task Status_controller_sets_ready_collects_summaries_and_does_not_rewrite_identical_status()
    {
        _cp.Seed(ClusterObject("m1"));
        _member.Seed(ClusterStatusBuilderTests.Node("n1", "4", "16Gi"), ClusterStatusBuilderTests.Pod("p1", "n1", "1", "1Gi"));
        await SyncedAsync("m1");
        var controller = StatusController();

        var result = await controller.ReconcileAsync(new ObjectKey("", "m1"), CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(1), result.RequeueAfter);
        var cluster = await SyncedAsync("m1");
        var ready = Runtime.Objects.Conditions.Get(cluster, "Ready")!;
        Assert.Equal("True", (string?)ready["status"]);
        Assert.Equal("ClusterReady", (string?)ready["reason"]);
        Assert.Equal(ClusterStatusController.MessageClusterReady, (string?)ready["message"]);
        // the transition is an Event on the Cluster (kubectl describe cluster shows it)
        await Eventually.UntilAsync(() => _cp.Objects(FakeResources.Events.Gvr).Any(e =>
                (string?)e["reason"] == "ClusterReady" && (string?)e["involvedObject"]?["name"] == "m1" && (string?)e["involvedObject"]?["kind"] == "Cluster"),
            TimeSpan.FromSeconds(5), "a ClusterReady event about m1");
        Assert.Equal("v1.31.0", (string?)cluster["status"]!["kubernetesVersion"]);
        Assert.Equal(1, (int)cluster["status"]!["nodeSummary"]!["totalNum"]!);
        Assert.Equal(Quantity.Parse("1"), Quantity.Parse((string)cluster["status"]!["resourceSummary"]!["allocated"]!["cpu"]!));
        Assert.Equal(Quantity.Parse("4"), Quantity.Parse((string)cluster["status"]!["resourceSummary"]!["allocatable"]!["cpu"]!));
        Assert.Equal("True", (string?)Runtime.Objects.Conditions.Get(cluster, "CompleteAPIEnablements")!["status"]);
        var lease = _cp.Peek(ClusterApi.Leases, WellKnownNamespaces.KarmadaCluster, "m1");
        Assert.NotNull(lease);
        Assert.Equal("m1", (string?)lease["spec"]!["holderIdentity"]);

        _cp.ClearActions();
        _time.Advance(TimeSpan.FromSeconds(1));
        await controller.ReconcileAsync(new ObjectKey("", "m1"), CancellationToken.None);
        Assert.DoesNotContain(_cp.WriteActions, a => a.Resource == ClusterApi.Clusters);
    }

    [Fact]
    public async Task Ready_goes_false_only_after_the_failure_threshold_and_back_after_the_success_threshold()
    {
        _cp.Seed(ClusterObject("m1"));
        await SyncedAsync("m1");
        var controller = StatusController();
        var key = new ObjectKey("", "m1");
        await controller.ReconcileAsync(key, CancellationToken.None);
        Assert.Equal("True", await ReadyAsync());

        _probe.Result = new HealthProbeResult { StatusCode = null, Path = "/readyz" };
        await controller.ReconcileAsync(key, CancellationToken.None);
        Assert.Equal("True", await ReadyAsync());
        _time.Advance(TimeSpan.FromSeconds(29));
        await controller.ReconcileAsync(key, CancellationToken.None);
        Assert.Equal("True", await ReadyAsync());
        _time.Advance(TimeSpan.FromSeconds(2));
        await controller.ReconcileAsync(key, CancellationToken.None);
        Assert.Equal("False", await ReadyAsync());
        var cluster = await SyncedAsync("m1");
        Assert.Equal(ClusterConditions.ReasonClusterNotReachable, (string?)Runtime.Objects.Conditions.Get(cluster, "Ready")!["reason"]);

        _probe.Result = new HealthProbeResult { StatusCode = 500, Path = "/readyz" };
        await controller.ReconcileAsync(key, CancellationToken.None);
        cluster = await SyncedAsync("m1");
        Assert.Equal(ClusterConditions.ReasonClusterNotReady, (string?)Runtime.Objects.Conditions.Get(cluster, "Ready")!["reason"]);

        _probe.Result = new HealthProbeResult { StatusCode = 200, Path = "/readyz" };
        await controller.ReconcileAsync(key, CancellationToken.None);
        Assert.Equal("False", await ReadyAsync());
        _time.Advance(TimeSpan.FromSeconds(31));
        await controller.ReconcileAsync(key, CancellationToken.None);
        Assert.Equal("True", await ReadyAsync());
    }

    [Fact]
    public async Task A_probe_without_answer_within_the_timeout_counts_as_unreachable()
    {
        _cp.Seed(ClusterObject("m1"));
        await SyncedAsync("m1");
        _options.ProbeTimeout = TimeSpan.FromMilliseconds(50);
        _probe.Hang = true;
        await StatusController().ReconcileAsync(new ObjectKey("", "m1"), CancellationToken.None);
        var cluster = await SyncedAsync("m1");
        var ready = Runtime.Objects.Conditions.Get(cluster, "Ready")!;
        Assert.Equal("False", (string?)ready["status"]);
        Assert.Equal(ClusterConditions.ReasonClusterNotReachable, (string?)ready["reason"]);
    }

    [Fact]
    public async Task The_cluster_lease_is_renewed_every_renew_interval_while_the_cluster_answers()
    {
        _options.LeaseDuration = TimeSpan.FromSeconds(8);
        _options.LeaseRenewIntervalFraction = 0.25; // renew every 2 s
        _cp.Seed(ClusterObject("m1"));
        await SyncedAsync("m1");
        var controller = StatusController();
        var key = new ObjectKey("", "m1");
        string? RenewTime() => (string?)_cp.Peek(ClusterApi.Leases, WellKnownNamespaces.KarmadaCluster, "m1")?["spec"]?["renewTime"];

        await controller.ReconcileAsync(key, CancellationToken.None);
        var lease = _cp.Peek(ClusterApi.Leases, WellKnownNamespaces.KarmadaCluster, "m1")!;
        Assert.Equal(8, (int)lease["spec"]!["leaseDurationSeconds"]!);
        var first = RenewTime();
        Assert.NotNull(first);

        // each reconcile reads the Cluster from the informer, so let it see the previous status write first
        _time.Advance(TimeSpan.FromSeconds(1));
        await SyncedAsync("m1");
        await controller.ReconcileAsync(key, CancellationToken.None);
        Assert.Equal(first, RenewTime()); // within the renew interval: no write

        _time.Advance(TimeSpan.FromSeconds(1));
        await SyncedAsync("m1");
        await controller.ReconcileAsync(key, CancellationToken.None);
        var second = RenewTime();
        Assert.True(DateTimeOffset.Parse(second!, System.Globalization.CultureInfo.InvariantCulture)
            > DateTimeOffset.Parse(first!, System.Globalization.CultureInfo.InvariantCulture), $"{first} -> {second}");

        // an unreachable cluster's lease is not renewed
        _probe.Result = new HealthProbeResult { StatusCode = null, Path = "/readyz" };
        _time.Advance(TimeSpan.FromSeconds(3));
        await SyncedAsync("m1");
        await controller.ReconcileAsync(key, CancellationToken.None);
        Assert.Equal(second, RenewTime());
    }

    private async Task<string?> ReadyAsync() =>
        (string?)Runtime.Objects.Conditions.Get(await SyncedAsync("m1"), "Ready")?["status"];

    private sealed class FakeProbe : IClusterProbe
    {
        public HealthProbeResult Result { get; set; } = new() { StatusCode = 200, Path = "/readyz" };

        public bool Hang { get; set; }

        public async Task<HealthProbeResult> ProbeHealthAsync(IKubeClient member, CancellationToken ct)
        {
            if (Hang) await Task.Delay(Timeout.Infinite, ct);
            return Result;
        }

        public Task<string> GetVersionAsync(IKubeClient member, CancellationToken ct) => Task.FromResult("v1.31.0");
    }
}
