namespace Flotilla.Storage.Engine;

/// <summary>
/// Rebuilds a page of the state at an older revision R from the latest entries and, for every key changed since R,
/// its entry at R (null if it did not exist then). Keys not changed since R have the same entry now as at R.
/// </summary>
public static class HistoryMerge
{
    /// <param name="latest">The latest entries under the prefix after continueAfter, in key order.</param>
    /// <param name="changedSince">For each key under the prefix changed since R: its entry at R, or null.</param>
    /// <param name="continueAfter">Exclusive lower bound for the answer.</param>
    /// <param name="limit">Page size (0 = all).</param>
    public static (List<KeyValue> Page, long Remaining) Page(
        IEnumerable<KeyValue> latest,
        IReadOnlyDictionary<string, KeyValue?> changedSince,
        string? continueAfter,
        int limit)
    {
        var then = new List<KeyValue>(changedSince.Count);
        foreach (var (key, entry) in changedSince)
        {
            if (entry is not null && (continueAfter is null || string.CompareOrdinal(key, continueAfter) > 0))
            {
                then.Add(entry);
            }
        }

        then.Sort(KeyOrder.EntryComparer);

        var page = new List<KeyValue>(limit > 0 ? Math.Min(limit, 1024) : 256);
        long remaining = 0;
        var c = 0;
        foreach (var live in latest)
        {
            while (c < then.Count && string.CompareOrdinal(then[c].Key, live.Key) < 0)
            {
                Take(then[c++]);
            }

            if (!changedSince.ContainsKey(live.Key))
            {
                Take(live);
            }
        }

        while (c < then.Count)
        {
            Take(then[c++]);
        }

        return (page, remaining);

        void Take(KeyValue entry)
        {
            if (limit <= 0 || page.Count < limit)
            {
                page.Add(entry);
            }
            else
            {
                remaining++;
            }
        }
    }
}
