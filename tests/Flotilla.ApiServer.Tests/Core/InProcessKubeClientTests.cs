using System.Text.Json.Nodes;
using Flotilla.ApiServer.Client;
using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.ApiServer.Tests.Core;

public sealed class InProcessKubeClientTests
{
    private static readonly GroupVersionResource ConfigMaps = new("", "v1", "configmaps");
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Crud_ReturnsCopiesWithServerMetadata()
    {
        await using var t = await TestApi.StartAsync();
        var client = new InProcessKubeClient(t.Api);
        var input = TestApi.ConfigMap("a");
        var created = await client.CreateAsync(ConfigMaps, input, null, None);
        Assert.Null(input.Uid());
        Assert.NotNull(created.ResourceVersion());
        created["data"] = new JsonObject { ["k"] = "2" };
        var updated = await client.UpdateAsync(ConfigMaps, created, null, None);
        Assert.NotEqual(created.ResourceVersion(), updated.ResourceVersion());
        var stale = await Assert.ThrowsAsync<ApiStatusException>(() => client.UpdateAsync(ConfigMaps, created, null, None));
        Assert.True(stale.IsConflict);
        var patched = await client.PatchAsync(ConfigMaps, "default", "a", PatchType.Merge, """{"data":{"p":"q"}}""", null, None);
        Assert.Equal("q", (patched["data"] as JsonObject).GetString("p"));
        var list = await client.ListAsync(ConfigMaps, "default", new ListOptions { LabelSelector = "" }, None);
        Assert.Single(list.Items);
        Assert.NotNull(await client.DeleteAsync(ConfigMaps, "default", "a", null, None));
        Assert.Null(await client.GetAsync(ConfigMaps, "default", "a", None));
        Assert.Null(await client.DeleteAsync(ConfigMaps, "default", "a", null, None));
    }

    [Fact]
    public async Task Discovery_AndWatch()
    {
        await using var t = await TestApi.StartAsync();
        var client = new InProcessKubeClient(t.Api);
        var pp = await client.ResolveAsync(new GroupVersionKind("policy.karmada.io", "v1alpha1", "PropagationPolicy"), None);
        Assert.Equal("propagationpolicies", pp.Plural);
        Assert.Contains(await client.DiscoverAsync(None), r => r.Plural == "works");
        var list = await client.ListAsync(ConfigMaps, "default", null, None);
        await client.CreateAsync(ConfigMaps, TestApi.ConfigMap("w"), null, None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var ev in client.WatchAsync(ConfigMaps, "default", new ListOptions { ResourceVersion = list.ResourceVersion }, cts.Token))
        {
            Assert.Equal(WatchEventType.Added, ev.Type);
            Assert.Equal("w", ev.Object.Name());
            break;
        }
    }
}
