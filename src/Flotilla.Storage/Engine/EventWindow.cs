namespace Flotilla.Storage.Engine;

/// <summary>
/// The events after a floor revision, in revision order. It holds every event with revision &gt; <see cref="Floor"/>,
/// so any state at a revision &gt;= Floor can be rebuilt from it and the latest index. Not thread-safe;
/// <see cref="IndexedState"/> guards it.
/// </summary>
public sealed class EventWindow
{
    private readonly List<StorageEvent> _events = [];
    private int _start;

    public EventWindow(long floor) => Floor = floor;

    /// <summary>Every event with a revision above this one is in the window.</summary>
    public long Floor { get; private set; }

    public int Count => _events.Count - _start;

    /// <summary>The revision of the oldest event held, or 0 when empty.</summary>
    public long OldestRevision => Count == 0 ? 0 : _events[_start].Revision;

    /// <summary>The revision of the <paramref name="index"/>-th oldest event held.</summary>
    public long RevisionAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _events[_start + index].Revision;
    }

    /// <summary>Appends an event; revisions must increase.</summary>
    public void Append(StorageEvent change) => _events.Add(change);

    /// <summary>Forgets events at or below <paramref name="revision"/> and raises the floor to it.</summary>
    public void TrimTo(long revision)
    {
        if (revision <= Floor)
        {
            return;
        }

        _start = FirstAfter(revision);
        Floor = revision;
        Pack();
    }

    /// <summary>Keeps at most <paramref name="maxCount"/> events, raising the floor to the last one dropped.</summary>
    public void TrimToCount(int maxCount)
    {
        if (Count <= maxCount)
        {
            return;
        }

        var drop = Count - maxCount;
        Floor = _events[_start + drop - 1].Revision;
        _start += drop;
        Pack();
    }

    /// <summary>Drops everything and sets the floor (used when the window is rebuilt).</summary>
    public void Reset(long floor)
    {
        _events.Clear();
        _start = 0;
        Floor = floor;
    }

    /// <summary>Events under <paramref name="prefix"/> with revision &gt; <paramref name="afterRevision"/>, at most
    /// <paramref name="maxCount"/>; requires afterRevision &gt;= Floor.</summary>
    public List<StorageEvent> After(string prefix, long afterRevision, int maxCount)
    {
        var result = new List<StorageEvent>();
        for (var i = FirstAfter(afterRevision); i < _events.Count && result.Count < maxCount; i++)
        {
            var change = _events[i];
            if (KeyOrder.Matches(change.Entry.Key, prefix))
            {
                result.Add(change);
            }
        }

        return result;
    }

    /// <summary>
    /// The first change to each key under <paramref name="prefix"/> after <paramref name="revision"/>: its
    /// <see cref="StorageEvent.Previous"/> is the key's entry at that revision.
    /// </summary>
    public Dictionary<string, StorageEvent> FirstChangesAfter(string prefix, long revision)
    {
        var firsts = new Dictionary<string, StorageEvent>(StringComparer.Ordinal);
        for (var i = FirstAfter(revision); i < _events.Count; i++)
        {
            var change = _events[i];
            if (KeyOrder.Matches(change.Entry.Key, prefix))
            {
                firsts.TryAdd(change.Entry.Key, change);
            }
        }

        return firsts;
    }

    /// <summary>The first change to <paramref name="key"/> after <paramref name="revision"/>, or null.</summary>
    public StorageEvent? FirstChangeAfter(string key, long revision)
    {
        for (var i = FirstAfter(revision); i < _events.Count; i++)
        {
            if (string.Equals(_events[i].Entry.Key, key, StringComparison.Ordinal))
            {
                return _events[i];
            }
        }

        return null;
    }

    private int FirstAfter(long revision)
    {
        int lo = _start, hi = _events.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_events[mid].Revision <= revision)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void Pack()
    {
        // Amortised: move the live tail down only once the dead head is at least as large as it.
        if (_start > 0 && _start >= _events.Count - _start)
        {
            _events.RemoveRange(0, _start);
            _start = 0;
        }
    }
}
