namespace Flotilla.Storage.Engine;

/// <summary>
/// The in-memory read model shared by the backends: the latest entry of every key, a window of recent events, the
/// current revision and the compact revision, all behind one lock so that a read sees one consistent revision.
/// Reads at the latest revision never touch history; reads at an older revision inside the window are rebuilt from
/// the latest index and the first change to each key after that revision. Methods named Try… return false when the
/// revision lies below the window, so the caller (SQLite) can fall back to its log.
/// </summary>
public sealed class IndexedState
{
    private readonly Lock _lock = new();
    private readonly LatestIndex _latest = new();
    private readonly EventWindow _window;
    private long _revision;
    private long _compactRevision;

    public IndexedState(long revision = 0, long compactRevision = 0)
    {
        _revision = revision;
        _compactRevision = compactRevision;
        _window = new EventWindow(revision);
    }

    public long Revision
    {
        get
        {
            lock (_lock)
            {
                return _revision;
            }
        }
    }

    public long CompactRevision
    {
        get
        {
            lock (_lock)
            {
                return _compactRevision;
            }
        }
    }

    /// <summary>The oldest revision the window can answer for (reads and watches at or above it).</summary>
    public long WindowFloor
    {
        get
        {
            lock (_lock)
            {
                return _window.Floor;
            }
        }
    }

    public int WindowCount
    {
        get
        {
            lock (_lock)
            {
                return _window.Count;
            }
        }
    }

    public int KeyCount
    {
        get
        {
            lock (_lock)
            {
                return _latest.Count;
            }
        }
    }

    /// <summary>Loads one live entry (start-up only, before any reader).</summary>
    public void Load(KeyValue entry)
    {
        lock (_lock)
        {
            _latest.Put(entry);
        }
    }

    /// <summary>The latest entry of <paramref name="key"/> (the writer's view for compare-and-swap).</summary>
    public KeyValue? Latest(string key)
    {
        lock (_lock)
        {
            return _latest.Get(key);
        }
    }

    /// <summary>
    /// The latest entry of <paramref name="key"/> without taking the lock. Only for the single thread that calls
    /// <see cref="Apply"/>: nothing else changes the index, and concurrent readers only read it.
    /// </summary>
    public KeyValue? LatestFromApplier(string key) => _latest.Get(key);

    /// <summary>Decides and applies one write atomically, publishing its event before the lock is released so that
    /// watchers receive events in revision order.</summary>
    public WriteResult Write(in WriteOp op, WatchBroadcaster broadcaster)
    {
        lock (_lock)
        {
            var current = _latest.Get(op.Key);
            if (!WriteRules.TryDecide(op, current, _revision + 1, out var change))
            {
                return WriteRules.Failed(_revision, current);
            }

            ApplyLocked(change);
            broadcaster.Publish([change]);
            return WriteRules.Succeeded(change);
        }
    }

    /// <summary>Applies committed events (revisions increasing, each above the current revision).</summary>
    public void Apply(IReadOnlyList<StorageEvent> changes)
    {
        lock (_lock)
        {
            foreach (var change in changes)
            {
                ApplyLocked(change);
            }
        }
    }

    /// <summary>Sets the current revision without an event (e.g. after start-up, from the log's sequence).</summary>
    public void AdvanceRevision(long revision)
    {
        lock (_lock)
        {
            if (revision > _revision)
            {
                _revision = revision;
                if (_window.Count == 0)
                {
                    _window.Reset(revision);
                }
            }
        }
    }

    /// <summary>Raises the compact revision and drops window events at or below it.</summary>
    public void Compact(long revision)
    {
        lock (_lock)
        {
            if (revision > _compactRevision)
            {
                _compactRevision = revision;
                _window.TrimTo(revision);
            }
        }
    }

    /// <summary>Keeps at most <paramref name="maxEvents"/> events in the window (the floor rises; nothing is compacted).</summary>
    public void TrimWindow(int maxEvents)
    {
        lock (_lock)
        {
            _window.TrimToCount(maxEvents);
        }
    }

