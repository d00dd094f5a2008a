using Flotilla.Core;
using Flotilla.Runtime.Events;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Events;

public sealed class EventRecorderTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Record_CreatesCoreV1Event()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient(time: time);
        var obj = await client.CreateAsync(FakeResources.ConfigMaps.Gvr, TestObjects.ConfigMap("ns", "a"), null, Ct);
        var recorder = new EventRecorder(client, "execution-controller", time, instance: "node-1");

        await recorder.WarningAsync(obj, "SyncWorkloadFailed", "member1 unreachable", Ct);

        var ev = Assert.Single(client.Objects(EventRecorder.EventResource));
        Assert.Equal("ns", ev.Namespace());
        Assert.Equal("Warning", ev.GetString("type"));
        Assert.Equal("SyncWorkloadFailed", ev.GetString("reason"));
        Assert.Equal("member1 unreachable", ev.GetString("message"));
        Assert.Equal("execution-controller", (ev["source"] as System.Text.Json.Nodes.JsonObject).GetString("component"));
        Assert.Equal("execution-controller", ev.GetString("reportingComponent"));
        Assert.Equal("node-1", ev.GetString("reportingInstance"));
        var involved = (System.Text.Json.Nodes.JsonObject)ev["involvedObject"]!;
        Assert.Equal(("ConfigMap", "a", "ns", obj.Uid()), (involved.GetString("kind"), involved.GetString("name"), involved.GetString("namespace"), involved.GetString("uid")));
        Assert.Equal(1, ev["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Repeats_AreAggregated_DistinctMessagesAreNot()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient(time: time);
        var obj = await client.CreateAsync(FakeResources.ConfigMaps.Gvr, TestObjects.ConfigMap("ns", "a"), null, Ct);
        var recorder = new EventRecorder(client, "c", time);

        await recorder.NormalAsync(obj, "Applied", "ok", Ct);
        time.Advance(TimeSpan.FromMinutes(1));
        await recorder.NormalAsync(obj, "Applied", "ok", Ct);
        await recorder.NormalAsync(obj, "Applied", "ok", Ct);
        await recorder.NormalAsync(obj, "Applied", "different", Ct);

        var events = client.Objects(EventRecorder.EventResource);
        Assert.Equal(2, events.Count);
        var ok = events.Single(e => e.GetString("message") == "ok");
        Assert.Equal(3, ok["count"]!.GetValue<int>());
        Assert.Equal("2026-01-01T00:00:00Z", ok.GetString("firstTimestamp"));
        Assert.Equal("2026-01-01T00:01:00Z", ok.GetString("lastTimestamp"));
    }

    [Fact]
    public async Task ClusterScopedObject_EventGoesToDefaultNamespace_AndFailuresAreSwallowed()
    {
        var client = new FakeKubeClient();
        var cluster = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "cluster.karmada.io/v1alpha1",
            ["kind"] = "Cluster",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "member1" },
        };
        var recorder = new EventRecorder(client, "cluster-controller");
        await recorder.NormalAsync(cluster, "Ready", "cluster is ready", Ct);
        Assert.Equal("default", Assert.Single(client.Objects(EventRecorder.EventResource)).Namespace());

        client.AddReactor(_ => new ApiStatusException(500, StatusReasons.InternalError, "down"));
        await recorder.WarningAsync(cluster, "Other", "not recorded", Ct); // does not throw
    }
}
