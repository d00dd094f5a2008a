using System.Threading.Channels;

namespace Flotilla.ApiServer.Controllers;

/// <summary>A small de-duplicating work queue with delayed re-adds, for the built-in loops.</summary>
internal sealed class DelayedQueue<T>(TimeProvider time) where T : notnull
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<T> _pending = [];
    private readonly Lock _gate = new();

    public void Add(T item)
    {
        lock (_gate)
        {
            if (!_pending.Add(item)) return;
        }
        _channel.Writer.TryWrite(item);
    }

    public void AddAfter(T item, TimeSpan delay, CancellationToken ct) =>
        _ = Task.Delay(delay, time, ct).ContinueWith(_ => Add(item), ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    public async ValueTask<T> TakeAsync(CancellationToken ct)
    {
        var item = await _channel.Reader.ReadAsync(ct).ConfigureAwait(false);
        lock (_gate) _pending.Remove(item);
        return item;
    }
}
