using System.Threading.Channels;

namespace Flotilla.Storage.Engine;

/// <summary>
/// One watcher's queue. The writer offers batches without ever blocking; once more than the limit of events wait
/// undelivered the subscription is closed with <see cref="WatchOverflowException"/>.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchBatch> _channel = Channel.CreateUnbounded<WatchBatch>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private readonly WatchBroadcaster _owner;
    private readonly int _maxPendingEvents;
    private int _pendingEvents;
    private int _closed;

    internal WatchSubscription(WatchBroadcaster owner, string prefix, int maxPendingEvents)
    {
        _owner = owner;
        Prefix = prefix;
        _maxPendingEvents = maxPendingEvents;
    }

    public string Prefix { get; }

    /// <summary>Events offered but not yet taken by the reader.</summary>
    public int PendingEvents => Volatile.Read(ref _pendingEvents);

    public ChannelReader<WatchBatch> Reader => _channel.Reader;

    /// <summary>Takes the next batch if one is queued.</summary>
    public bool TryTake(out WatchBatch batch)
    {
        if (_channel.Reader.TryRead(out batch!))
        {
            Interlocked.Add(ref _pendingEvents, -batch.Events.Count);
            return true;
        }

        return false;
    }

    public void Dispose()
    {
        Close(null);
    }

    /// <summary>Offers a batch already filtered for this subscription's prefix.</summary>
    internal void Offer(WatchBatch batch)
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            return;
        }

        var pending = Interlocked.Add(ref _pendingEvents, batch.Events.Count);
        if (pending > _maxPendingEvents)
        {
            StorageMetrics.WatchOverflows.Add(1);
            Close(new WatchOverflowException(pending, _maxPendingEvents));
            return;
        }

        _channel.Writer.TryWrite(batch);
    }

    internal void Close(Exception? error)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _owner.Remove(this);
        _channel.Writer.TryComplete(error);
    }
}
