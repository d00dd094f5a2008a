using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Runtime.Informers;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Informers;

public sealed class InformerTests
{
    private static readonly GroupVersionResource Cm = FakeResources.ConfigMaps.Gvr;
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly InformerOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(50) };

    private sealed class Recorder : IInformerHandler
    {
        public ConcurrentQueue<string> Events { get; } = new();
        public void OnAdd(JsonObject obj) => Events.Enqueue("add " + obj.Name());
        public void OnUpdate(JsonObject oldObj, JsonObject newObj) =>
            Events.Enqueue((oldObj.ResourceVersion() == newObj.ResourceVersion() ? "resync " : "update ") + newObj.Name());
        public void OnDelete(JsonObject lastKnown) => Events.Enqueue("delete " + lastKnown.Name());
        public string[] Snapshot => [.. Events];
    }

    [Fact]
    public async Task InitialList_FillsCache_AndSyncs()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("a", "one"), TestObjects.ConfigMap("b", "two"), TestObjects.ConfigMap("b", "three"));
        await using var informer = new Informer(client, Cm, options: new InformerOptions { PageSize = 2 });
        var rec = new Recorder();
        informer.AddHandler(rec);
        informer.Start();
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.True(informer.HasSynced);
        Assert.Equal(3, informer.Cache.Count);
        Assert.Equal(["three", "two"], informer.Cache.List("b").Select(o => o.Name()).Order());
        Assert.Equal(["add one", "add three", "add two"], rec.Snapshot.Order());
        Assert.Equal(2, client.Actions.Count(a => a.Verb == FakeVerbs.List)); // two pages
    }

    [Fact]
    public async Task WatchEvents_AreDeliveredInOrder()
    {
        var client = new FakeKubeClient();
        await using var informer = new Informer(client, Cm, "ns");
        var rec = new Recorder();
        informer.AddHandler(rec);
        informer.Start();
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await TestObjects.EventuallyAsync(() => client.OpenWatchCount == 1);

        var a = await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "a"), null, Ct);
        await client.CreateAsync(Cm, TestObjects.ConfigMap("other", "ignored"), null, Ct);
        a["data"] = new JsonObject { ["k"] = "v" };
        await client.UpdateAsync(Cm, a, null, Ct);
        await client.DeleteAsync(Cm, "ns", "a", null, Ct);

        await TestObjects.EventuallyAsync(() => rec.Events.Count == 3);
        Assert.Equal(["add a", "update a", "delete a"], rec.Snapshot);
        Assert.Equal(0, informer.Cache.Count);
    }

    [Fact]
    public async Task Gone_Relists_AndDeletesVanishedObjectsWithLastKnownState()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "keep"), TestObjects.ConfigMap("ns", "vanish"));
        await using var informer = new Informer(client, Cm, options: Fast);
        var rec = new Recorder();
        informer.AddHandler(rec);
        informer.Start();
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await TestObjects.EventuallyAsync(() => client.OpenWatchCount == 1);

        // the watch is lost, and the re-list fails for a while: changes made meanwhile are only seen by the re-list
        var failLists = true;
        client.AddReactor(a => a.Verb == FakeVerbs.List && Volatile.Read(ref failLists) ? new ApiStatusException(500, StatusReasons.InternalError, "down") : null);
        client.ExpireWatches();
        await TestObjects.EventuallyAsync(() => client.Actions.Count(a => a.Verb == FakeVerbs.List) >= 2);
        await client.DeleteAsync(Cm, "ns", "vanish", null, Ct);
        await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "new"), null, Ct);
        Volatile.Write(ref failLists, false);

        await TestObjects.EventuallyAsync(() => informer.Cache.Get("ns", "new") is not null && informer.Cache.Get("ns", "vanish") is null);
        Assert.Equal(["add keep", "add vanish", "add new", "delete vanish"], rec.Snapshot);
        Assert.True(informer.ListCount >= 2);
    }

    [Fact]
    public async Task WatchClosedNormally_ResumesFromLastResourceVersion_WithoutRelist()
    {
        var client = new FakeKubeClient();
        await using var informer = new Informer(client, Cm);
        informer.Start();
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await TestObjects.EventuallyAsync(() => client.OpenWatchCount == 1);
        await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "a"), null, Ct);
        await TestObjects.EventuallyAsync(() => informer.Cache.Count == 1);

        client.CloseWatches();
        await TestObjects.EventuallyAsync(() => client.Actions.Count(a => a.Verb == FakeVerbs.Watch) == 2 && client.OpenWatchCount == 1);
        await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "b"), null, Ct);
        await TestObjects.EventuallyAsync(() => informer.Cache.Count == 2);
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task UnservedResource_IsRetriedUntilServed()
    {
        var client = new FakeKubeClient(resources: [FakeResources.ConfigMaps]);
        await using var informer = new Informer(client, FakeResources.Deployments.Gvr, options: Fast);
        informer.Start();
        await TestObjects.EventuallyAsync(() => client.Actions.Count(a => a.Verb == FakeVerbs.List) >= 2);
        Assert.False(informer.HasSynced);

        client.AddResource(FakeResources.Deployments);
        client.Seed(TestObjects.Deployment("ns", "d"));
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.NotNull(informer.Cache.Get("ns", "d"));
    }

    [Fact]
    public async Task LateHandler_GetsExistingObjectsFirst()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        await using var informer = new Informer(client, Cm);
        informer.Start();
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var rec = new Recorder();
        using var reg = informer.AddHandler(rec);
        Assert.Equal(["add a"], rec.Snapshot);
    }

    [Fact]
    public async Task Indexer_FindsObjectsByLabel()
    {
        var client = new FakeKubeClient();
        client.Seed(
            TestObjects.ConfigMap("ns", "a", labels: new Dictionary<string, string> { ["app"] = "x" }),
            TestObjects.ConfigMap("ns", "b", labels: new Dictionary<string, string> { ["app"] = "y" }));
        await using var informer = new Informer(client, Cm);
        informer.Cache.AddIndexer("app", o => o.Label("app") is { } v ? [v] : []);
        informer.Start();
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal("a", Assert.Single(informer.Cache.ByIndex("app", "x")).Name());

        var b = await client.GetAsync(Cm, "ns", "b", Ct);
        b!.SetLabel("app", "x");
        await client.UpdateAsync(Cm, b!, null, Ct);
        await TestObjects.EventuallyAsync(() => informer.Cache.ByIndex("app", "x").Count == 2);
        Assert.Empty(informer.Cache.ByIndex("app", "y"));
    }

    [Fact]
    public async Task MetadataOnly_CachesMetadataAndADigestThatFollowsContentNotStatus()
    {
        var client = new FakeKubeClient();
        var cm = TestObjects.ConfigMap("ns", "a", data: new Dictionary<string, string> { ["k"] = "v1" }, labels: new Dictionary<string, string> { ["app"] = "x" });
        cm.SetAnnotation("kubectl.kubernetes.io/last-applied-configuration", "{}");
        cm.SetAnnotation("keep", "me");
        client.Seed(cm);
        await using var informer = new Informer(client, Cm, options: new InformerOptions { MetadataOnly = true });
        var rec = new Recorder();
        using var reg = informer.AddHandler(rec);
        informer.Start();
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var cached = informer.Cache.Get("ns", "a")!;
        Assert.Null(cached["data"]);
        Assert.Equal("x", cached.Label("app"));
        Assert.Equal("me", cached.Annotation("keep"));
        Assert.Null(cached.Annotation("kubectl.kubernetes.io/last-applied-configuration"));
        var digest = cached.GetString(InformerOptions.ContentDigestField);
        Assert.False(string.IsNullOrEmpty(digest));

        var live = (await client.GetAsync(Cm, "ns", "a", Ct))!;
        live["data"] = new JsonObject { ["k"] = "v2" };
        await client.UpdateAsync(Cm, live, null, Ct);
        await TestObjects.EventuallyAsync(() => informer.Cache.Get("ns", "a")?.GetString(InformerOptions.ContentDigestField) != digest);
        Assert.Null(informer.Cache.Get("ns", "a")!["data"]);
    }

    [Fact]
    public async Task EnsureIndexer_AddsOnceAndIndexesExistingObjects()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a", labels: new Dictionary<string, string> { ["app"] = "x" }));
        await using var informer = new Informer(client, Cm);
        informer.Start();
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        informer.Cache.EnsureIndexer("app", o => o.Label("app") is { } v ? [v] : []);
        informer.Cache.EnsureIndexer("app", _ => ["other"]); // a second call keeps the first indexer
        Assert.Equal("a", Assert.Single(informer.Cache.ByIndex("app", "x")).Name());
        Assert.Empty(informer.Cache.ByIndex("app", "other"));
        Assert.Throws<InvalidOperationException>(() => informer.Cache.AddIndexer("app", _ => []));
    }

    [Fact]
    public async Task Resync_DeliversUpdatesWithSameResourceVersion()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        await using var informer = new Informer(client, Cm, options: new InformerOptions { ResyncPeriod = TimeSpan.FromMinutes(1) }, time: time);
        var rec = new Recorder();
        informer.AddHandler(rec);
        informer.Start();
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["add a", "resync a"], rec.Snapshot);
    }

    [Fact]
    public async Task Factory_SharesOneInformerPerResourceAndNamespace()
    {
        var client = new FakeKubeClient();
        await using var factory = new SharedInformerFactory(client);
        var a = factory.Get(Cm);
        Assert.Same(a, factory.Get(Cm));
        Assert.NotSame(a, factory.Get(Cm, "ns"));
        Assert.NotSame(a, factory.Get(Cm, null, new InformerOptions { LabelSelector = "x=y" }));
        factory.Start();
        var late = factory.Get(FakeResources.Secrets.Gvr);
        await factory.WaitForCacheSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(late.HasSynced);
        Assert.Equal(4, factory.Informers.Count);
    }
}
