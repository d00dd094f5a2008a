using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Members;
using Flotilla.Controllers.Scheduling;
using Flotilla.Controllers.Tests.Binding;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Objects;
using Flotilla.TestKit;

namespace Flotilla.Controllers.Tests.Scheduling;

/// <summary>
/// Cluster events that must reschedule a binding, driven through the scheduler's controller host (its Cluster watch
/// and predicate), never by calling ReconcileAsync: a cluster joining, being relabelled, tainted or untainted, and
/// leaving. Bindings are seeded directly; only the scheduler runs.
/// </summary>
public sealed class ReschedulingTriggerTests : IAsyncDisposable
{
    private const string Rb = "web-deployment";
    private readonly FakeKubeClient _cp = Fixture.ControlPlane();
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(30));
    private ControlPlaneControllers? _controllers;

    public async ValueTask DisposeAsync()
    {
        if (_controllers is not null) await _controllers.DisposeAsync();
        _cts.Dispose();
    }

    private async Task StartSchedulerAsync()
    {
        _controllers = ControlPlaneControllers.Create(_cp, new StaticMemberClientProvider(new Dictionary<string, IKubeClient>()),
            options: new ControllersOptions { Controllers = ControlPlaneControllers.SchedulerName });
        await _controllers.StartAsync(_cts.Token);
        await _controllers.WaitForStartedAsync(_cts.Token);
    }

    private static JsonObject Binding(string placement, int replicas = 4) => new()
    {
        ["apiVersion"] = "work.karmada.io/v1alpha2",
        ["kind"] = "ResourceBinding",
        ["metadata"] = new JsonObject
        {
            ["name"] = Rb,
            ["namespace"] = "default",
            ["labels"] = new JsonObject { [WellKnownLabels.ResourceBindingPermanentId] = "rb-id" },
        },
        ["spec"] = new JsonObject
        {
            ["resource"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["namespace"] = "default", ["name"] = "web", ["uid"] = "web-uid" },
            ["replicas"] = replicas,
            ["placement"] = JsonNode.Parse(placement),
        },
    };

    /// <summary>spec.clusters as "name=replicas,..." sorted by name ("" when none).</summary>
    private string Scheduled()
    {
        var clusters = _cp.Peek(KarmadaResources.ResourceBindings, "default", Rb)?["spec"]?["clusters"] as JsonArray ?? [];
        return string.Join(",", clusters.OfType<JsonObject>()
            .Select(c => c.GetString("name") + "=" + JsonValues.Int(c["replicas"])).Order(StringComparer.Ordinal));
    }

    private Task UntilScheduledAsync(string expected, string because) =>
        Fixture.EventuallyAsync(() => Scheduled() == expected, $"{because}: spec.clusters {expected} (now {Scheduled()})");

    private async Task ChangeClusterAsync(string name, Action<JsonObject> change)
    {
        var c = _cp.Peek(KarmadaResources.Clusters, null, name)!;
        change(c);
        await _cp.UpdateAsync(KarmadaResources.Clusters, c, null, _cts.Token);
    }

    private static void SetTaints(JsonObject cluster, params (string Key, string Effect)[] taints) =>
        cluster["spec"]!["taints"] = new JsonArray(taints.Select(t => (JsonNode?)new JsonObject { ["key"] = t.Key, ["effect"] = t.Effect }).ToArray());

    private const string DuplicatedEverywhere = """{"replicaScheduling":{"replicaSchedulingType":"Duplicated"}}""";
    private const string FailoverM1ThenM2 = """{"clusterAffinity":{"clusterNames":["m1","m2"]},"schedulerStrategy":{"type":"Failover"}}""";

    [Fact]
    public async Task ClusterJoins_DuplicatedBindingIsRescheduledOntoIt()
    {
        _cp.Seed(Fixture.Cluster("m1"), Fixture.Cluster("m2"), Binding(DuplicatedEverywhere));
        await StartSchedulerAsync();
        await UntilScheduledAsync("m1=4,m2=4", "first schedule");

        // Joining = the Cluster is created (the API server drops status on create, so no API is known to be enabled
        // yet), then the cluster status controller reports it Ready with its API enablements.
        var joined = await _cp.CreateAsync(KarmadaResources.Clusters, Fixture.Cluster("m3"), null, _cts.Token);
        Assert.Null(joined["status"]);
        joined["status"] = Fixture.Cluster("m3")["status"]!.DeepClone();
        await _cp.UpdateAsync(KarmadaResources.Clusters, joined, new WriteOptions { Subresource = "status" }, _cts.Token);
        await UntilScheduledAsync("m1=4,m2=4,m3=4", "m3 joined");
    }

    [Fact]
    public async Task ClusterRelabelled_BindingFollowsItsLabelSelector()
    {
        _cp.Seed(Fixture.Cluster("m1", new() { ["env"] = "prod" }), Fixture.Cluster("m2"),
            Binding("""{"clusterAffinity":{"labelSelector":{"matchLabels":{"env":"prod"}}},"replicaScheduling":{"replicaSchedulingType":"Duplicated"}}"""));
        await StartSchedulerAsync();
        await UntilScheduledAsync("m1=4", "first schedule");

        await ChangeClusterAsync("m2", c => c.SetLabel("env", "prod"));
        await UntilScheduledAsync("m1=4,m2=4", "m2 labelled env=prod");
        await ChangeClusterAsync("m1", c => c.SetLabel("env", "dev"));
        await UntilScheduledAsync("m2=4", "m1 relabelled env=dev");
    }

    [Fact]
    public async Task NoScheduleTaintRemoved_UnfitBindingIsScheduled()
    {
        // NoClusterFit is not retried: only the cluster event can bring the binding back.
        var m1 = Fixture.Cluster("m1");
        SetTaints(m1, ("example.com/maintenance", TaintEffects.NoSchedule));
        _cp.Seed(m1, Fixture.Cluster("m2"), Binding("""{"clusterAffinity":{"clusterNames":["m1"]}}"""));
        await StartSchedulerAsync();
        await Fixture.EventuallyAsync(() => Conditions.Get(_cp.Peek(KarmadaResources.ResourceBindings, "default", Rb)!, BindingConditions.Scheduled)
            .GetString("reason") == BindingConditions.ReasonNoClusterFit, "NoClusterFit while m1 is tainted NoSchedule");
        Assert.Equal("", Scheduled());

        await ChangeClusterAsync("m1", c => SetTaints(c));
        await UntilScheduledAsync("m1=4", "m1 untainted");
    }

    [Theory]
    [InlineData(WellKnownTaints.NotReady, TaintEffects.NoSchedule)]
    [InlineData("example.com/drain", TaintEffects.NoExecute)]
    public async Task TaintedCluster_FailoverStrategyMovesToTheNextCluster(string key, string effect)
    {
        _cp.Seed(Fixture.Cluster("m1"), Fixture.Cluster("m2"), Binding(FailoverM1ThenM2));
        await StartSchedulerAsync();
        await UntilScheduledAsync("m1=4", "Failover starts on the first listed cluster");

        await ChangeClusterAsync("m1", c => SetTaints(c, (key, effect)));
        await UntilScheduledAsync("m2=4", $"m1 tainted {key}:{effect}");
    }

    [Fact]
    public async Task ClusterLeaves_DividedBindingMovesItsReplicas()
    {
        // Divided bindings are not rescheduled by every cluster event; a scheduled cluster being deleted is one.
        var m2 = Fixture.Cluster("m2");
        m2.AddFinalizer(WellKnownFinalizers.Cluster);
        _cp.Seed(Fixture.Cluster("m1"), m2,
            Binding("""{"replicaScheduling":{"replicaSchedulingType":"Divided","replicaDivisionPreference":"Weighted"}}"""));
        await StartSchedulerAsync();
        await UntilScheduledAsync("m1=2,m2=2", "first schedule");

        await _cp.DeleteAsync(KarmadaResources.Clusters, null, "m2", null, _cts.Token);
        Assert.True(_cp.Peek(KarmadaResources.Clusters, null, "m2")!.IsDeleting());
        await UntilScheduledAsync("m1=4", "m2 is being deleted");
    }

    [Fact]
    public async Task ClusterRemoved_DuplicatedBindingDropsIt()
    {
        _cp.Seed(Fixture.Cluster("m1"), Fixture.Cluster("m2"), Binding(DuplicatedEverywhere));
        await StartSchedulerAsync();
        await UntilScheduledAsync("m1=4,m2=4", "first schedule");

        await _cp.DeleteAsync(KarmadaResources.Clusters, null, "m2", null, _cts.Token);
        Assert.Null(_cp.Peek(KarmadaResources.Clusters, null, "m2"));
        await UntilScheduledAsync("m1=4", "m2 left");
    }
}
