using System.Text;
using Flotilla.Storage.Memory;

namespace Flotilla.Storage.Tests;

public sealed class MemoryStorageBackendTests
{
    [Fact]
    public async Task History_beyond_the_retained_revisions_is_compacted_automatically()
    {
        await using var store = new MemoryStorageBackend(new MemoryStorageOptions { RetainedRevisions = 100 });
        var first = await store.CreateAsync("/registry/a/0", Encoding.UTF8.GetBytes("x"), default);
        for (var i = 1; i < 200; i++)
        {
            await store.CreateAsync($"/registry/a/{i}", Encoding.UTF8.GetBytes("x"), default);
        }

        await Assert.ThrowsAsync<CompactedException>(async () => await store.GetAsync("/registry/a/0", first.Revision, default));
        var current = await store.CurrentRevisionAsync(default);
        var recent = await store.ListAsync("/registry/a/", null, 0, current - 50, default);
        Assert.Equal(150, recent.Entries.Count);
        Assert.True(recent.CompactRevision > first.Revision);
    }

    [Fact]
    public async Task A_watcher_that_falls_too_far_behind_is_closed_with_WatchOverflowException()
    {
        await using var store = new MemoryStorageBackend(new MemoryStorageOptions { MaxPendingWatchEvents = 10 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var watch = store.WatchAsync("/registry/", 0, cts.Token).GetAsyncEnumerator(cts.Token);

        // Start the enumeration (subscribe + empty replay) and wait for the first live event.
        await store.CreateAsync("/registry/a/first", Encoding.UTF8.GetBytes("x"), default);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(1, store.WatcherCount);

        for (var i = 0; i < 50; i++)
        {
            var result = await store.CreateAsync($"/registry/a/{i}", Encoding.UTF8.GetBytes("x"), default);
            Assert.True(result.Succeeded);
        }

        Assert.Equal(0, store.WatcherCount);
        var delivered = 0;
        await Assert.ThrowsAsync<WatchOverflowException>(async () =>
        {
            while (await watch.MoveNextAsync())
            {
                delivered += watch.Current.Events.Count;
            }
        });
        Assert.True(delivered <= 10, $"delivered {delivered}");
    }

    [Fact]
    public async Task Disposing_the_store_ends_open_watches()
    {
        var store = new MemoryStorageBackend();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var watch = store.WatchAsync("/registry/", 0, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = watch.MoveNextAsync().AsTask();
        await store.DisposeAsync();
        Assert.False(await next.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Cancelling_a_watch_unsubscribes_it()
    {
        await using var store = new MemoryStorageBackend();
        using var cts = new CancellationTokenSource();
        var watch = store.WatchAsync("/registry/", 0, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = watch.MoveNextAsync().AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        await watch.DisposeAsync();
        Assert.Equal(0, store.WatcherCount);
    }
}
