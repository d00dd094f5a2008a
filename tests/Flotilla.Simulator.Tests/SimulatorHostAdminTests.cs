using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Simulator.Tests;

/// <summary>The fault-injection endpoint of a <see cref="SimulatorHost"/>, driven over loopback by <see cref="SimAdminClient"/>
/// (what <c>flotilla sim</c> does).</summary>
public sealed class SimulatorHostAdminTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "flotilla-simhost-" + Guid.NewGuid().ToString("N")[..10]);
    private SimulatorHost _host = null!;
    private SimulatedCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _host = new SimulatorHost(_dataDir, NullLoggerFactory.Instance);
        _cluster = await _host.AddAsync("m1", new MemberOptions { Nodes = 2, PodStartupDelay = TimeSpan.FromMilliseconds(30) }, 0, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { }
    }

    [Theory]
    [InlineData("pods", "abc")]
    [InlineData("pods", "-3")]
    [InlineData("nodes", "-1")]
    [InlineData("nodes", "two")]
    [InlineData("cpu", "lots")]
    [InlineData("memory", "-1Gi")]
    public async Task Capacity_with_a_malformed_value_is_refused_and_changes_nothing(string field, string value)
    {
        using var admin = SimAdminClient.Open(_dataDir, "m1");
        // A valid value next to the malformed one must not be applied either.
        var query = new Dictionary<string, string?> { ["cpu"] = "2", ["pods"] = "7", [field] = value };
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => admin.InvokeAsync("capacity", query, CancellationToken.None));
        Assert.Contains($"{field}: \"{value}\"", e.Message, StringComparison.Ordinal);
        Assert.Equal((2, Quantity.Parse("8"), Quantity.Parse("32Gi"), 110),
            (_cluster.Options.Nodes, _cluster.Options.NodeCpu, _cluster.Options.NodeMemory, _cluster.Options.NodePods));
        var nodes = (await _cluster.Client.ListAsync(Res.Nodes, null, null, CancellationToken.None)).Items;
        Assert.Equal(2, nodes.Count);
        Assert.All(nodes, n => Assert.Equal(("8", "110"), (Capacity(n, "cpu"), Capacity(n, "pods"))));
    }

    [Fact]
    public async Task Capacity_changes_every_node_and_the_node_count()
    {
        using var admin = SimAdminClient.Open(_dataDir, "m1");
        var message = await admin.InvokeAsync("capacity",
            new Dictionary<string, string?> { ["cpu"] = "2", ["memory"] = "4Gi", ["pods"] = "5", ["nodes"] = "3" }, CancellationToken.None);
        Assert.Equal("capacity done for m1", message);
        await Eventually.UntilAsync(async () =>
        {
            var nodes = (await _cluster.Client.ListAsync(Res.Nodes, null, null, CancellationToken.None)).Items;
            return nodes.Count == 3 && nodes.All(n => (Capacity(n, "cpu"), Capacity(n, "memory"), Capacity(n, "pods")) == ("2", "4Gi", "5"));
        }, TimeSpan.FromSeconds(20), "three nodes with cpu 2, memory 4Gi, pods 5");
    }

    private static string? Capacity(JsonObject node, string resource) => node["status"]?["capacity"]?[resource]?.GetValue<string>();
}