    /// <summary>The revision of the event that would leave <paramref name="keep"/> events in the window, or 0.</summary>
    public long RevisionKeeping(int keep)
    {
        lock (_lock)
        {
            var drop = _window.Count - keep;
            if (drop <= 0)
            {
                return 0;
            }

            return _window.RevisionAt(drop - 1);
        }
    }

    public bool TryGet(string key, long atRevision, out ReadResult result)
    {
        lock (_lock)
        {
            var at = CheckRevisionLocked(atRevision);
            if (at == _revision)
            {
                result = new ReadResult(_latest.Get(key), _revision, _compactRevision);
                return true;
            }

            if (at < _window.Floor)
            {
                result = default;
                return false;
            }

            var first = _window.FirstChangeAfter(key, at);
            var entry = first is null ? _latest.Get(key) : first.Previous;
            result = new ReadResult(entry, _revision, _compactRevision);
            return true;
        }
    }

    public bool TryList(string prefix, string? continueAfter, int limit, long atRevision, out ListResult result)
    {
        lock (_lock)
        {
            var at = CheckRevisionLocked(atRevision);
            if (at == _revision)
            {
                var (page, remaining) = _latest.Page(prefix, continueAfter, limit);
                result = new ListResult(page, remaining > 0, _revision, _compactRevision, remaining);
                return true;
            }

            if (at < _window.Floor)
            {
                result = null!;
                return false;
            }

            result = ListAtLocked(prefix, continueAfter, limit, at);
            return true;
        }
    }

    /// <summary>Events under <paramref name="prefix"/> after <paramref name="afterRevision"/>, at most
    /// <paramref name="maxCount"/>; false when they are no longer all in the window.</summary>
    public bool TryEventsAfter(string prefix, long afterRevision, int maxCount, out List<StorageEvent> events)
    {
        lock (_lock)
        {
            if (afterRevision < _compactRevision)
            {
                throw new CompactedException(afterRevision, _compactRevision);
            }

            if (afterRevision < _window.Floor)
            {
                events = [];
                return false;
            }

            events = _window.After(prefix, afterRevision, maxCount);
            return true;
        }
    }

    /// <summary>Validates a read revision (0 = latest) and returns the revision to read at.</summary>
    public long CheckReadRevision(long atRevision)
    {
        lock (_lock)
        {
            return CheckRevisionLocked(atRevision);
        }
    }

    private long CheckRevisionLocked(long atRevision)
    {
        if (atRevision <= 0)
        {
            return _revision;
        }

        if (atRevision > _revision)
        {
            throw new FutureRevisionException(atRevision, _revision);
        }

        if (atRevision < _compactRevision)
        {
            throw new CompactedException(atRevision, _compactRevision);
        }

        return atRevision;
    }

    private ListResult ListAtLocked(string prefix, string? continueAfter, int limit, long at)
    {
        var firsts = _window.FirstChangesAfter(prefix, at);
        var then = new Dictionary<string, KeyValue?>(firsts.Count, StringComparer.Ordinal);
        foreach (var (key, change) in firsts)
        {
            then[key] = change.Previous;
        }

        var (page, remaining) = HistoryMerge.Page(_latest.Range(prefix, continueAfter), then, continueAfter, limit);
        return new ListResult(page, remaining > 0, at, _compactRevision, remaining);
    }

    /// <summary>The latest entries under <paramref name="prefix"/> after <paramref name="continueAfter"/>, copied,
    /// with the revision they are at.</summary>
    public (List<KeyValue> Entries, long Revision) SnapshotRange(string prefix, string? continueAfter)
    {
        lock (_lock)
        {
            return ([.. _latest.Range(prefix, continueAfter)], _revision);
        }
    }

    private void ApplyLocked(StorageEvent change)
    {
        if (change.Kind == WatchEventKind.Put)
        {
            _latest.Put(change.Entry);
        }
        else
        {
            _latest.Remove(change.Entry.Key);
        }

        _window.Append(change);
        _revision = change.Revision;
    }
}
