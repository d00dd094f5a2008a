using Flotilla.Storage.Engine;

namespace Flotilla.Storage.Tests;

public sealed class WatchBroadcasterTests
{
    private static StorageEvent Put(string key, long revision) =>
        new(WatchEventKind.Put, new KeyValue(key, ReadOnlyMemory<byte>.Empty, revision, revision), null);

    private static async IAsyncEnumerable<IReadOnlyList<StorageEvent>> Replay(params StorageEvent[][] chunks)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            yield return chunk;
        }
    }

    [Fact]
    public async Task Live_events_already_replayed_are_dropped_and_order_is_kept()
    {
        using var broadcaster = new WatchBroadcaster();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // The replay covers revisions 3..5; the live stream repeats 4..5 (published while the replay was read)
        // and then continues with 6.
        var replay = Replay([Put("/a/1", 3), Put("/a/2", 4)], [Put("/a/3", 5)]);
        await using var watch = broadcaster.WatchAsync("/a/", 2, (_, _, _) => replay, cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(new long[] { 3, 4 }, watch.Current.Events.Select(e => e.Revision));
        broadcaster.Publish([Put("/a/2", 4), Put("/b/x", 5)]);
        broadcaster.Publish([Put("/a/3", 5), Put("/a/4", 6)]);
        broadcaster.Publish([Put("/b/y", 7), Put("/a/5", 8)]);

        var revisions = new List<long>();
        while (revisions.Count == 0 || revisions[^1] < 8)
        {
            Assert.True(await watch.MoveNextAsync());
            revisions.AddRange(watch.Current.Events.Select(e => e.Revision));
        }

        Assert.Equal(new long[] { 5, 6, 8 }, revisions);
    }

    [Fact]
    public async Task A_batch_is_filtered_to_the_watchers_prefix()
    {
        using var broadcaster = new WatchBroadcaster();
        using var all = broadcaster.Subscribe(string.Empty);
        using var some = broadcaster.Subscribe("/a/");
        using var none = broadcaster.Subscribe("/c/");

        broadcaster.Publish([Put("/a/1", 1), Put("/b/1", 2), Put("/a/2", 3)]);

        Assert.True(all.TryTake(out var everything));
        Assert.Equal(3, everything.Events.Count);
        Assert.True(some.TryTake(out var filtered));
        Assert.Equal(new long[] { 1, 3 }, filtered.Events.Select(e => e.Revision));
        Assert.False(none.TryTake(out _));
        Assert.Equal(0, some.PendingEvents);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Overflow_closes_only_the_slow_watcher_and_never_blocks_the_publisher()
    {
        using var broadcaster = new WatchBroadcaster(maxPendingEvents: 5);
        using var slow = broadcaster.Subscribe("/");
        using var fast = broadcaster.Subscribe("/");
        for (var i = 1; i <= 10; i++)
        {
            broadcaster.Publish([Put("/k", i)]);
            Assert.True(fast.TryTake(out _));
        }

        Assert.Equal(1, broadcaster.WatcherCount);
        var taken = 0;
        var ex = await Assert.ThrowsAsync<WatchOverflowException>(async () =>
        {
            while (await slow.Reader.WaitToReadAsync())
            {
                while (slow.TryTake(out _))
                {
                    taken++;
                }
            }
        });
        Assert.Equal(5, taken);
        Assert.Equal(6, ex.PendingEvents);
    }

    [Fact]
    public async Task Replay_failure_unsubscribes()
    {
        using var broadcaster = new WatchBroadcaster();
        static async IAsyncEnumerable<IReadOnlyList<StorageEvent>> Compacted()
        {
            await Task.Yield();
            throw new CompactedException(1, 5);
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }

        await Assert.ThrowsAsync<CompactedException>(async () =>
        {
            await foreach (var batch in broadcaster.WatchAsync("/", 1, (_, _, _) => Compacted(), default))
            {
                Assert.Fail("no batch expected");
            }
        });
        Assert.Equal(0, broadcaster.WatcherCount);
    }
}
