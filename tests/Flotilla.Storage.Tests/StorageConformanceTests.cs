using System.Text;
using Flotilla.Storage;

namespace Flotilla.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IStorageBackend"/> must have. Each backend inherits this class once.
/// </summary>
public abstract class StorageConformanceTests : IAsyncLifetime
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private IStorageBackend? _store;

    protected IStorageBackend Store => _store ?? throw new InvalidOperationException("not initialised");

    /// <summary>Opens a fresh, empty backend.</summary>
    protected abstract Task<IStorageBackend> OpenAsync();

    public virtual async Task InitializeAsync() => _store = await OpenAsync();

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    protected static ReadOnlyMemory<byte> V(string text) => Encoding.UTF8.GetBytes(text);

    protected static string S(ReadOnlyMemory<byte> value) => Encoding.UTF8.GetString(value.Span);

    protected static string S(KeyValue? entry) => entry is null ? "<none>" : S(entry.Value);

    [Fact]
    public async Task Create_then_get_returns_the_entry_with_the_write_revision()
    {
        var before = await Store.CurrentRevisionAsync(default);
        var created = await Store.CreateAsync("/registry/a/one", V("v1"), default);

        Assert.True(created.Succeeded);
        Assert.True(created.Revision > before);
        Assert.Equal(created.Revision, await Store.CurrentRevisionAsync(default));

        var read = await Store.GetAsync("/registry/a/one", 0, default);
        Assert.NotNull(read.Entry);
        Assert.Equal("v1", S(read.Entry));
        Assert.Equal(created.Revision, read.Entry.CreateRevision);
        Assert.Equal(created.Revision, read.Entry.ModRevision);
        Assert.Equal(created.Revision, read.CurrentRevision);
    }

    [Fact]
    public async Task Get_of_a_missing_key_returns_no_entry()
    {
        await Store.CreateAsync("/registry/a/one", V("v1"), default);
        var read = await Store.GetAsync("/registry/a/two", 0, default);
        Assert.Null(read.Entry);
        Assert.Equal(await Store.CurrentRevisionAsync(default), read.CurrentRevision);
    }

    [Fact]
    public async Task Create_of_an_existing_key_fails_and_returns_the_current_entry()
    {
        var first = await Store.CreateAsync("/registry/a/one", V("v1"), default);
        var second = await Store.CreateAsync("/registry/a/one", V("v2"), default);

        Assert.False(second.Succeeded);
        Assert.NotNull(second.Current);
        Assert.Equal("v1", S(second.Current));
        Assert.Equal(first.Revision, second.Current.ModRevision);
        Assert.Equal(first.Revision, await Store.CurrentRevisionAsync(default));
    }

    [Fact]
    public async Task Update_with_the_right_revision_succeeds_and_keeps_the_create_revision()
    {
        var created = await Store.CreateAsync("/registry/a/one", V("v1"), default);
        var updated = await Store.UpdateAsync("/registry/a/one", V("v2"), created.Revision, default);

        Assert.True(updated.Succeeded);
        Assert.True(updated.Revision > created.Revision);
        var read = await Store.GetAsync("/registry/a/one", 0, default);
        Assert.Equal("v2", S(read.Entry));
        Assert.Equal(created.Revision, read.Entry!.CreateRevision);
        Assert.Equal(updated.Revision, read.Entry.ModRevision);
    }

    [Fact]
    public async Task Update_with_a_stale_revision_fails_and_changes_nothing()
    {
        var created = await Store.CreateAsync("/registry/a/one", V("v1"), default);
        var updated = await Store.UpdateAsync("/registry/a/one", V("v2"), created.Revision, default);
        var stale = await Store.UpdateAsync("/registry/a/one", V("v3"), created.Revision, default);

        Assert.False(stale.Succeeded);
        Assert.Equal("v2", S(stale.Current));
        Assert.Equal(updated.Revision, stale.Current!.ModRevision);
        Assert.Equal(updated.Revision, await Store.CurrentRevisionAsync(default));
        Assert.Equal("v2", S((await Store.GetAsync("/registry/a/one", 0, default)).Entry));
    }

    [Fact]
    public async Task Update_of_a_missing_key_fails_with_no_current_entry()
    {
        var result = await Store.UpdateAsync("/registry/a/none", V("v"), 5, default);
        Assert.False(result.Succeeded);
        Assert.Null(result.Current);
    }

    [Fact]
    public async Task Delete_with_a_stale_revision_fails_and_with_the_right_one_succeeds()
    {
        var created = await Store.CreateAsync("/registry/a/one", V("v1"), default);
        var updated = await Store.UpdateAsync("/registry/a/one", V("v2"), created.Revision, default);

        var stale = await Store.DeleteAsync("/registry/a/one", created.Revision, default);
        Assert.False(stale.Succeeded);
        Assert.Equal("v2", S(stale.Current));

        var deleted = await Store.DeleteAsync("/registry/a/one", updated.Revision, default);
        Assert.True(deleted.Succeeded);
        Assert.True(deleted.Revision > updated.Revision);
        Assert.Equal("v2", S(deleted.Current));
        Assert.Null((await Store.GetAsync("/registry/a/one", 0, default)).Entry);

        var again = await Store.DeleteAsync("/registry/a/one", 0, default);
        Assert.False(again.Succeeded);
        Assert.Null(again.Current);
    }

    [Fact]
    public async Task Unconditional_delete_removes_the_key_and_it_can_be_created_again()
    {
        await Store.CreateAsync("/registry/a/one", V("v1"), default);
        var deleted = await Store.DeleteAsync("/registry/a/one", 0, default);
        Assert.True(deleted.Succeeded);

        var recreated = await Store.CreateAsync("/registry/a/one", V("v2"), default);
        Assert.True(recreated.Succeeded);
        var read = await Store.GetAsync("/registry/a/one", 0, default);
        Assert.Equal("v2", S(read.Entry));
        Assert.Equal(recreated.Revision, read.Entry!.CreateRevision);
    }

    [Fact]
    public async Task Every_successful_write_gets_a_strictly_higher_revision()
    {
        var revisions = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            revisions.Add((await Store.CreateAsync($"/registry/r/{i}", V("x"), default)).Revision);
        }

        revisions.Add((await Store.UpdateAsync("/registry/r/3", V("y"), revisions[3], default)).Revision);
        revisions.Add((await Store.DeleteAsync("/registry/r/4", 0, default)).Revision);

        for (var i = 1; i < revisions.Count; i++)
        {
            Assert.True(revisions[i] > revisions[i - 1], $"revision {revisions[i]} after {revisions[i - 1]}");
        }

        Assert.Equal(revisions[^1], await Store.CurrentRevisionAsync(default));
    }

    [Fact]
    public async Task List_returns_only_keys_under_the_prefix_in_key_order()
    {
        foreach (var key in new[] { "/registry/b/2", "/registry/a/1", "/registry/b/1", "/registry/bb/1", "/registry/b/10", "/registry/c/1" })
        {
            await Store.CreateAsync(key, V(key), default);
        }

        var list = await Store.ListAsync("/registry/b/", null, 0, 0, default);

        Assert.Equal(new[] { "/registry/b/1", "/registry/b/10", "/registry/b/2" }, list.Entries.Select(e => e.Key));
        Assert.Equal(new[] { "/registry/b/1", "/registry/b/10", "/registry/b/2" }, list.Entries.Select(e => S(e.Value)));
        Assert.False(list.More);
        Assert.Equal(0, list.RemainingCount);
        Assert.Equal(await Store.CurrentRevisionAsync(default), list.Revision);
    }

    [Fact]
    public async Task List_pages_with_continue_after_and_limit_and_counts_what_remains()
    {
        for (var i = 0; i < 25; i++)
        {
            await Store.CreateAsync($"/registry/p/{i:D3}", V($"{i}"), default);
        }

        await Store.CreateAsync("/registry/q/000", V("other"), default);

        var seen = new List<string>();
        string? continueAfter = null;
        var remainingSeen = new List<long>();
        while (true)
        {
            var page = await Store.ListAsync("/registry/p/", continueAfter, 10, 0, default);
            seen.AddRange(page.Entries.Select(e => e.Key));
            remainingSeen.Add(page.RemainingCount);
            Assert.Equal(page.RemainingCount > 0, page.More);
            if (!page.More)
            {
                break;
            }

            continueAfter = page.Entries[^1].Key;
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"/registry/p/{i:D3}"), seen);
        Assert.Equal(new long[] { 15, 5, 0 }, remainingSeen);
    }

    [Fact]
    public async Task List_at_an_old_revision_returns_the_state_as_of_that_revision()
    {
        var a = await Store.CreateAsync("/registry/s/a", V("a1"), default);
        var b = await Store.CreateAsync("/registry/s/b", V("b1"), default);
        var snapshot = await Store.CurrentRevisionAsync(default);

        await Store.UpdateAsync("/registry/s/a", V("a2"), a.Revision, default);
        await Store.DeleteAsync("/registry/s/b", b.Revision, default);
        await Store.CreateAsync("/registry/s/c", V("c1"), default);
        await Store.CreateAsync("/registry/s/b", V("b2"), default);

        var old = await Store.ListAsync("/registry/s/", null, 0, snapshot, default);
        Assert.Equal(new[] { "/registry/s/a=a1", "/registry/s/b=b1" }, old.Entries.Select(e => $"{e.Key}={S(e.Value)}"));
        Assert.Equal(snapshot, old.Revision);
        Assert.Equal(new[] { a.Revision, b.Revision }, old.Entries.Select(e => e.ModRevision));

        var oldPage = await Store.ListAsync("/registry/s/", null, 1, snapshot, default);
        Assert.Equal(new[] { "/registry/s/a" }, oldPage.Entries.Select(e => e.Key));
        Assert.True(oldPage.More);
        Assert.Equal(1, oldPage.RemainingCount);
        var oldNext = await Store.ListAsync("/registry/s/", "/registry/s/a", 1, snapshot, default);
        Assert.Equal(new[] { "/registry/s/b=b1" }, oldNext.Entries.Select(e => $"{e.Key}={S(e.Value)}"));
        Assert.False(oldNext.More);

        var now = await Store.ListAsync("/registry/s/", null, 0, 0, default);
        Assert.Equal(new[] { "/registry/s/a=a2", "/registry/s/b=b2", "/registry/s/c=c1" }, now.Entries.Select(e => $"{e.Key}={S(e.Value)}"));
    }

    [Fact]
    public async Task Get_at_an_old_revision_returns_the_value_then()
    {
        var before = await Store.CreateAsync("/registry/g/before", V("x"), default);
        var created = await Store.CreateAsync("/registry/g/a", V("a1"), default);
        var updated = await Store.UpdateAsync("/registry/g/a", V("a2"), created.Revision, default);
        var deleted = await Store.DeleteAsync("/registry/g/a", 0, default);
        await Store.CreateAsync("/registry/g/other", V("x"), default);

        Assert.Null((await Store.GetAsync("/registry/g/a", before.Revision, default)).Entry);
        Assert.Equal("a1", S((await Store.GetAsync("/registry/g/a", created.Revision, default)).Entry));
        var atUpdate = await Store.GetAsync("/registry/g/a", updated.Revision, default);
        Assert.Equal("a2", S(atUpdate.Entry));
        Assert.Equal(created.Revision, atUpdate.Entry!.CreateRevision);
        Assert.Equal(updated.Revision, atUpdate.Entry.ModRevision);
        Assert.Null((await Store.GetAsync("/registry/g/a", deleted.Revision, default)).Entry);
        Assert.Null((await Store.GetAsync("/registry/g/a", 0, default)).Entry);
    }

    [Fact]
    public async Task Reads_above_the_current_revision_throw_FutureRevisionException()
    {
        var created = await Store.CreateAsync("/registry/f/a", V("a1"), default);
        var ex = await Assert.ThrowsAsync<FutureRevisionException>(async () => await Store.GetAsync("/registry/f/a", created.Revision + 10, default));
        Assert.Equal(created.Revision + 10, ex.Requested);
        Assert.Equal(created.Revision, ex.Current);
        await Assert.ThrowsAsync<FutureRevisionException>(async () => await Store.ListAsync("/registry/f/", null, 0, created.Revision + 1, default));
    }

    [Fact]
    public async Task Negative_revisions_and_limits_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Store.GetAsync("/registry/a", -1, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Store.ListAsync("/registry/", null, 0, -1, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Store.ListAsync("/registry/", null, -1, 0, default));
        Assert.Throws<ArgumentOutOfRangeException>(() => Store.WatchAsync("/registry/", -1, default));
    }

    [Fact]
    public async Task Watch_replays_history_after_the_revision_then_delivers_live_events()
    {
        var one = await Store.CreateAsync("/registry/w/1", V("1"), default);
        var two = await Store.CreateAsync("/registry/w/2", V("2"), default);
        var upd = await Store.UpdateAsync("/registry/w/1", V("1b"), one.Revision, default);

        using var cts = new CancellationTokenSource(Deadline);
        await using var watch = Store.WatchAsync("/registry/w/", one.Revision, cts.Token).GetAsyncEnumerator(cts.Token);
        var events = new List<StorageEvent>();
        await ReadUntilAsync(watch, events, e => e.Count >= 2);
        Assert.Equal(new[] { two.Revision, upd.Revision }, events.Select(e => e.Revision));
        Assert.True(events[0].IsCreate);
        Assert.False(events[1].IsCreate);
        Assert.Equal("1", S(events[1].Previous));

        var del = await Store.DeleteAsync("/registry/w/2", 0, default);
        await ReadUntilAsync(watch, events, e => e.Count >= 3);
        Assert.Equal(WatchEventKind.Delete, events[2].Kind);
        Assert.Equal(del.Revision, events[2].Revision);
        Assert.Equal("/registry/w/2", events[2].Entry.Key);
        Assert.Equal("2", S(events[2].Entry));
        Assert.Equal(two.Revision, events[2].Entry.CreateRevision);
    }

    [Fact]
    public async Task Watch_filters_by_prefix()
    {
        var start = await Store.CurrentRevisionAsync(default);
        using var cts = new CancellationTokenSource(Deadline);
        await using var watch = Store.WatchAsync("/registry/x/", start, cts.Token).GetAsyncEnumerator(cts.Token);

        await Store.CreateAsync("/registry/y/1", V("no"), default);
        await Store.CreateAsync("/registry/x/1", V("yes"), default);
        await Store.CreateAsync("/registry/xx/1", V("no"), default);
        await Store.CreateAsync("/registry/x/2", V("yes"), default);

        var events = new List<StorageEvent>();
        await ReadUntilAsync(watch, events, e => e.Count >= 2);
        Assert.Equal(new[] { "/registry/x/1", "/registry/x/2" }, events.Select(e => e.Entry.Key));
    }

    [Fact]
    public async Task Watch_started_mid_way_under_concurrent_writers_sees_exactly_the_later_events()
    {
        const int writers = 8;
        const int perWriter = 200;

        // Half of the writers pause at their midpoint until the watch has started, so events are guaranteed on both
        // sides of the watch's start revision; the other half keep writing throughout.
        var half = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watchStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = 0;
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                if (i == perWriter / 2 && w % 2 == 0)
                {
                    await watchStarted.Task;
                }

                var key = $"/registry/c/{w}-{i}";
                var created = await Store.CreateAsync(key, V($"{i}"), default);
                Assert.True(created.Succeeded);
                if (i % 2 == 1)
                {
                    Assert.True((await Store.UpdateAsync(key, V($"{i}+"), created.Revision, default)).Succeeded);
                }

                if (Interlocked.Increment(ref written) == writers * perWriter / 4)
                {
                    half.TrySetResult();
                }
            }
        })).ToArray();

        await half.Task.WaitAsync(Deadline);
        var from = await Store.CurrentRevisionAsync(default);
        using var cts = new CancellationTokenSource(Deadline);
        await using var watch = Store.WatchAsync("/registry/c/", from, cts.Token).GetAsyncEnumerator(cts.Token);

        // The first MoveNext subscribes and replays; it completes once an event after `from` exists.
        var first = watch.MoveNextAsync().AsTask();
        watchStarted.SetResult();
        await Task.WhenAll(tasks).WaitAsync(Deadline);
        var end = await Store.CurrentRevisionAsync(default);

        Assert.True(await first, "watch ended early");
        var events = new List<StorageEvent>(watch.Current.Events);
        await ReadUntilAsync(watch, events, e => e[^1].Revision >= end);

        var expected = await AllRevisionsAsync(from, end);
        Assert.True(expected.Count >= writers / 2 * perWriter / 2, $"only {expected.Count} writes after the watch start");
        Assert.Equal(expected, events.Select(e => e.Revision).ToList());
        Assert.All(events, e => Assert.StartsWith("/registry/c/", e.Entry.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_compare_and_swap_increments_lose_nothing()
    {
        const int tasks = 8;
        const int incrementsEach = 25;
        await Store.CreateAsync("/registry/counter", V("0"), default);
        var workers = Enumerable.Range(0, tasks).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < incrementsEach; i++)
            {
                while (true)
                {
                    var current = (await Store.GetAsync("/registry/counter", 0, default)).Entry!;
                    var next = int.Parse(S(current.Value), System.Globalization.CultureInfo.InvariantCulture) + 1;
                    var result = await Store.UpdateAsync("/registry/counter", V(next.ToString(System.Globalization.CultureInfo.InvariantCulture)), current.ModRevision, default);
                    if (result.Succeeded)
                    {
                        break;
                    }

                    Assert.NotNull(result.Current);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(Deadline);

        var final = await Store.GetAsync("/registry/counter", 0, default);
        Assert.Equal((tasks * incrementsEach).ToString(System.Globalization.CultureInfo.InvariantCulture), S(final.Entry));
    }

    [Fact]
    public async Task Compaction_makes_older_reads_and_watches_fail_with_CompactedException()
    {
        var a = await Store.CreateAsync("/registry/k/a", V("a1"), default);
        var b = await Store.UpdateAsync("/registry/k/a", V("a2"), a.Revision, default);
        var c = await Store.CreateAsync("/registry/k/b", V("b1"), default);
        var d = await Store.UpdateAsync("/registry/k/a", V("a3"), b.Revision, default);

        var compacted = await Store.CompactAsync(c.Revision, default);
        Assert.Equal(c.Revision, compacted);

        var ex = await Assert.ThrowsAsync<CompactedException>(async () => await Store.GetAsync("/registry/k/a", a.Revision, default));
        Assert.Equal(c.Revision, ex.CompactRevision);
        await Assert.ThrowsAsync<CompactedException>(async () => await Store.ListAsync("/registry/k/", null, 0, b.Revision, default));
        await Assert.ThrowsAsync<CompactedException>(async () =>
        {
            await foreach (var batch in Store.WatchAsync("/registry/k/", a.Revision, default))
            {
                Assert.Fail("a compacted watch must not deliver events");
            }
        });

        // At and above the compact revision everything still answers.
        Assert.Equal("a2", S((await Store.GetAsync("/registry/k/a", c.Revision, default)).Entry));
        var atCompact = await Store.ListAsync("/registry/k/", null, 0, c.Revision, default);
        Assert.Equal(new[] { "a2", "b1" }, atCompact.Entries.Select(e => S(e.Value)));
        Assert.Equal(c.Revision, atCompact.CompactRevision);

        using var cts = new CancellationTokenSource(Deadline);
        await using var watch = Store.WatchAsync("/registry/k/", c.Revision, cts.Token).GetAsyncEnumerator(cts.Token);
        var events = new List<StorageEvent>();
        await ReadUntilAsync(watch, events, e => e.Count >= 1);
        Assert.Equal(new[] { d.Revision }, events.Select(e => e.Revision));

        var e2 = await Store.CreateAsync("/registry/k/c", V("c1"), default);
        Assert.True(e2.Revision > d.Revision);
        Assert.Equal(c.Revision, (await Store.GetAsync("/registry/k/a", 0, default)).CompactRevision);
    }

    [Fact]
    public async Task Compaction_above_the_current_revision_is_refused()
    {
        var a = await Store.CreateAsync("/registry/k/a", V("a1"), default);
        await Assert.ThrowsAsync<FutureRevisionException>(async () => await Store.CompactAsync(a.Revision + 5, default));
    }

    [Fact]
    public async Task Values_are_returned_byte_for_byte()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        await Store.CreateAsync("/registry/bin/a", bytes, default);
        var read = await Store.GetAsync("/registry/bin/a", 0, default);
        Assert.Equal(bytes, read.Entry!.Value.ToArray());
    }

    /// <summary>Every revision in (from, to] whose event touches /registry/c/ — derived from the store's own history
    /// by reading each key's revisions through a replay from <paramref name="from"/>'s list.</summary>
    private async Task<List<long>> AllRevisionsAsync(long from, long to)
    {
        // Each write in the test produced exactly one revision under /registry/c/, so the expected set is every
        // revision in the range that a key under the prefix had as its create or mod revision at some point.
        var now = await Store.ListAsync("/registry/c/", null, 0, 0, default);
        var revisions = new SortedSet<long>();
        foreach (var entry in now.Entries)
        {
            if (entry.CreateRevision > from && entry.CreateRevision <= to)
            {
                revisions.Add(entry.CreateRevision);
            }

            if (entry.ModRevision > from && entry.ModRevision <= to)
            {
                revisions.Add(entry.ModRevision);
            }
        }

        return [.. revisions];
    }

    protected static async Task ReadUntilAsync(
        IAsyncEnumerator<WatchBatch> watch,
        List<StorageEvent> events,
        Func<List<StorageEvent>, bool> done)
    {
        while (!done(events))
        {
            Assert.True(await watch.MoveNextAsync(), "watch ended early");
            foreach (var change in watch.Current.Events)
            {
                if (events.Count > 0)
                {
                    Assert.True(change.Revision > events[^1].Revision, $"event {change.Revision} after {events[^1].Revision}");
                }

                events.Add(change);
            }
        }
    }
}
