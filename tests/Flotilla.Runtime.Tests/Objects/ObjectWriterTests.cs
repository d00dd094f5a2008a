using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime.Objects;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Objects;

public sealed class ObjectWriterTests
{
    private static readonly GroupVersionResource Cm = FakeResources.ConfigMaps.Gvr;
    private static readonly GroupVersionResource Deploy = FakeResources.Deployments.Gvr;
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task CreateOrUpdate_CreatesThenIsIdempotent()
    {
        var client = new FakeKubeClient();
        var desired = TestObjects.ConfigMap("ns", "a", data: new Dictionary<string, string> { ["k"] = "v" }, labels: new Dictionary<string, string> { ["app"] = "x" });

        var first = await ObjectWriter.CreateOrUpdateAsync(client, Cm, desired, null, Ct);
        Assert.Equal(OperationResult.Created, first.Result);
        client.ClearActions();

        var second = await ObjectWriter.CreateOrUpdateAsync(client, Cm, desired, null, Ct);
        Assert.Equal(OperationResult.Unchanged, second.Result);
        Assert.Empty(client.WriteActions);
    }

    [Fact]
    public async Task CreateOrUpdate_KeepsServerSetAndForeignFields_UpdatesChangedOnes()
    {
        var client = new FakeKubeClient();
        var live = TestObjects.Deployment("ns", "d", replicas: 1);
        live["spec"]!["strategy"] = new JsonObject { ["type"] = "RollingUpdate" }; // as if defaulted by the server
        live.SetAnnotation("someone.else/note", "keep");
        client.Seed(live);

        var desired = TestObjects.Deployment("ns", "d", replicas: 1);
        Assert.Equal(OperationResult.Unchanged, (await ObjectWriter.CreateOrUpdateAsync(client, Deploy, desired, null, Ct)).Result);

        desired["spec"]!["replicas"] = 3;
        var updated = await ObjectWriter.CreateOrUpdateAsync(client, Deploy, desired, null, Ct);
        Assert.Equal(OperationResult.Updated, updated.Result);
        Assert.Equal(3, updated.Object["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("RollingUpdate", updated.Object["spec"]!["strategy"]!["type"]!.GetValue<string>());
        Assert.Equal("keep", updated.Object.Annotation("someone.else/note"));
    }

    [Fact]
    public async Task CreateOrUpdate_WithMutate_UsesIt()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a", data: new Dictionary<string, string> { ["old"] = "x" }));
        var desired = TestObjects.ConfigMap("ns", "a");
        void Mutate(JsonObject o) => o["data"] = new JsonObject { ["new"] = "y" };

        var r1 = await ObjectWriter.CreateOrUpdateAsync(client, Cm, desired, Mutate, Ct);
        Assert.Equal(OperationResult.Updated, r1.Result);
        Assert.Equal("""{"new":"y"}""", r1.Object["data"]!.ToJsonString());
        Assert.Equal(OperationResult.Unchanged, (await ObjectWriter.CreateOrUpdateAsync(client, Cm, desired, Mutate, Ct)).Result);
    }

    [Fact]
    public async Task Finalizers_EnsureAndRemove_ReportWrites()
    {
        var client = new FakeKubeClient();
        var obj = await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "a"), null, Ct);

        var added = await ObjectWriter.EnsureFinalizerAsync(client, Cm, obj, "example.com/f", Ct);
        Assert.True(added.Changed);
        client.ClearActions();
        var again = await ObjectWriter.EnsureFinalizerAsync(client, Cm, added.Object, "example.com/f", Ct);
        Assert.False(again.Changed);
        Assert.Empty(client.WriteActions);

