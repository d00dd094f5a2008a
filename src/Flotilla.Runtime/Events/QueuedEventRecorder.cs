using System.Text.Json.Nodes;
using System.Threading.Channels;
using Flotilla.Core;

namespace Flotilla.Runtime.Events;

/// <summary>
/// Hands events to a background writer, as client-go's event broadcaster does, so a controller's worker goes on
/// to its next object instead of waiting for the Event to be written. The queue is bounded: when the writer falls
/// <see cref="Capacity"/> events behind, recording waits for room (events are never dropped). Dispose drains what
/// is queued.
/// </summary>
public sealed class QueuedEventRecorder : IEventRecorder, IAsyncDisposable, IDisposable
{
    public const int Capacity = 1024;

    private readonly IEventRecorder _inner;
    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });
    private readonly Task _writer;

    public QueuedEventRecorder(IEventRecorder inner)
    {
        _inner = inner;
        _writer = Task.Run(WriteAllAsync);
    }

    public async Task RecordAsync(JsonObject involved, string type, string reason, string message, CancellationToken ct)
    {
        // The involved object's identity is read now: the caller may change or reuse the object afterwards.
        var item = new Item(Snapshot(involved), type, reason, message);
        if (_queue.Writer.TryWrite(item)) return;
        try { await _queue.Writer.WriteAsync(item, ct).ConfigureAwait(false); }
        catch (ChannelClosedException) { }
    }

    /// <summary>Completes when every event queued so far has been written (tests, shutdown).</summary>
    public Task DrainAsync() => _writer;

    private async Task WriteAllAsync()
    {
        await foreach (var i in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            await _inner.RecordAsync(i.Involved, i.Type, i.Reason, i.Message, CancellationToken.None).ConfigureAwait(false);
    }

    private static JsonObject Snapshot(JsonObject involved)
    {
        var meta = new JsonObject { ["name"] = involved.Name() };
        if (involved.Namespace() is { Length: > 0 } ns) meta["namespace"] = ns;
        if (involved.Uid() is { } uid) meta["uid"] = uid;
        if (involved.ResourceVersion() is { } rv) meta["resourceVersion"] = rv;
        return new JsonObject { ["apiVersion"] = involved.ApiVersion(), ["kind"] = involved.Kind(), ["metadata"] = meta };
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed record Item(JsonObject Involved, string Type, string Reason, string Message);
}
