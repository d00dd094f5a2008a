using System.Runtime.CompilerServices;
using Flotilla.Storage.Engine;

namespace Flotilla.Storage.Memory;

/// <summary>
/// A storage backend that lives in memory: for unit tests and simulated member clusters. It has the same semantics
/// as the durable backends (revisions, compare-and-swap, reads at a revision, watch, compaction) but loses
/// everything when disposed. Values are kept by reference: callers must not change a buffer after writing it.
/// </summary>
public sealed class MemoryStorageBackend : IStorageBackend
{
    private const int ReplayChunk = 1000;

    private readonly IndexedState _state = new();
    private readonly WatchBroadcaster _broadcaster;
    private readonly int _retained;
    private int _disposed;

    public MemoryStorageBackend()
        : this(null)
    {
    }

    public MemoryStorageBackend(MemoryStorageOptions? options)
    {
        options ??= new MemoryStorageOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.RetainedRevisions);
        _retained = options.RetainedRevisions;
        _broadcaster = new WatchBroadcaster(options.MaxPendingWatchEvents);
    }

    /// <summary>Live keys (for tests and diagnostics).</summary>
    public int KeyCount => _state.KeyCount;

    /// <summary>Open watches (for tests and diagnostics).</summary>
    public int WatcherCount => _broadcaster.WatcherCount;

    public ValueTask<long> CurrentRevisionAsync(CancellationToken ct)
    {
        ThrowIfDisposed();
        return ValueTask.FromResult(_state.Revision);
    }

    public ValueTask<ReadResult> GetAsync(string key, long atRevision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(atRevision);
        ThrowIfDisposed();
        if (!_state.TryGet(key, atRevision, out var result))
        {
            // The window is the whole history above the compact revision; CheckReadRevision throws for anything older.
            _state.CheckReadRevision(atRevision);
            throw new InvalidOperationException("history window out of step with the compact revision");
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<ListResult> ListAsync(string prefix, string? continueAfter, int limit, long atRevision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(atRevision);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ThrowIfDisposed();
        if (!_state.TryList(prefix, continueAfter, limit, atRevision, out var result))
        {
            _state.CheckReadRevision(atRevision);
            throw new InvalidOperationException("history window out of step with the compact revision");
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct) =>
        WriteAsync(new WriteOp(WriteKind.Create, key, value, 0), ct);

    public ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken ct) =>
        WriteAsync(new WriteOp(WriteKind.Update, key, value, expectedModRevision), ct);

    public ValueTask<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken ct) =>
        WriteAsync(new WriteOp(WriteKind.Delete, key, ReadOnlyMemory<byte>.Empty, expectedModRevision), ct);

    public IAsyncEnumerable<WatchBatch> WatchAsync(string prefix, long afterRevision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        ThrowIfDisposed();
        return _broadcaster.WatchAsync(prefix, afterRevision, ReplayAsync, ct);
    }

    public ValueTask<long> CompactAsync(long toRevision, CancellationToken ct)
    {
        ThrowIfDisposed();
        var current = _state.Revision;
        if (toRevision > current)
        {
            throw new FutureRevisionException(toRevision, current);
        }

        _state.Compact(toRevision);
        return ValueTask.FromResult(_state.CompactRevision);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _broadcaster.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private ValueTask<WriteResult> WriteAsync(WriteOp op, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(op.Key);
        ct.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        var result = _state.Write(op, _broadcaster);
        (result.Succeeded ? StorageMetrics.WritesCommitted : StorageMetrics.WritesRefused).Add(1);
        if (result.Succeeded && _retained > 0 && _state.WindowCount > _retained + (_retained / 4))
        {
            var to = _state.RevisionKeeping(_retained);
            if (to > 0)
            {
                _state.Compact(to);
            }
        }

        return ValueTask.FromResult(result);
    }

#pragma warning disable CS1998 // an iterator over in-memory history has nothing to await
    private async IAsyncEnumerable<IReadOnlyList<StorageEvent>> ReplayAsync(
        string prefix,
        long afterRevision,
        [EnumeratorCancellation] CancellationToken ct)
#pragma warning restore CS1998
    {
        var last = afterRevision;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (!_state.TryEventsAfter(prefix, last, ReplayChunk, out var events))
            {
                // Only reachable when compaction overtook the replay.
                throw new CompactedException(last, _state.CompactRevision);
            }

            if (events.Count == 0)
            {
                yield break;
            }

            last = events[^1].Revision;
            yield return events;
            if (events.Count < ReplayChunk)
            {
                yield break;
            }
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
