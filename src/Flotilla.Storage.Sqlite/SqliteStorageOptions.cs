namespace Flotilla.Storage.Sqlite;

/// <summary>Settings of <see cref="SqliteStorageBackend"/>.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The most writes committed in one transaction (group commit).</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>How long a connection waits for a lock held by another connection before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Use synchronous=FULL (an fsync per commit) instead of NORMAL. NORMAL already survives a crash of the process;
    /// FULL also survives power loss or a kernel crash, at a large cost in write latency.
    /// </summary>
    public bool SynchronousFull { get; set; }

    /// <summary>
    /// How often a background connection checkpoints the WAL into the database file (PASSIVE: it never blocks the
    /// writer). The writer's own automatic checkpoint is pushed far out, so commits do not pay for the checkpoint's
    /// fsyncs. <see cref="TimeSpan.Zero"/> leaves checkpoints to SQLite's default (on the writer, every 1000 pages).
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Recent events held in memory to serve watches and reads at recent revisions without SQL.</summary>
    public int EventWindow { get; set; } = 20_000;

    /// <summary>How often history is compacted automatically; <see cref="TimeSpan.Zero"/> disables it.</summary>
    public TimeSpan CompactInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Revisions of history kept by automatic compaction.</summary>
    public long RetainedRevisions { get; set; } = 10_000;

    /// <summary>Revisions compacted per transaction, so compaction never holds the writer for long.</summary>
    public int CompactBatchSize { get; set; } = 1000;

    /// <summary>Undelivered events after which a watcher is closed with <see cref="WatchOverflowException"/>.</summary>
    public int MaxPendingWatchEvents { get; set; } = Engine.WatchBroadcaster.DefaultMaxPendingEvents;

    /// <summary>
    /// Hold an exclusive lock on <c>PATH.lock</c> while open, so that a second process cannot open the same database
    /// as a second writer (its in-memory index would silently diverge).
    /// </summary>
    public bool LockFile { get; set; } = true;

    /// <summary>Clock for the automatic compaction timer.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
