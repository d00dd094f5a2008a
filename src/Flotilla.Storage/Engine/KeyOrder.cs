namespace Flotilla.Storage.Engine;

/// <summary>Key ordering and prefix helpers. Keys are compared ordinally (as etcd compares bytes).</summary>
public static class KeyOrder
{
    /// <summary>Orders entries by key, ordinally.</summary>
    public static IComparer<KeyValue> EntryComparer { get; } = new EntryByKey();

    /// <summary>True when <paramref name="key"/> lies under <paramref name="prefix"/> ("" matches everything).</summary>
    public static bool Matches(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>
    /// The smallest string greater than every string that starts with <paramref name="prefix"/>, or null when there is
    /// none (empty prefix, or a prefix made only of U+FFFF).
    /// </summary>
    public static string? PrefixEnd(string prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] != char.MaxValue)
            {
                return string.Concat(prefix.AsSpan(0, i), [(char)(prefix[i] + 1)]);
            }
        }

        return null;
    }

    private sealed class EntryByKey : IComparer<KeyValue>
    {
        public int Compare(KeyValue? x, KeyValue? y) => string.CompareOrdinal(x?.Key, y?.Key);
    }
}
