using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Fakes;

public sealed class FakeKubeClientTests
{
    private static readonly GroupVersionResource Cm = FakeResources.ConfigMaps.Gvr;
    private static readonly GroupVersionResource Deploy = FakeResources.Deployments.Gvr;
    private readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task Create_SetsServerFields_AndSecondCreateConflicts()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient(time: time);
        var created = await client.CreateAsync(Cm, TestObjects.ConfigMap("ns1", "a"), null, _ct);

        Assert.False(string.IsNullOrEmpty(created.Uid()));
        Assert.Equal("1", created.ResourceVersion());
        Assert.Equal(1, created.Generation());
        Assert.Equal("2026-01-01T00:00:00Z", created.Metadata().GetString("creationTimestamp"));
        var ex = await Assert.ThrowsAsync<ApiStatusException>(() => client.CreateAsync(Cm, TestObjects.ConfigMap("ns1", "a"), null, _ct));
        Assert.True(ex.IsAlreadyExists);
        Assert.Equal(409, ex.Code);
    }

    [Fact]
    public async Task Get_Missing_ReturnsNull()
    {
        var client = new FakeKubeClient();
        Assert.Null(await client.GetAsync(Cm, "ns1", "missing", _ct));
    }

    [Fact]
    public async Task Update_StaleResourceVersion_Conflicts()
    {
        var client = new FakeKubeClient();
        var v1 = await client.CreateAsync(Cm, TestObjects.ConfigMap("ns1", "a"), null, _ct);
        var edit = v1.DeepCloneObject();
        edit["data"] = new JsonObject { ["k"] = "v" };
        var v2 = await client.UpdateAsync(Cm, edit, null, _ct);
        Assert.Equal(2, v2.Generation());

        var stale = v1.DeepCloneObject();
        stale["data"] = new JsonObject { ["k"] = "other" };
        var ex = await Assert.ThrowsAsync<ApiStatusException>(() => client.UpdateAsync(Cm, stale, null, _ct));
        Assert.True(ex.IsConflict);
    }

    [Fact]
    public async Task Update_NoChange_KeepsResourceVersion()
    {
        var client = new FakeKubeClient();
        var v1 = await client.CreateAsync(Cm, TestObjects.ConfigMap("ns1", "a"), null, _ct);
        var v2 = await client.UpdateAsync(Cm, v1, null, _ct);
        Assert.Equal(v1.ResourceVersion(), v2.ResourceVersion());
    }

    [Fact]
    public async Task Update_MetadataOnly_DoesNotBumpGeneration()
    {
        var client = new FakeKubeClient();
        var v1 = await client.CreateAsync(Deploy, TestObjects.Deployment("ns1", "d"), null, _ct);
        v1.SetLabel("x", "y");
        var v2 = await client.UpdateAsync(Deploy, v1, null, _ct);
        Assert.Equal(1, v2.Generation());
        Assert.NotEqual(v1.ResourceVersion(), v2.ResourceVersion());
    }

    [Fact]
    public async Task StatusSubresource_OnlyStatusChanges_MainUpdateKeepsStatus()
    {
        var client = new FakeKubeClient();
        var d = await client.CreateAsync(Deploy, TestObjects.Deployment("ns1", "d"), null, _ct);
        d["status"] = new JsonObject { ["replicas"] = 3 };
        d["spec"]!["replicas"] = 5;
        var afterStatus = await client.UpdateAsync(Deploy, d, new WriteOptions { Subresource = "status" }, _ct);
        Assert.Equal(3, afterStatus["status"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, afterStatus["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, afterStatus.Generation());

        afterStatus["status"] = new JsonObject { ["replicas"] = 99 };
        afterStatus["spec"]!["replicas"] = 7;
        var afterMain = await client.UpdateAsync(Deploy, afterStatus, null, _ct);
        Assert.Equal(3, afterMain["status"]!["replicas"]!.GetValue<int>());
        Assert.Equal(7, afterMain["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, afterMain.Generation());
    }

    [Fact]
    public async Task Create_DropsStatus_ForKindsWithStatusSubresource()
    {
        var client = new FakeKubeClient();
        var d = TestObjects.Deployment("ns1", "d");
        d["status"] = new JsonObject { ["replicas"] = 3 };
        var created = await client.CreateAsync(Deploy, d, null, _ct);
        Assert.Null(created["status"]);
    }

    [Fact]
    public async Task Delete_WithFinalizer_MarksThenRemovingFinalizerDeletes()
    {
        var client = new FakeKubeClient();
        var cm = TestObjects.ConfigMap("ns1", "a");
        cm.AddFinalizer("example.com/f");
        await client.CreateAsync(Cm, cm, null, _ct);

        var marked = await client.DeleteAsync(Cm, "ns1", "a", null, _ct);
        Assert.NotNull(marked);
        Assert.True(marked.IsDeleting());
        var stored = await client.GetAsync(Cm, "ns1", "a", _ct);
        Assert.NotNull(stored);
        Assert.True(stored.IsDeleting());

        stored.RemoveFinalizer("example.com/f");
        await client.UpdateAsync(Cm, stored, null, _ct);
        Assert.Null(await client.GetAsync(Cm, "ns1", "a", _ct));
    }

    [Fact]
    public async Task Delete_Missing_ReturnsNull()
    {
        var client = new FakeKubeClient();
        Assert.Null(await client.DeleteAsync(Cm, "ns1", "nope", null, _ct));
    }

    [Fact]
    public async Task List_LabelAndFieldSelectors_AndPaging()
    {
        var client = new FakeKubeClient();
        client.Seed(
            TestObjects.ConfigMap("a", "one", labels: new Dictionary<string, string> { ["app"] = "x" }),
            TestObjects.ConfigMap("a", "two", labels: new Dictionary<string, string> { ["app"] = "y" }),
            TestObjects.ConfigMap("b", "three", labels: new Dictionary<string, string> { ["app"] = "x" }));

        var byLabel = await client.ListAsync(Cm, null, new ListOptions { LabelSelector = "app=x" }, _ct);
        Assert.Equal(["one", "three"], byLabel.Items.Select(i => i.Name()));

        var byField = await client.ListAsync(Cm, null, new ListOptions { FieldSelector = "metadata.namespace=a,metadata.name!=one" }, _ct);
        Assert.Equal(["two"], byField.Items.Select(i => i.Name()));

        var inNs = await client.ListAsync(Cm, "b", null, _ct);
        Assert.Equal(["three"], inNs.Items.Select(i => i.Name()));

        var page1 = await client.ListAsync(Cm, null, new ListOptions { Limit = 2 }, _ct);
        Assert.Equal(2, page1.Items.Count);
        Assert.NotNull(page1.Continue);
        Assert.Equal(1, page1.RemainingItemCount);
        var page2 = await client.ListAsync(Cm, null, new ListOptions { Limit = 2, Continue = page1.Continue }, _ct);
        Assert.Single(page2.Items);
        Assert.Null(page2.Continue);
        Assert.Equal(page1.ResourceVersion, page2.ResourceVersion);
    }

    [Fact]
    public async Task Watch_FromResourceVersion_ReplaysLaterEventsThenStreams()
    {
        var client = new FakeKubeClient();
        var a = await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "a"), null, _ct);
        await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "b"), null, _ct);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        await using var e = client.WatchAsync(Cm, null, new ListOptions { ResourceVersion = a.ResourceVersion() }, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await e.MoveNextAsync());
        Assert.Equal((WatchEventType.Added, "b"), (e.Current.Type, e.Current.Object.Name()));

        await client.DeleteAsync(Cm, "ns", "a", null, _ct);
        Assert.True(await e.MoveNextAsync());
        Assert.Equal((WatchEventType.Deleted, "a"), (e.Current.Type, e.Current.Object.Name()));
        await cts.CancelAsync();
        Assert.False(await e.MoveNextAsync());
    }

    [Fact]
    public async Task Watch_LabelSelector_ObjectLeavingSelectionIsDeleted()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "other"));
        var rv = client.CurrentRevision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var watch = client.WatchAsync(Cm, null, new ListOptions { ResourceVersion = rv, LabelSelector = "app=x" }, _ct).GetAsyncEnumerator(_ct);
        var first = watch.MoveNextAsync();
        var created = await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "a", labels: new Dictionary<string, string> { ["app"] = "x" }), null, _ct);
        created.SetLabel("app", "y");
        await client.UpdateAsync(Cm, created, null, _ct);

        Assert.True(await first);
        Assert.Equal(WatchEventType.Added, watch.Current.Type);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(WatchEventType.Deleted, watch.Current.Type);
        await watch.DisposeAsync();
    }

    [Fact]
    public async Task Watch_FromCompactedRevision_Throws410()
    {
        var client = new FakeKubeClient();
        await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "a"), null, _ct);
        await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "b"), null, _ct);
        client.CompactHistory();
        var ex = await Assert.ThrowsAsync<ApiStatusException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(Cm, null, new ListOptions { ResourceVersion = "1" }, _ct)) { }
        });
        Assert.True(ex.IsGone);
    }

    [Fact]
    public async Task ExpireWatches_EndsOpenWatchWith410()
    {
        var client = new FakeKubeClient();
        var e = client.WatchAsync(Cm, null, new ListOptions { ResourceVersion = "0" }, _ct).GetAsyncEnumerator(_ct);
        var move = e.MoveNextAsync().AsTask();
        await TestObjects.EventuallyAsync(() => client.OpenWatchCount == 1);
        client.ExpireWatches();
        var ex = await Assert.ThrowsAsync<ApiStatusException>(() => move);
        Assert.True(ex.IsGone);
        Assert.Equal(0, client.OpenWatchCount);
    }

    [Theory]
    [InlineData(PatchType.Merge, """{"data":{"k":"v","gone":null}}""")]
    [InlineData(PatchType.Json, """[{"op":"add","path":"/data/k","value":"v"},{"op":"remove","path":"/data/gone"}]""")]
    public async Task Patch_AppliesMergeAndJsonPatch(PatchType type, string patch)
    {
        var client = new FakeKubeClient();
        await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "a", data: new Dictionary<string, string> { ["gone"] = "x" }), null, _ct);
        var patched = await client.PatchAsync(Cm, "ns", "a", type, patch, null, _ct);
        Assert.Equal("""{"k":"v"}""", patched["data"]!.ToJsonString());
        Assert.Equal(2, patched.Generation());
    }

    [Fact]
    public async Task Patch_WithStaleResourceVersion_Conflicts()
    {
        var client = new FakeKubeClient();
        await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "a"), null, _ct);
        var ex = await Assert.ThrowsAsync<ApiStatusException>(() =>
            client.PatchAsync(Cm, "ns", "a", PatchType.Merge, """{"metadata":{"resourceVersion":"999"},"data":{"k":"v"}}""", null, _ct));
        Assert.True(ex.IsConflict);
    }

    [Fact]
    public async Task Actions_RecordWrites_AndReactorsInjectErrors()
    {
        var client = new FakeKubeClient();
        await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "a"), null, _ct);
        await client.GetAsync(Cm, "ns", "a", _ct);
        Assert.Equal([new FakeAction(FakeVerbs.Create, Cm, null, new ObjectKey("ns", "a"))], client.WriteActions);
        Assert.Equal(2, client.Actions.Count);

        client.AddReactor(a => a.Verb == FakeVerbs.Update ? ApiErrors.Conflict("configmaps", a.Key.Name, "injected") : null);
        var obj = await client.GetAsync(Cm, "ns", "a", _ct);
        await Assert.ThrowsAsync<ApiStatusException>(() => client.UpdateAsync(Cm, obj!, null, _ct));
    }

    [Fact]
    public async Task UnservedResource_Answers404_UntilAdded()
    {
        var client = new FakeKubeClient(resources: [FakeResources.ConfigMaps]);
        var ex = await Assert.ThrowsAsync<ApiStatusException>(() => client.ListAsync(Deploy, null, null, _ct));
        Assert.True(ex.IsNotFound);
        client.AddResource(FakeResources.Deployments);
        Assert.Empty((await client.ListAsync(Deploy, null, null, _ct)).Items);
    }

    [Fact]
    public async Task Update_AddingFinalizerWhileDeleting_IsForbidden()
    {
        var client = new FakeKubeClient();
        var cm = TestObjects.ConfigMap("ns", "a");
        cm.AddFinalizer("example.com/f");
        await client.CreateAsync(Cm, cm, null, _ct);
        var marked = (await client.DeleteAsync(Cm, "ns", "a", null, _ct))!;
        Assert.Equal(2, marked.Generation());
        marked.AddFinalizer("example.com/g");
        var ex = await Assert.ThrowsAsync<ApiStatusException>(() => client.UpdateAsync(Cm, marked, null, _ct));
        Assert.Equal(422, ex.Code);
    }

    [Fact]
    public async Task Watch_FromZero_StartsWithSyntheticAdds()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"), TestObjects.ConfigMap("ns", "b"));
        var e = client.WatchAsync(Cm, "ns", new ListOptions { ResourceVersion = "0" }, _ct).GetAsyncEnumerator(_ct);
        Assert.True(await e.MoveNextAsync());
        Assert.Equal((WatchEventType.Added, "a"), (e.Current.Type, e.Current.Object.Name()));
        Assert.True(await e.MoveNextAsync());
        Assert.Equal((WatchEventType.Added, "b"), (e.Current.Type, e.Current.Object.Name()));
        await e.DisposeAsync();
        await TestObjects.EventuallyAsync(() => client.OpenWatchCount == 0);
    }

    [Fact]
    public async Task Create_GenerateName_And_ClusterScoped()
    {
        var client = new FakeKubeClient();
        var cm = TestObjects.ConfigMap("ns", "");
        cm.Metadata().Remove("name");
        cm.Metadata()["generateName"] = "gen-";
        var created = await client.CreateAsync(Cm, cm, null, _ct);
        Assert.StartsWith("gen-", created.Name(), StringComparison.Ordinal);
        Assert.Equal(9, created.Name()!.Length);

        var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "team-a" } };
        await client.CreateAsync(FakeResources.Namespaces.Gvr, ns, null, _ct);
        Assert.NotNull(await client.GetAsync(FakeResources.Namespaces.Gvr, null, "team-a", _ct));
    }

    [Fact]
    public async Task Patch_StatusSubresource_ChangesOnlyStatus_AndJsonPatchTestOpGuards()
    {
        var client = new FakeKubeClient();
        await client.CreateAsync(Deploy, TestObjects.Deployment("ns", "d", replicas: 2), null, _ct);
        var patched = await client.PatchAsync(Deploy, "ns", "d", PatchType.Merge, """{"spec":{"replicas":9},"status":{"readyReplicas":2}}""",
            new WriteOptions { Subresource = "status" }, _ct);
        Assert.Equal(2, patched["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, patched["status"]!["readyReplicas"]!.GetValue<int>());

        var ex = await Assert.ThrowsAsync<ApiStatusException>(() => client.PatchAsync(Deploy, "ns", "d", PatchType.Json,
            """[{"op":"test","path":"/spec/replicas","value":3},{"op":"replace","path":"/spec/replicas","value":4}]""", null, _ct));
        Assert.Equal(422, ex.Code);
        Assert.Equal(2, client.Peek(Deploy, "ns", "d")!["spec"]!["replicas"]!.GetValue<int>());
    }
}
