namespace Flotilla.Storage.Engine;

/// <summary>
/// The latest entry of every live key: a hash map for point reads and a sorted list of chunks for ordered,
/// prefix-bounded pages. A page is found by binary search (chunk, then position in chunk), read sequentially, and
/// its remaining count is an index difference, so a page costs O(log n + page + chunks) — no sorting and no walk over
/// the keys outside the page. Not thread-safe; <see cref="IndexedState"/> guards it.
/// </summary>
public sealed class LatestIndex
{
    private const int ChunkSplit = 1024;

    private readonly Dictionary<string, KeyValue> _byKey = new(StringComparer.Ordinal);
    private readonly List<List<KeyValue>> _chunks = [];

    public int Count => _byKey.Count;

    public KeyValue? Get(string key) => _byKey.GetValueOrDefault(key);

    public void Put(KeyValue entry)
    {
        if (_byKey.TryGetValue(entry.Key, out _))
        {
            var (c, i) = LowerBound(entry.Key);
            _chunks[c][i] = entry;
            _byKey[entry.Key] = entry;
            return;
        }

        _byKey[entry.Key] = entry;
        if (_chunks.Count == 0)
        {
            _chunks.Add([entry]);
            return;
        }

        var (chunkIndex, index) = LowerBound(entry.Key);
        if (chunkIndex == _chunks.Count)
        {
            chunkIndex = _chunks.Count - 1;
            index = _chunks[chunkIndex].Count;
        }

        var chunk = _chunks[chunkIndex];
        chunk.Insert(index, entry);
        if (chunk.Count >= ChunkSplit)
        {
            var half = chunk.Count / 2;
            var right = chunk.GetRange(half, chunk.Count - half);
            chunk.RemoveRange(half, chunk.Count - half);
            _chunks.Insert(chunkIndex + 1, right);
        }
    }

    public void Remove(string key)
    {
        if (!_byKey.Remove(key))
        {
            return;
        }

        var (c, i) = LowerBound(key);
        var chunk = _chunks[c];
        chunk.RemoveAt(i);
        if (chunk.Count == 0)
        {
            _chunks.RemoveAt(c);
        }
    }

    public void Clear()
    {
        _byKey.Clear();
        _chunks.Clear();
    }

    /// <summary>
    /// The entries under <paramref name="prefix"/> strictly after <paramref name="continueAfter"/>, in key order.
    /// Must be consumed before the index changes.
    /// </summary>
    public IEnumerable<KeyValue> Range(string prefix, string? continueAfter)
    {
        var (start, end, _) = Bounds(prefix, continueAfter);
        return Walk(start, end, int.MaxValue);
    }

    /// <summary>One page: at most <paramref name="limit"/> entries (0 = all) and how many more follow it.</summary>
    public (List<KeyValue> Page, long Remaining) Page(string prefix, string? continueAfter, int limit)
    {
        var (start, end, total) = Bounds(prefix, continueAfter);
        var take = limit > 0 ? Math.Min(limit, total) : total;
        var page = new List<KeyValue>(take);
        page.AddRange(Walk(start, end, take));
        return (page, total - page.Count);
    }

    /// <summary>Every live entry, in no particular order.</summary>
    public IEnumerable<KeyValue> All => _byKey.Values;

    private ((int C, int I) Start, (int C, int I) End, int Total) Bounds(string prefix, string? continueAfter)
    {
        var low = prefix;
        var skipLow = false;
        if (continueAfter is not null && string.CompareOrdinal(continueAfter, prefix) >= 0)
        {
            low = continueAfter;
            skipLow = true;
        }

        var start = LowerBound(low);
        if (skipLow && start.C < _chunks.Count && string.Equals(_chunks[start.C][start.I].Key, low, StringComparison.Ordinal))
        {
            start = Next(start);
        }

        // Every key in [prefix, PrefixEnd(prefix)) starts with the prefix, and none outside it does.
        var upper = KeyOrder.PrefixEnd(prefix);
        var end = upper is null ? (_chunks.Count, 0) : LowerBound(upper);
        var total = Math.Max(0, Position(end) - Position(start));
        return (start, end, total);
    }

    private IEnumerable<KeyValue> Walk((int C, int I) start, (int C, int I) end, int max)
    {
        var (c, i) = start;
        var taken = 0;
        while (taken < max && c < _chunks.Count && (c < end.C || (c == end.C && i < end.I)))
        {
            var chunk = _chunks[c];
            var stop = c == end.C ? end.I : chunk.Count;
            for (; i < stop && taken < max; i++, taken++)
            {
                yield return chunk[i];
            }

            c++;
            i = 0;
        }
    }

    /// <summary>The position of the first entry whose key is not less than <paramref name="key"/>, or
    /// (chunk count, 0) when there is none.</summary>
    private (int C, int I) LowerBound(string key)
    {
        int lo = 0, hi = _chunks.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var chunk = _chunks[mid];
            if (string.CompareOrdinal(chunk[^1].Key, key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        if (lo == _chunks.Count)
        {
            return (lo, 0);
        }

        var found = _chunks[lo];
        int a = 0, b = found.Count;
        while (a < b)
        {
            var mid = a + ((b - a) >> 1);
            if (string.CompareOrdinal(found[mid].Key, key) < 0)
            {
                a = mid + 1;
            }
            else
            {
                b = mid;
            }
        }

        return (lo, a);
    }

    private (int C, int I) Next((int C, int I) at)
    {
        var (c, i) = at;
        return i + 1 < _chunks[c].Count ? (c, i + 1) : (c + 1, 0);
    }

    private int Position((int C, int I) at)
    {
        var position = at.I;
        for (var c = 0; c < at.C && c < _chunks.Count; c++)
        {
            position += _chunks[c].Count;
        }

        return position;
    }
}
