namespace Flotilla.Storage;

/// <summary>
/// A revisioned key-value store with watch, in etcd's shape. One global, strictly increasing revision; every
/// write gets the next one. Keys are "/registry/..." strings; values are raw UTF-8 JSON.
/// Reads and watches below the compact revision throw <see cref="CompactedException"/>.
/// </summary>
public interface IStorageBackend : IAsyncDisposable
{
    ValueTask<long> CurrentRevisionAsync(CancellationToken ct);

    /// <summary>Reads one key at <paramref name="atRevision"/> (0 = latest).</summary>
    ValueTask<ReadResult> GetAsync(string key, long atRevision, CancellationToken ct);

    /// <summary>Lists keys starting with <paramref name="prefix"/> in key order, after <paramref name="continueAfter"/>
    /// (exclusive), at most <paramref name="limit"/> (0 = no limit), at <paramref name="atRevision"/> (0 = latest).</summary>
    ValueTask<ListResult> ListAsync(string prefix, string? continueAfter, int limit, long atRevision, CancellationToken ct);

    /// <summary>Creates the key; fails (Succeeded=false, Current = the existing entry) if it exists.</summary>
    ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct);

    /// <summary>Replaces the value if the key's mod revision equals <paramref name="expectedModRevision"/>.</summary>
    ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken ct);

    /// <summary>Deletes the key if its mod revision equals <paramref name="expectedModRevision"/> (0 = unconditional).</summary>
    ValueTask<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken ct);

    /// <summary>Every change under <paramref name="prefix"/> with revision &gt; <paramref name="afterRevision"/>, in order,
    /// never missing or repeating one; batches group events of one revision range. Throws CompactedException if
    /// afterRevision is below the compact revision.</summary>
    IAsyncEnumerable<WatchBatch> WatchAsync(string prefix, long afterRevision, CancellationToken ct);

    /// <summary>Drops history at or below <paramref name="toRevision"/>; returns the new compact revision.</summary>
    ValueTask<long> CompactAsync(long toRevision, CancellationToken ct);
}

/// <summary>A stored entry: the key, its value, the revision that created it and the one that last modified it.</summary>
public sealed record KeyValue(string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision);

public readonly record struct ReadResult(KeyValue? Entry, long CurrentRevision, long CompactRevision);

public sealed record ListResult(IReadOnlyList<KeyValue> Entries, bool More, long Revision, long CompactRevision, long RemainingCount);

/// <summary>Outcome of a conditional write. On failure, <see cref="Current"/> is the entry as it is now (null if absent).</summary>
public readonly record struct WriteResult(bool Succeeded, long Revision, KeyValue? Current);

public enum WatchEventKind { Put, Delete }

/// <summary>One change: for Put the new entry (CreateRevision == ModRevision means created); for Delete the entry
/// as it was before deletion with ModRevision = the deletion's revision. <see cref="Previous"/> is the prior value when known.</summary>
public sealed record StorageEvent(WatchEventKind Kind, KeyValue Entry, KeyValue? Previous)
{
    public long Revision => Entry.ModRevision;
    public bool IsCreate => Kind == WatchEventKind.Put && Entry.CreateRevision == Entry.ModRevision;
}

public sealed record WatchBatch(IReadOnlyList<StorageEvent> Events);

/// <summary>Thrown when a read or watch asks for a revision that compaction removed (API: 410 Gone).</summary>
public sealed class CompactedException(long requested, long compactRevision)
    : Exception($"required revision {requested} has been compacted (compact revision {compactRevision})")
{
    public long Requested { get; } = requested;
    public long CompactRevision { get; } = compactRevision;
}

/// <summary>Thrown when a read asks for a revision newer than the store has (API: 504 / "Too large resource version").</summary>
public sealed class FutureRevisionException(long requested, long current)
    : Exception($"Too large resource version: {requested}, current: {current}")
{
    public long Requested { get; } = requested;
    public long Current { get; } = current;
}
