using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Simulator.Controllers;

namespace Flotilla.Simulator.Tests;

public sealed class PodUsageIndexTests
{
    private static JsonObject Pod(string name, string? node, string cpu, string? phase = null, string uid = "u")
    {
        var spec = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = cpu } } }) };
        if (node is not null) spec["nodeName"] = node;
        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["uid"] = uid + name }, ["spec"] = spec };
        if (phase is not null) pod["status"] = new JsonObject { ["phase"] = phase };
        return pod;
    }

    private static (string Cpu, int Pods) On(PodUsageIndex index, string node) =>
        index.Snapshot().TryGetValue(node, out var u) ? (u.Requests.GetValueOrDefault("cpu").ToString(), u.Pods) : ("0", 0);

    [Fact]
    public void CountsBoundLivePods_PerNode_AndForgetsTerminalAndDeletedOnes()
    {
        var index = new PodUsageIndex();
        var a = Pod("a", null, "500m");
        index.OnAdd(a);
        Assert.Equal(("0", 0), On(index, "n1")); // pending pods use nothing yet
        Assert.False(index.Counts(a.Key()));

        var boundA = Pod("a", "n1", "500m");
        index.OnUpdate(a, boundA);
        index.OnAdd(Pod("b", "n1", "250m"));
        index.OnAdd(Pod("c", "n2", "1"));
        Assert.Equal(("750m", 2), On(index, "n1"));
        Assert.Equal(("1", 1), On(index, "n2"));
        Assert.True(index.Counts(boundA.Key()));

        index.OnUpdate(boundA, boundA); // a resync changes nothing
        Assert.Equal(("750m", 2), On(index, "n1"));

        var done = Pod("a", "n1", "500m", phase: "Succeeded");
        index.OnUpdate(boundA, done);
        Assert.Equal(("250m", 1), On(index, "n1"));
        Assert.False(index.Counts(done.Key()));

        index.OnDelete(Pod("b", "n1", "250m"));
        index.OnDelete(done);
        Assert.Equal(("0", 0), On(index, "n1"));
        Assert.DoesNotContain("n1", index.Snapshot().Keys);
    }

    [Fact]
    public void Snapshot_IsACopy()
    {
        var index = new PodUsageIndex();
        index.OnAdd(Pod("a", "n1", "1"));
        var snap = index.Snapshot();
        snap["n1"].Requests["cpu"] = Quantity.Parse("9");
        Assert.Equal(("1", 1), On(index, "n1"));
    }
}
