using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Flotilla.Storage.Engine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Storage.Sqlite;

/// <summary>
/// The default, durable storage backend: a kine-shaped append-only log in one SQLite file (see
/// <see cref="SqliteSchema"/>).
/// <para>
/// Writes go through one writer connection owned by one loop that commits whatever writes are queued in a single
/// transaction (group commit), so concurrent clients share the cost of a commit. The writer decides
/// compare-and-swap against the in-memory latest index, which it alone changes; the UNIQUE(name, prev_revision)
/// constraint backs that up in the database. A write is acknowledged only after its transaction has committed and
/// the in-memory index has been updated, so a client reads its own writes.
/// </para>
/// <para>
/// Reads at the latest revision are served from the in-memory index, reads at recent revisions from the in-memory
/// event window, and older reads from the log with SQL. Watches replay from the window or the log and then follow
/// the writer's events through <see cref="WatchBroadcaster"/>.
/// </para>
/// <para>
/// Durability: the database runs in WAL mode with synchronous=NORMAL. A commit appends the transaction to the WAL
/// file with write(2) before it returns; the data is then in the operating system's page cache, which belongs to
/// the kernel, not to the process. Killing the process (kill -9) therefore loses no acknowledged write: the next
/// open replays the WAL. What NORMAL gives up is only the fsync at each commit, i.e. durability against power loss
/// or a kernel crash, where the last transactions before the failure may roll back (the database stays consistent).
/// Set <see cref="SqliteStorageOptions.SynchronousFull"/> for that stronger guarantee.
/// </para>
/// Values are kept by reference: callers must not change a buffer after writing it.
/// </summary>
public sealed partial class SqliteStorageBackend : IStorageBackend
{
    private const int ReplayChunk = 1000;

    private readonly string _path;
    private readonly SqliteStorageOptions _options;
    private readonly ILogger _logger;
    private readonly SqliteConnection _writer;
    private readonly FileStream? _lockFile;
    private readonly string _readConnectionString;
    private readonly IndexedState _state;
    private readonly WatchBroadcaster _broadcaster;
    private readonly Dictionary<string, long> _tombstones;
    private readonly Channel<PendingWork> _queue = Channel.CreateUnbounded<PendingWork>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writerLoop;
    private readonly Task _compactionLoop;
    private readonly Task _checkpointLoop;
    private readonly SemaphoreSlim _compactGate = new(1, 1);
    private SqliteCommand? _insert;
    private int _disposed;

    private SqliteStorageBackend(
        string path,
        SqliteStorageOptions options,
        ILogger logger,
        SqliteConnection writer,
        string readConnectionString,
        IndexedState state,
        Dictionary<string, long> tombstones,
        FileStream? lockFile)
    {
        _lockFile = lockFile;
        _path = path;
        _options = options;
        _logger = logger;
        _writer = writer;
        _readConnectionString = readConnectionString;
        _state = state;
        _tombstones = tombstones;
        _broadcaster = new WatchBroadcaster(options.MaxPendingWatchEvents);
        _writerLoop = Task.Run(RunWriterAsync);
        _compactionLoop = options.CompactInterval > TimeSpan.Zero ? Task.Run(RunCompactionAsync) : Task.CompletedTask;
        _checkpointLoop = options.CheckpointInterval > TimeSpan.Zero ? Task.Run(RunCheckpointsAsync) : Task.CompletedTask;
    }

    /// <summary>The database file.</summary>
    public string Path => _path;

    /// <summary>Live keys (for tests and diagnostics).</summary>
    public int KeyCount => _state.KeyCount;

