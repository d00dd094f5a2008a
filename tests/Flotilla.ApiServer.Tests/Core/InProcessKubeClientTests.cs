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
    public async Task Update_LeavesTheCallersObjectAsItWas()
    {
        await using var t = await TestApi.StartAsync();
        var client = new InProcessKubeClient(t.Api);
        var created = await client.CreateAsync(ConfigMaps, TestApi.ConfigMap("a"), null, None);
        created.Remove("apiVersion");
        created.Remove("kind");
        created["data"] = new JsonObject { ["k"] = "2", ["empty"] = null };
        var before = created.ToJsonString();
        var updated = await client.UpdateAsync(ConfigMaps, created, null, None);
        Assert.Equal(before, created.ToJsonString()); // no type meta filled in, no nulls dropped, no resourceVersion moved
        Assert.Equal("v1", updated.GetString("apiVersion"));
        Assert.Equal("2", (updated["data"] as JsonObject).GetString("k"));
    }

    [Fact]
    public async Task StatusWrite_WithOnlyMetadataAndStatus_KeepsTheRestOfTheObject()
    {
        await using var t = await TestApi.StartAsync();
        var client = new InProcessKubeClient(t.Api);
        var deployments = new GroupVersionResource("apps", "v1", "deployments");
        var d = await client.CreateAsync(deployments, TestApi.Deployment("d"), null, None);
        // what ObjectWriter.UpdateStatusIfChangedAsync sends: type meta, metadata and the new status, no spec
        var envelope = new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["metadata"] = d["metadata"]!.DeepClone(),
            ["status"] = new JsonObject { ["replicas"] = 1 },
        };
        await client.UpdateAsync(deployments, envelope, new WriteOptions { Subresource = "status" }, None);
        var stored = (await client.GetAsync(deployments, "default", "d", None))!;
        Assert.Equal(1, (int)stored["status"]!["replicas"]!);
        Assert.True(JsonNode.DeepEquals(d["spec"], stored["spec"]));
        Assert.Equal(d.Generation(), stored.Generation());
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
        var created = await client.CreateAsync(ConfigMaps, TestApi.ConfigMap("w"), null, None);
        var deleted = await client.DeleteAsync(ConfigMaps, "default", "w", null, None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<(string Type, string? Name, string? Rv, string? ApiVersion)>();
        await foreach (var ev in client.WatchAsync(ConfigMaps, "default", new ListOptions { ResourceVersion = list.ResourceVersion }, cts.Token))
        {
            seen.Add((ev.Type, ev.Object.Name(), ev.Object.ResourceVersion(), ev.Object.GetString("apiVersion")));
            if (seen.Count == 2) break;
        }
        // the objects are built from the stored ones: served version, and the resourceVersion of each change
        Assert.Equal((WatchEventType.Added, "w", created.ResourceVersion(), "v1"), seen[0]);
        Assert.Equal(WatchEventType.Deleted, seen[1].Type);
        Assert.Equal("w", seen[1].Name);
        Assert.True(long.Parse(seen[1].Rv!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(created.ResourceVersion()!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