        await client.DeleteAsync(Cm, "ns", "a", null, Ct);
        var deleting = (await client.GetAsync(Cm, "ns", "a", Ct))!;
        Assert.False((await ObjectWriter.EnsureFinalizerAsync(client, Cm, deleting, "example.com/other", Ct)).Changed);
        var removed = await ObjectWriter.RemoveFinalizerAsync(client, Cm, deleting, "example.com/f", Ct);
        Assert.True(removed.Changed);
        Assert.Null(await client.GetAsync(Cm, "ns", "a", Ct));
        Assert.False((await ObjectWriter.RemoveFinalizerAsync(client, Cm, removed.Object, "example.com/f", Ct)).Changed);
    }

    [Fact]
    public async Task UpdateStatusIfChanged_WritesOnlyOnChange_ThroughSubresource()
    {
        var client = new FakeKubeClient();
        var d = await client.CreateAsync(Deploy, TestObjects.Deployment("ns", "d"), null, Ct);
        var r1 = await ObjectWriter.UpdateStatusIfChangedAsync(client, Deploy, d, s => s["replicas"] = 1, Ct);
        Assert.True(r1.Changed);
        Assert.Equal(FakeVerbs.Update, client.WriteActions[^1].Verb);
        Assert.Equal("status", client.WriteActions[^1].Subresource);
        client.ClearActions();

        var r2 = await ObjectWriter.UpdateStatusIfChangedAsync(client, Deploy, r1.Object, s => s["replicas"] = 1, Ct);
        Assert.False(r2.Changed);
        Assert.Empty(client.WriteActions);
    }

    [Fact]
    public async Task StaleObject_SurfacesConflict()
    {
        var client = new FakeKubeClient();
        var v1 = await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "a"), null, Ct);
        var v2 = v1.DeepCloneObject();
        v2.SetLabel("x", "y");
        await client.UpdateAsync(Cm, v2, null, Ct);
        var ex = await Assert.ThrowsAsync<ApiStatusException>(() => ObjectWriter.EnsureFinalizerAsync(client, Cm, v1, "example.com/f", Ct));
        Assert.True(ex.IsConflict);
    }

    [Fact]
    public async Task RetryOnConflict_RetriesUntilSuccess_AndGivesUpAfterSteps()
    {
        var attempts = 0;
        var result = await ConflictRetry.RetryOnConflictAsync(_ =>
        {
            attempts++;
            return attempts < 3 ? throw ApiErrors.Conflict("configmaps", "a", "stale") : Task.FromResult(attempts);
        }, Ct, new RetryBackoff(5, TimeSpan.Zero));
        Assert.Equal(3, result);

        var calls = 0;
        await Assert.ThrowsAsync<ApiStatusException>(() => ConflictRetry.RetryOnConflictAsync(_ =>
        {
            calls++;
            throw ApiErrors.Conflict("configmaps", "a", "stale");
        }, Ct, new RetryBackoff(4, TimeSpan.Zero)));
        Assert.Equal(4, calls);

        var other = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => ConflictRetry.RetryOnConflictAsync(_ =>
        {
            other++;
            throw new InvalidOperationException("not a conflict");
        }, Ct, new RetryBackoff(4, TimeSpan.Zero)));
        Assert.Equal(1, other);
    }

    [Fact]
    public async Task CreateOrUpdate_FromCache_NoGet_AndStaleCacheConflicts()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a", data: new Dictionary<string, string> { ["k"] = "v1" }));
        await using var informer = new Flotilla.Runtime.Informers.Informer(client, Cm);
        informer.Start();
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        client.ClearActions();

        var desired = TestObjects.ConfigMap("ns", "a", data: new Dictionary<string, string> { ["k"] = "v1" });
        Assert.Equal(OperationResult.Unchanged, (await ObjectWriter.CreateOrUpdateAsync(client, Cm, desired, null, informer.Cache, Ct)).Result);
        Assert.DoesNotContain(client.Actions, a => a.Verb == FakeVerbs.Get);

        // someone else writes; before the cache catches up our update is rejected
        var live = client.Peek(Cm, "ns", "a")!;
        var cached = informer.Cache.Get("ns", "a")!;
        live["data"]!["k"] = "other";
        await client.UpdateAsync(Cm, live, null, Ct);
        var stale = new Flotilla.Runtime.Informers.ObjectCache();
        stale.Upsert(cached); // a cache that has not seen the other write
        desired["data"]!["k"] = "v2";
        var ex = await Assert.ThrowsAsync<ApiStatusException>(() => ObjectWriter.CreateOrUpdateAsync(client, Cm, desired, null, stale, Ct));
        Assert.True(ex.IsConflict);
    }
}
