using System.Runtime.CompilerServices;

namespace Flotilla.Storage.Engine;

/// <summary>
/// The watch fan-out shared by the backends. The writer publishes committed events in revision order; each
/// subscription gets the events under its prefix through its own queue, so a slow watcher never slows a write (it is
/// closed with <see cref="WatchOverflowException"/> once it falls too far behind).
/// <see cref="WatchAsync"/> implements the start-up protocol: subscribe first, replay history after the requested
/// revision, then live events, dropping any event at or below the last one sent. Nothing is missed or repeated.
/// </summary>
public sealed class WatchBroadcaster : IDisposable
{
    /// <summary>The default number of undelivered events after which a watcher is closed.</summary>
    public const int DefaultMaxPendingEvents = 10_000;

    private readonly Lock _gate = new();
    private readonly int _maxPendingEvents;
    private WatchSubscription[] _subscriptions = [];
    private bool _disposed;

    public WatchBroadcaster(int maxPendingEvents = DefaultMaxPendingEvents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingEvents, 1);
        _maxPendingEvents = maxPendingEvents;
    }

    public int WatcherCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>
    /// Hands committed events (revisions increasing, and increasing across calls) to every subscription whose prefix
    /// matches. Callers serialise their calls. Never blocks.
    /// </summary>
    public void Publish(IReadOnlyList<StorageEvent> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        // Pairs with the full fence in Subscribe: a subscriber that this call does not see subscribed after the
        // events were applied, so its history read includes them.
        Interlocked.MemoryBarrier();
        var subscriptions = Volatile.Read(ref _subscriptions);
        if (subscriptions.Length == 0)
        {
            return;
        }

        WatchBatch? whole = null;
        foreach (var subscription in subscriptions)
        {
            var batch = Filter(changes, subscription.Prefix, ref whole);
            if (batch is not null)
            {
                subscription.Offer(batch);
            }
        }
    }

    /// <summary>Registers a subscription for keys under <paramref name="prefix"/>.</summary>
    public WatchSubscription Subscribe(string prefix)
    {
        var subscription = new WatchSubscription(this, prefix, _maxPendingEvents);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var next = new WatchSubscription[_subscriptions.Length + 1];
            _subscriptions.CopyTo(next, 0);
            next[^1] = subscription;
            Volatile.Write(ref _subscriptions, next);
        }

        Interlocked.MemoryBarrier();
        return subscription;
    }

    /// <summary>
    /// Runs one watch: subscribes, replays <paramref name="replay"/> (history after <paramref name="afterRevision"/>,
    /// in revision order; it may throw <see cref="CompactedException"/>), then relays live events. Every event sent
    /// has a revision above the previous one.
    /// </summary>
    public async IAsyncEnumerable<WatchBatch> WatchAsync(
        string prefix,
        long afterRevision,
        Func<string, long, CancellationToken, IAsyncEnumerable<IReadOnlyList<StorageEvent>>> replay,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var subscription = Subscribe(prefix);
        var last = afterRevision;

        await foreach (var chunk in replay(prefix, afterRevision, ct).ConfigureAwait(false))
        {
            var fresh = After(chunk, last);
            if (fresh is not null)
            {
                last = fresh.Events[^1].Revision;
                yield return fresh;
            }
        }

        while (await subscription.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (subscription.TryTake(out var batch))
            {
                var fresh = After(batch.Events, last, batch);
                if (fresh is not null)
                {
                    last = fresh.Events[^1].Revision;
                    yield return fresh;
                }
            }
        }
    }

    public void Dispose()
    {
        WatchSubscription[] subscriptions;
        lock (_gate)
        {
            _disposed = true;
            subscriptions = _subscriptions;
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Close(null);
        }
    }

    internal void Remove(WatchSubscription subscription)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_subscriptions, subscription);
            if (index < 0)
            {
                return;
            }

            var next = new WatchSubscription[_subscriptions.Length - 1];
            Array.Copy(_subscriptions, 0, next, 0, index);
            Array.Copy(_subscriptions, index + 1, next, index, _subscriptions.Length - index - 1);
            Volatile.Write(ref _subscriptions, next);
        }
    }

    private static WatchBatch? Filter(IReadOnlyList<StorageEvent> changes, string prefix, ref WatchBatch? whole)
    {
        if (prefix.Length == 0)
        {
            return whole ??= new WatchBatch(changes);
        }

        List<StorageEvent>? some = null;
        for (var i = 0; i < changes.Count; i++)
        {
            var matches = KeyOrder.Matches(changes[i].Entry.Key, prefix);
            if (some is not null)
            {
                if (matches)
                {
                    some.Add(changes[i]);
                }
            }
            else if (!matches)
            {
                // First mismatch: keep the matching run before it and filter from here on.
                some = new List<StorageEvent>(changes.Count);
                for (var j = 0; j < i; j++)
                {
                    some.Add(changes[j]);
                }
            }
        }

        if (some is null)
        {
            return whole ??= new WatchBatch(changes);
        }

        return some.Count == 0 ? null : new WatchBatch(some);
    }

    private static WatchBatch? After(IReadOnlyList<StorageEvent> changes, long last, WatchBatch? original = null)
    {
        if (changes.Count == 0 || changes[^1].Revision <= last)
        {
            return null;
        }

        if (changes[0].Revision > last)
        {
            return original ?? new WatchBatch(changes);
        }

        var fresh = new List<StorageEvent>(changes.Count);
        foreach (var change in changes)
        {
            if (change.Revision > last)
            {
                fresh.Add(change);
            }
        }

        return new WatchBatch(fresh);
    }
}
