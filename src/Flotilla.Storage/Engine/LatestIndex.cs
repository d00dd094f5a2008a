namespace Flotilla.Storage.Engine;

/// <summary>
/// The latest entry of every live key: a hash map for point reads and a sorted set for ordered, prefix-bounded
/// pages. Not thread-safe; <see cref="IndexedState"/> guards it.
/// </summary>
public sealed class LatestIndex
{
    private readonly Dictionary<string, KeyValue> _byKey = new(StringComparer.Ordinal);
    private readonly SortedSet<KeyValue> _sorted = new(KeyOrder.EntryComparer);

    public int Count => _byKey.Count;

    public KeyValue? Get(string key) => _byKey.GetValueOrDefault(key);

    public void Put(KeyValue entry)
    {
        if (_byKey.TryGetValue(entry.Key, out var old))
        {
            _sorted.Remove(old);
        }

        _byKey[entry.Key] = entry;
        _sorted.Add(entry);
    }

    public void Remove(string key)
    {
        if (_byKey.Remove(key, out var old))
        {
            _sorted.Remove(old);
        }
    }

    public void Clear()
    {
        _byKey.Clear();
        _sorted.Clear();
    }

    /// <summary>
    /// The entries under <paramref name="prefix"/> strictly after <paramref name="continueAfter"/>, in key order.
    /// Enumeration starts at the first candidate (a tree seek), not at the start of the set.
    /// </summary>
    public IEnumerable<KeyValue> Range(string prefix, string? continueAfter)
    {
        var view = View(prefix, continueAfter, out var skip);
        return view is null ? [] : Walk(view, prefix, skip);
    }

    /// <summary>One page: at most <paramref name="limit"/> entries (0 = all) and how many more follow it.</summary>
    public (List<KeyValue> Page, long Remaining) Page(string prefix, string? continueAfter, int limit)
    {
        var view = View(prefix, continueAfter, out var skip);
        if (view is null)
        {
            return ([], 0);
        }

        // The view's count is exact for the range [low, upper]; take out the bounds that do not belong to the answer.
        long total = view.Count;
        if (skip is not null && _byKey.ContainsKey(skip))
        {
            total--;
        }

        var upperKey = view.Max?.Key;
        if (upperKey is not null && !KeyOrder.Matches(upperKey, prefix))
        {
            total--;
        }

        var capacity = (int)Math.Min(limit > 0 ? limit : total, total);
        var page = new List<KeyValue>(Math.Max(capacity, 0));
        foreach (var entry in Walk(view, prefix, skip))
        {
            if (limit > 0 && page.Count >= limit)
            {
                break;
            }

            page.Add(entry);
        }

        return (page, Math.Max(0, total - page.Count));
    }

    private SortedSet<KeyValue>? View(string prefix, string? continueAfter, out string? skip)
    {
        skip = null;
        if (_sorted.Count == 0)
        {
            return null;
        }

        var low = prefix;
        if (continueAfter is not null && string.CompareOrdinal(continueAfter, prefix) >= 0)
        {
            low = continueAfter;
            skip = continueAfter;
        }

        // GetViewBetween is inclusive at both ends: the walk skips a key equal to the exclusive lower bound and stops
        // at the first key outside the prefix (at most the upper bound itself).
        var upper = KeyOrder.PrefixEnd(prefix) ?? _sorted.Max!.Key;
        if (string.CompareOrdinal(low, upper) > 0)
        {
            return null;
        }

        return _sorted.GetViewBetween(Probe(low), Probe(upper));
    }

    /// <summary>Every live entry, in no particular order.</summary>
    public IEnumerable<KeyValue> All => _byKey.Values;

    private static IEnumerable<KeyValue> Walk(SortedSet<KeyValue> view, string prefix, string? skip)
    {
        foreach (var entry in view)
        {
            if (!KeyOrder.Matches(entry.Key, prefix))
            {
                yield break;
            }

            if (skip is not null && string.Equals(entry.Key, skip, StringComparison.Ordinal))
            {
                continue;
            }

            yield return entry;
        }
    }

    private static KeyValue Probe(string key) => new(key, ReadOnlyMemory<byte>.Empty, 0, 0);
}
