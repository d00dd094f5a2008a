using System.Text.Json.Nodes;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Selectors;
using Flotilla.TestKit;

namespace Flotilla.ApiServer.Tests.Core;

public sealed class KubeApiListWatchTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task List_Paging_ReturnsEveryItemOnceWithConsistentRevision()
    {
        await using var t = await TestApi.StartAsync();
        for (var i = 0; i < 25; i++) await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap($"cm-{i:00}"));
        var names = new List<string>();
        string? cont = null;
        long? rev = null;
        var pages = 0;
        do
        {
            var page = await t.Api.ListAsync(t.ConfigMaps, "default", new ListQuery { Limit = 10, Continue = cont }, None);
            rev ??= page.Revision;
            Assert.Equal(rev, page.Revision);
            names.AddRange(page.Items.Select(i => i.ToObject().Name()!));
            if (page.Continue is not null) Assert.Equal(25 - names.Count, page.RemainingItemCount);
            cont = page.Continue;
            pages++;
            // a write between pages must not show up in this list
            if (pages == 1) await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("cm-99"));
        } while (cont is not null);
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"cm-{i:00}"), names);
    }

    [Fact]
    public async Task List_ExpiredContinue_IsGoneExpired()
    {
        await using var t = await TestApi.StartAsync();
        for (var i = 0; i < 5; i++) await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap($"cm-{i}"));
        var first = await t.Api.ListAsync(t.ConfigMaps, "default", new ListQuery { Limit = 2 }, None);
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("later"));
        await t.Api.CompactAsync(0, None);
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => t.Api.ListAsync(t.ConfigMaps, "default", new ListQuery { Limit = 2, Continue = first.Continue }, None));
        Assert.Equal(410, e.Code);
        Assert.Equal(StatusReasons.Expired, e.Reason);
        Assert.StartsWith("The provided continue parameter is too old", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> LabelCases => new()
    {
        { "app=web", ["a"] },
        { "app!=web", ["b", "c"] },
        { "app in (web,db)", ["a", "b"] },
        { "app notin (web)", ["b", "c"] },
        { "tier", ["a", "b"] },
        { "!tier", ["c"] },
    };

    [Theory]
    [MemberData(nameof(LabelCases))]
    public async Task List_LabelSelector_Matches(string selector, string[] expected)
    {
        await using var t = await TestApi.StartAsync();
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a", labels: new() { ["app"] = "web", ["tier"] = "1" }));
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("b", labels: new() { ["app"] = "db", ["tier"] = "2" }));
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("c"));
        var page = await t.Api.ListAsync(t.ConfigMaps, "default", new ListQuery { Labels = LabelSelector.Parse(selector) }, None);
        Assert.Equal(expected, page.Items.Select(i => i.ToObject().Name()!));
    }

    [Fact]
    public async Task List_FieldSelector_MetadataAndPerKind_UnknownIsBadRequest()
    {
        await using var t = await TestApi.StartAsync();
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a"));
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("b"));
        var byName = await t.Api.ListAsync(t.ConfigMaps, null, new ListQuery { Fields = FieldSelector.Parse("metadata.name=b") }, None);
        Assert.Equal("b", Assert.Single(byName.Items).ToObject().Name());
        var ns = await t.Api.ListAsync(t.Namespaces, null, new ListQuery { Fields = FieldSelector.Parse("status.phase=Active,metadata.name=default") }, None);
        Assert.Single(ns.Items);
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => t.Api.ListAsync(t.ConfigMaps, null, new ListQuery { Fields = FieldSelector.Parse("spec.nope=x") }, None));
        Assert.Equal(400, e.Code);
        Assert.Equal("field label not supported: spec.nope", e.Message);
    }

    [Fact]
    public async Task List_ResourceVersionExact_ReadsThePast()
    {
        await using var t = await TestApi.StartAsync();
        var a = (await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a"))).ToObject();
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("b"));
        var past = await t.Api.ListAsync(t.ConfigMaps, "default", new ListQuery { ResourceVersion = a.ResourceVersion(), ResourceVersionMatch = "Exact" }, None);
        Assert.Equal(["a"], past.Items.Select(i => i.ToObject().Name()!));
        var now = await t.Api.ListAsync(t.ConfigMaps, "default", new ListQuery { ResourceVersion = a.ResourceVersion(), ResourceVersionMatch = "NotOlderThan" }, None);
        Assert.Equal(2, now.Items.Count);
    }

    [Fact]
    public async Task Watch_FromResourceVersion_DeliversLaterEventsInOrder()
    {
        await using var t = await TestApi.StartAsync();
        var a = (await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a"))).ToObject();
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("b"));
        await t.Api.DeleteAsync(t.ConfigMaps, "default", "a", DeleteParams.Default, None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        await foreach (var ev in t.Api.WatchAsync(t.ConfigMaps, "default", new ListQuery { ResourceVersion = a.ResourceVersion() }, cts.Token))
        {
            var obj = KubeObject.Parse(ev.Object.Span);
            seen.Add(ev.Type + " " + obj.Name());
            if (seen.Count == 2) break;
        }
        Assert.Equal(["ADDED b", "DELETED a"], seen);
    }

    [Fact]
    public async Task Watch_Selector_SendsAddedAndDeletedOnTransitions()
    {
        await using var t = await TestApi.StartAsync();
        var start = await t.Api.Storage.CurrentRevisionAsync(None);
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a"));
        await t.Api.PatchAsync(t.ConfigMaps, "default", "a", PatchType.Merge, """{"metadata":{"labels":{"app":"x"}}}"""u8.ToArray(), null, new WriteParams(), None);
        await t.Api.PatchAsync(t.ConfigMaps, "default", "a", PatchType.Merge, """{"data":{"k":"2"}}"""u8.ToArray(), null, new WriteParams(), None);
        await t.Api.PatchAsync(t.ConfigMaps, "default", "a", PatchType.Merge, """{"metadata":{"labels":{"app":null}}}"""u8.ToArray(), null, new WriteParams(), None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        var q = new ListQuery { ResourceVersion = start.ToString(System.Globalization.CultureInfo.InvariantCulture), Labels = LabelSelector.Parse("app=x") };
        await foreach (var ev in t.Api.WatchAsync(t.ConfigMaps, "default", q, cts.Token))
        {
            seen.Add(ev.Type);
            if (seen.Count == 3) break;
        }
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], seen);
    }

    [Fact]
    public async Task Watch_Bookmarks_CarryProgress()
    {
        await using var t = await TestApi.StartAsync(o => o.BookmarkInterval = TimeSpan.FromMilliseconds(50));
        var cm = (await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a"))).ToObject();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var ev in t.Api.WatchAsync(t.ConfigMaps, "default", new ListQuery { ResourceVersion = cm.ResourceVersion(), AllowBookmarks = true }, cts.Token))
        {
            Assert.Equal(WatchEventType.Bookmark, ev.Type);
            var obj = KubeObject.Parse(ev.Object.Span);
            Assert.Equal("ConfigMap", obj.Kind());
            Assert.Equal(cm.ResourceVersion(), obj.ResourceVersion());
            break;
        }
    }

    [Fact]
    public async Task Watch_CompactedRevision_SendsErrorWith410()
    {
        await using var t = await TestApi.StartAsync();
        var a = (await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a"))).ToObject();
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("b"));
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("c"));
        await t.Api.CompactAsync(0, None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<WatchItem>();
        await foreach (var ev in t.Api.WatchAsync(t.ConfigMaps, "default", new ListQuery { ResourceVersion = a.ResourceVersion() }, cts.Token)) events.Add(ev);
        var error = Assert.Single(events);
        Assert.Equal(WatchEventType.Error, error.Type);
        var status = KubeObject.Parse(error.Object.Span);
        Assert.Equal(410, (int)status["code"]!);
        Assert.Equal(StatusReasons.Expired, status.GetString("reason"));
    }

    [Fact]
    public async Task Watch_NoResourceVersion_StartsWithCurrentStateAsAdded()
    {
        await using var t = await TestApi.StartAsync();
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("existing"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var ev in t.Api.WatchAsync(t.ConfigMaps, "default", ListQuery.Everything, cts.Token))
            {
                lock (seen) seen.Add(ev.Type + " " + KubeObject.Parse(ev.Object.Span).Name());
                if (seen.Count == 2) return;
            }
        });
        await Eventually.UntilAsync(() => { lock (seen) return seen.Count >= 1; }, TimeSpan.FromSeconds(5), "initial ADDED arrives");
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("new"));
        await watching.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["ADDED existing", "ADDED new"], seen);
    }
}