    /// <summary>Open watches (for tests and diagnostics).</summary>
    public int WatcherCount => _broadcaster.WatcherCount;

    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/>, loads the latest entry of every key into
    /// memory and starts the writer.
    /// </summary>
    public static async Task<SqliteStorageBackend> OpenAsync(string path, SqliteStorageOptions? options, ILogger? logger, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new SqliteStorageOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.EventWindow);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CompactBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.RetainedRevisions);
        logger ??= NullLogger.Instance;

        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var writerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        var readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();

        // One writer per database: a second server on the same file would keep its own index and diverge.
        var lockFile = options.LockFile ? AcquireLock(full) : null;
        var writer = new SqliteConnection(writerConnectionString);
        try
        {
            await writer.OpenAsync(ct).ConfigureAwait(false);
            var busyMs = (long)options.BusyTimeout.TotalMilliseconds;
            await ExecuteAsync(writer, $"PRAGMA busy_timeout = {busyMs};", ct).ConfigureAwait(false);
            await ExecuteAsync(writer, "PRAGMA journal_mode = WAL;", ct).ConfigureAwait(false);
            await ExecuteAsync(writer, options.SynchronousFull ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;", ct).ConfigureAwait(false);
            await ExecuteAsync(writer, "PRAGMA temp_store = MEMORY;", ct).ConfigureAwait(false);
            if (options.CheckpointInterval > TimeSpan.Zero)
            {
                // The background checkpointer keeps the WAL short; this only bounds it (~80 MB) should that fail.
                await ExecuteAsync(writer, "PRAGMA wal_autocheckpoint = 20000;", ct).ConfigureAwait(false);
            }

            await ExecuteAsync(writer, SqliteSchema.Create, ct).ConfigureAwait(false);

            var revision = await ScalarAsync(writer, SqliteSchema.MaxRevision, ct).ConfigureAwait(false);
            var compact = await ScalarAsync(writer, SqliteSchema.ReadCompactRevision, ct).ConfigureAwait(false);
            var state = new IndexedState(revision, compact);
            var tombstones = new Dictionary<string, long>(StringComparer.Ordinal);
            using (var load = writer.CreateCommand())
            {
                load.CommandText = SqliteSchema.LatestRows;
                using var reader = await load.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var id = reader.GetInt64(0);
                    var name = reader.GetString(1);
                    if (reader.GetInt64(3) != 0)
                    {
                        tombstones[name] = id;
                        continue;
                    }

                    state.Load(new KeyValue(name, ReadBlob(reader, 4), reader.GetInt64(2), id));
                }
            }

            var backend = new SqliteStorageBackend(full, options, logger, writer, readConnectionString, state, tombstones, lockFile);
            LogOpened(logger, full, state.KeyCount, revision, compact);
            return backend;
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            if (lockFile is not null)
            {
                await lockFile.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private static FileStream AcquireLock(string databasePath)
    {
        var lockPath = databasePath + ".lock";
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Unix); the OS drops it when the process dies,
            // so a killed server never leaves a stale lock behind.
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new StorageLockedException($"the database {databasePath} is in use by another Flotilla process (lock {lockPath})", ex);
        }
    }

    public ValueTask<long> CurrentRevisionAsync(CancellationToken ct)
    {
        ThrowIfDisposed();
        return ValueTask.FromResult(_state.Revision);
    }

    public async ValueTask<ReadResult> GetAsync(string key, long atRevision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(atRevision);
        ThrowIfDisposed();
        if (_state.TryGet(key, atRevision, out var result))
        {
            return result;
        }

        var at = _state.CheckReadRevision(atRevision);
        KeyValue? entry = null;
        var connection = await OpenReaderAsync(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.GetAt;
            command.Parameters.AddWithValue("$name", key);
            command.Parameters.AddWithValue("$rev", at);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (await reader.ReadAsync(ct).ConfigureAwait(false) && reader.GetInt64(2) == 0)
            {
                entry = new KeyValue(key, ReadBlob(reader, 3), reader.GetInt64(1), reader.GetInt64(0));
            }
        }

        EnsureNotCompacted(at);
        return new ReadResult(entry, _state.Revision, _state.CompactRevision);
    }

    public async ValueTask<ListResult> ListAsync(string prefix, string? continueAfter, int limit, long atRevision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(atRevision);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ThrowIfDisposed();
        if (_state.TryList(prefix, continueAfter, limit, atRevision, out var result))
        {
            return result;
        }

        // Below the window: the latest entries (copied first) merged with each changed key's entry at `at`, read
        // from the log. The log is read after the copy, so it covers every change the copy includes.
        var at = _state.CheckReadRevision(atRevision);
        var (latest, _) = _state.SnapshotRange(prefix, continueAfter);
        var then = new Dictionary<string, KeyValue?>(StringComparer.Ordinal);
        var connection = await OpenReaderAsync(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = RangeCommand(connection, SqliteSchema.ChangedSince, prefix, continueAfter, at);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var name = reader.GetString(0);
                then[name] = reader.IsDBNull(1)
                    ? null
                    : new KeyValue(name, ReadBlob(reader, 3), reader.GetInt64(2), reader.GetInt64(1));
            }
        }

        EnsureNotCompacted(at);
        var (page, remaining) = HistoryMerge.Page(latest, then, continueAfter, limit);
        return new ListResult(page, remaining > 0, at, _state.CompactRevision, remaining);
    }

    public ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct) =>
        EnqueueAsync(new WriteOp(WriteKind.Create, key, value, 0), ct);

    public ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken ct) =>
        EnqueueAsync(new WriteOp(WriteKind.Update, key, value, expectedModRevision), ct);

    public ValueTask<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken ct) =>
        EnqueueAsync(new WriteOp(WriteKind.Delete, key, ReadOnlyMemory<byte>.Empty, expectedModRevision), ct);

    public IAsyncEnumerable<WatchBatch> WatchAsync(string prefix, long afterRevision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        ThrowIfDisposed();
        return _broadcaster.WatchAsync(prefix, afterRevision, ReplayAsync, ct);
    }

    /// <summary>
    /// Compacts the log up to <paramref name="toRevision"/> in batches of <see cref="SqliteStorageOptions.CompactBatchSize"/>
    /// revisions, each its own transaction on the writer, so writes carry on in between.
    /// </summary>
    public async ValueTask<long> CompactAsync(long toRevision, CancellationToken ct)
    {
        ThrowIfDisposed();
        var current = _state.Revision;
        if (toRevision > current)
        {
            throw new FutureRevisionException(toRevision, current);
        }

        await _compactGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var from = _state.CompactRevision;
            while (from < toRevision)
            {
                var step = Math.Min(toRevision, from + _options.CompactBatchSize);
                var work = new PendingWork(from, step);
                if (!_queue.Writer.TryWrite(work))
                {
                    throw new ObjectDisposedException(nameof(SqliteStorageBackend));
                }

                await work.Completion.Task.ConfigureAwait(false);
                from = step;
            }

            LogCompacted(_logger, toRevision);
            return _state.CompactRevision;
        }
        finally
        {
            _compactGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        try
        {
            // Yield rather than continue inline on the loops' threads: the caller's code must not run on (and be
            // rooted by) the writer loop's stack.
            await _writerLoop.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            await _compactionLoop.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            await _checkpointLoop.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
        finally
        {
            _broadcaster.Dispose();
            _insert?.Dispose();
            await _writer.DisposeAsync().ConfigureAwait(false);
            using (var pooled = new SqliteConnection(_readConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            _stopping.Dispose();
            if (_lockFile is not null)
            {
                await _lockFile.DisposeAsync().ConfigureAwait(false);
            }

            _compactGate.Dispose();
        }
    }

    private ValueTask<WriteResult> EnqueueAsync(WriteOp op, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(op.Key);
        ct.ThrowIfCancellationRequested();
        ThrowIfDisposed();

        // Once queued, a write is not cancelled: it may already be committing.
        var work = new PendingWork(op);
        if (!_queue.Writer.TryWrite(work))
        {
            throw new ObjectDisposedException(nameof(SqliteStorageBackend));
        }

        return new ValueTask<WriteResult>(work.Result.Task);
    }

    private async Task RunWriterAsync()
    {
        var batch = new List<PendingWork>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _options.MaxBatchSize && reader.TryPeek(out var next))
            {
                if (next.IsCompaction)
                {
                    if (batch.Count > 0)
                    {
                        break;
                    }

                    reader.TryRead(out _);
                    RunCompactionStep(next);
                    continue;
                }

                reader.TryRead(out _);
                batch.Add(next);
            }

            if (batch.Count > 0)
            {
                try
                {
                    CommitBatch(batch);
                }
                catch (Exception ex)
                {
                    // Loop boundary: whatever went wrong, no caller may wait forever and the writer must go on.
                    LogWriteFailed(_logger, ex, batch.Count);
                    foreach (var work in batch)
                    {
                        work.Result.TrySetException(new StorageWriteException("the write failed", ex));
                    }
                }

                batch.Clear();
            }
        }
    }

    private void CommitBatch(List<PendingWork> batch)
    {
        var revision = _state.Revision;
        var overlay = new Dictionary<string, KeyValue?>(StringComparer.Ordinal);
        var changes = new List<StorageEvent>(batch.Count);
        var prevRevisions = new List<long>(batch.Count);
        var results = new WriteResult[batch.Count];

        for (var i = 0; i < batch.Count; i++)
        {
            var op = batch[i].Op;
            var current = overlay.TryGetValue(op.Key, out var pending) ? pending : _state.LatestFromApplier(op.Key);
            if (!WriteRules.TryDecide(op, current, revision + 1, out var change))
            {
                results[i] = WriteRules.Failed(revision, current);
                continue;
            }

            revision++;
            long prev;
            if (op.Kind == WriteKind.Create)
            {
                // After a delete, the new row supersedes the tombstone (kine's shape); a first create supersedes nothing.
                prev = _tombstones.GetValueOrDefault(op.Key);
                if (overlay.ContainsKey(op.Key))
                {
                    prev = FindTombstoneInBatch(changes, op.Key, prev);
                }
            }
            else
            {
                prev = current!.ModRevision;
            }

            overlay[op.Key] = change.Kind == WatchEventKind.Put ? change.Entry : null;
            changes.Add(change);
            prevRevisions.Add(prev);
            results[i] = WriteRules.Succeeded(change);
        }

        if (changes.Count > 0)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                Persist(changes, prevRevisions);
            }
            catch (Exception ex)
            {
                // Loop boundary: fail this batch, keep the writer alive for the next one.
                LogWriteFailed(_logger, ex, changes.Count);
                foreach (var work in batch)
                {
                    work.Result.TrySetException(new StorageWriteException("the write could not be committed", ex));
                }

                return;
            }

            StorageMetrics.CommitDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            StorageMetrics.CommitBatchSize.Record(changes.Count);
            StorageMetrics.WritesCommitted.Add(changes.Count);
            _state.Apply(changes);
            foreach (var change in changes)
            {
                if (change.Kind == WatchEventKind.Delete)
                {
                    _tombstones[change.Entry.Key] = change.Revision;
                }
                else if (change.IsCreate)
                {
                    _tombstones.Remove(change.Entry.Key);
                }
            }

            _broadcaster.Publish(changes);
            _state.TrimWindow(_options.EventWindow);
        }

        if (changes.Count < batch.Count)
        {
            StorageMetrics.WritesRefused.Add(batch.Count - changes.Count);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Result.TrySetResult(results[i]);
        }
    }

    private static long FindTombstoneInBatch(List<StorageEvent> changes, string key, long fallback)
    {
        for (var i = changes.Count - 1; i >= 0; i--)
        {
            if (string.Equals(changes[i].Entry.Key, key, StringComparison.Ordinal))
            {
                return changes[i].Kind == WatchEventKind.Delete ? changes[i].Revision : fallback;
            }
        }

        return fallback;
    }

    private void Persist(List<StorageEvent> changes, List<long> prevRevisions)
    {
        using var transaction = _writer.BeginTransaction(deferred: false);
        var insert = _insert ??= PrepareInsert();
        insert.Transaction = transaction;
        var p = insert.Parameters;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var entry = change.Entry;
            p[0].Value = entry.ModRevision;
            p[1].Value = entry.Key;
            p[2].Value = change.IsCreate ? 1 : 0;
            p[3].Value = change.Kind == WatchEventKind.Delete ? 1 : 0;
            p[4].Value = entry.CreateRevision;
            p[5].Value = prevRevisions[i];
            p[6].Value = Blob(entry.Value);
            p[7].Value = change.Kind == WatchEventKind.Put && change.Previous is { } previous ? Blob(previous.Value) : DBNull.Value;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private SqliteCommand PrepareInsert()
    {
        var command = _writer.CreateCommand();
        command.CommandText = SqliteSchema.Insert;
        foreach (var name in new[] { "$id", "$name", "$created", "$deleted", "$create_revision", "$prev_revision", "$value", "$old_value" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private void RunCompactionStep(PendingWork work)
    {
        try
        {
            // Raise the compact revision before deleting, so a historical read racing with this step re-checks and
            // fails rather than returning a half-deleted state.
            _state.Compact(work.CompactTo);
            using var transaction = _writer.BeginTransaction(deferred: false);
            foreach (var sql in new[] { SqliteSchema.CompactSuperseded, SqliteSchema.CompactTombstones, SqliteSchema.WriteCompactRevision })
            {
                using var command = _writer.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                if (sql != SqliteSchema.WriteCompactRevision)
                {
                    command.Parameters.AddWithValue("$from", work.CompactFrom);
                    command.Parameters.AddWithValue("$to", work.CompactTo);
                }
                else
                {
                    command.Parameters.AddWithValue("$rev", work.CompactTo);
                }

                command.ExecuteNonQuery();
            }

            transaction.Commit();
            StorageMetrics.CompactionSteps.Add(1);

            // Tombstones at or below the compact revision are gone from the log; a later create supersedes nothing.
            List<string>? gone = null;
            foreach (var (name, id) in _tombstones)
            {
                if (id <= work.CompactTo)
                {
                    (gone ??= []).Add(name);
                }
            }

            if (gone is not null)
            {
                foreach (var name in gone)
                {
                    _tombstones.Remove(name);
                }
            }

            work.Completion.TrySetResult();
        }
        catch (Exception ex)
        {
            LogCompactionFailed(_logger, ex, work.CompactTo);
            work.Completion.TrySetException(new StorageWriteException("compaction failed", ex));
        }
    }

    private async Task RunCheckpointsAsync()
    {
        using var timer = new PeriodicTimer(_options.CheckpointInterval, _options.TimeProvider);
        try
        {
            var connection = await OpenReaderAsync(_stopping.Token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var lastRevision = _state.Revision;
                while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
                {
                    var revision = _state.Revision;
                    if (revision == lastRevision)
                    {
                        continue;
                    }

                    lastRevision = revision;
                    try
                    {
                        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(PASSIVE);", _stopping.Token).ConfigureAwait(false);
                    }
                    catch (SqliteException ex)
                    {
                        LogCheckpointFailed(_logger, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Normal shutdown.
        }
    }

    private async Task RunCompactionAsync()
    {
        using var timer = new PeriodicTimer(_options.CompactInterval, _options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    var target = _state.Revision - _options.RetainedRevisions;
                    if (target > _state.CompactRevision)
                    {
                        await CompactAsync(target, _stopping.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogAutoCompactionFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Normal shutdown.
        }
    }

#pragma warning disable CS1998 // the SQL branch awaits; the window branch does not
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
            var fromWindow = _state.TryEventsAfter(prefix, last, ReplayChunk, out var chunk);
            if (!fromWindow)
            {
                chunk = await ReadEventsAsync(prefix, last, ct).ConfigureAwait(false);
                EnsureNotCompacted(last);
            }

            if (chunk.Count == 0)
            {
                yield break;
            }

            last = chunk[^1].Revision;
            yield return chunk;

            // A short chunk from the window means it is exhausted; a short one from SQL may still be followed by
            // events that reached the window meanwhile, so look again.
            if (fromWindow && chunk.Count < ReplayChunk)
            {
                yield break;
            }
        }
    }

    private async Task<List<StorageEvent>> ReadEventsAsync(string prefix, long after, CancellationToken ct)
    {
        var events = new List<StorageEvent>();
        var connection = await OpenReaderAsync(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.EventsAfter;
            command.Parameters.AddWithValue("$after", after);
            command.Parameters.AddWithValue("$low", prefix);
            command.Parameters.AddWithValue("$high", (object?)KeyOrder.PrefixEnd(prefix) ?? DBNull.Value);
            command.Parameters.AddWithValue("$limit", ReplayChunk);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var id = reader.GetInt64(0);
                var name = reader.GetString(1);
                var created = reader.GetInt64(2) != 0;
                var deleted = reader.GetInt64(3) != 0;
                var createRevision = reader.GetInt64(4);
                var prevRevision = reader.GetInt64(5);
                var value = ReadBlob(reader, 6);
                if (deleted)
                {
                    events.Add(new StorageEvent(
                        WatchEventKind.Delete,
                        new KeyValue(name, value, createRevision, id),
                        new KeyValue(name, value, createRevision, prevRevision)));
                }
                else if (created)
                {
                    events.Add(new StorageEvent(WatchEventKind.Put, new KeyValue(name, value, id, id), null));
                }
                else
                {
                    KeyValue? previous = reader.IsDBNull(7) ? null : new KeyValue(name, ReadBlob(reader, 7), createRevision, prevRevision);
                    events.Add(new StorageEvent(WatchEventKind.Put, new KeyValue(name, value, createRevision, id), previous));
                }
            }
        }

        return events;
    }

    private SqliteCommand RangeCommand(SqliteConnection connection, string sql, string prefix, string? after, long at)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$low", prefix);
        command.Parameters.AddWithValue("$high", (object?)KeyOrder.PrefixEnd(prefix) ?? DBNull.Value);
        command.Parameters.AddWithValue("$after", after ?? string.Empty);
        command.Parameters.AddWithValue("$rev", at);
        return command;
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void EnsureNotCompacted(long revision)
    {
        var compact = _state.CompactRevision;
        if (revision < compact)
        {
            throw new CompactedException(revision, compact);
        }
    }

    private static object Blob(ReadOnlyMemory<byte> value)
    {
        // Bind the caller's array directly when the memory spans all of it; otherwise one copy is unavoidable.
        if (MemoryMarshal.TryGetArray(value, out var segment) && segment.Array is not null
            && segment.Offset == 0 && segment.Count == segment.Array.Length)
        {
            return segment.Array;
        }

        return value.ToArray();
    }

    private static ReadOnlyMemory<byte> ReadBlob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? ReadOnlyMemory<byte>.Empty : reader.GetFieldValue<byte[]>(ordinal);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened SQLite storage {Path}: {Keys} keys, revision {Revision}, compact revision {CompactRevision}")]
    private static partial void LogOpened(ILogger logger, string path, int keys, long revision, long compactRevision);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Compacted storage to revision {Revision}")]
    private static partial void LogCompacted(ILogger logger, long revision);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage write batch of {Count} changes failed to commit")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage compaction to revision {Revision} failed")]
    private static partial void LogCompactionFailed(ILogger logger, Exception exception, long revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL checkpoint failed")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automatic storage compaction failed")]
    private static partial void LogAutoCompactionFailed(ILogger logger, Exception exception);

    /// <summary>A queued write, or a compaction step (which runs on the writer connection between batches).</summary>
    private sealed class PendingWork
    {
        public PendingWork(WriteOp op)
        {
            Op = op;
            Result = new TaskCompletionSource<WriteResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            Completion = null!;
        }

        public PendingWork(long compactFrom, long compactTo)
        {
            IsCompaction = true;
            CompactFrom = compactFrom;
            CompactTo = compactTo;
            Result = null!;
            Completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public bool IsCompaction { get; }

        public WriteOp Op { get; }

        public long CompactFrom { get; }

        public long CompactTo { get; }

        public TaskCompletionSource<WriteResult> Result { get; }

        public TaskCompletionSource Completion { get; }
    }
}
