using Flotilla.Storage.Engine;

namespace Flotilla.Storage.Tests;

public sealed class LatestIndexTests
{
    private static readonly string[] Keys =
    [
        "/registry/a", "/registry/pods/ns1/a", "/registry/pods/ns1/b", "/registry/pods/ns10/a", "/registry/pods/ns2/a",
        "/registry/pods/ns2/b", "/registry/pods/ns2/c", "/registry/podsx/a", "/registry/z",
    ];

    public sealed record PageCase(string Prefix, string? ContinueAfter, int Limit, string[] Expected, long Remaining);

    public static TheoryData<string, PageCase> Cases => new()
    {
        { "whole prefix", new PageCase("/registry/pods/", null, 0, ["/registry/pods/ns1/a", "/registry/pods/ns1/b", "/registry/pods/ns10/a", "/registry/pods/ns2/a", "/registry/pods/ns2/b", "/registry/pods/ns2/c"], 0) },
        { "first page", new PageCase("/registry/pods/", null, 2, ["/registry/pods/ns1/a", "/registry/pods/ns1/b"], 4) },
        { "middle page", new PageCase("/registry/pods/", "/registry/pods/ns1/b", 2, ["/registry/pods/ns10/a", "/registry/pods/ns2/a"], 2) },
        { "last page", new PageCase("/registry/pods/", "/registry/pods/ns2/a", 2, ["/registry/pods/ns2/b", "/registry/pods/ns2/c"], 0) },
        { "continue after a deleted key", new PageCase("/registry/pods/", "/registry/pods/ns1/zz", 0, ["/registry/pods/ns10/a", "/registry/pods/ns2/a", "/registry/pods/ns2/b", "/registry/pods/ns2/c"], 0) },
        { "continue before the prefix", new PageCase("/registry/pods/ns2/", "/registry/a", 0, ["/registry/pods/ns2/a", "/registry/pods/ns2/b", "/registry/pods/ns2/c"], 0) },
        { "continue past the prefix", new PageCase("/registry/pods/", "/registry/q", 0, [], 0) },
        { "namespace prefix excludes ns10", new PageCase("/registry/pods/ns1/", null, 0, ["/registry/pods/ns1/a", "/registry/pods/ns1/b"], 0) },
        { "empty prefix", new PageCase("", null, 3, ["/registry/a", "/registry/pods/ns1/a", "/registry/pods/ns1/b"], 6) },
        { "exact key as prefix", new PageCase("/registry/z", null, 0, ["/registry/z"], 0) },
        { "no match", new PageCase("/registry/nodes/", null, 0, [], 0) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Page_returns_the_keys_in_order_and_counts_the_rest(string name, PageCase c)
    {
        _ = name;
        var index = new LatestIndex();
        foreach (var key in Keys.Reverse())
        {
            index.Put(new KeyValue(key, ReadOnlyMemory<byte>.Empty, 1, 1));
        }

        var (page, remaining) = index.Page(c.Prefix, c.ContinueAfter, c.Limit);

        Assert.Equal(c.Expected, page.Select(e => e.Key));
        Assert.Equal(c.Remaining, remaining);
        Assert.Equal(c.Expected, index.Range(c.Prefix, c.ContinueAfter).Take(c.Expected.Length).Select(e => e.Key));
    }

    [Fact]
    public void Put_replaces_and_Remove_deletes()
    {
        var index = new LatestIndex();
        index.Put(new KeyValue("/k", new byte[] { 1 }, 1, 1));
        index.Put(new KeyValue("/k", new byte[] { 2 }, 1, 2));
        Assert.Equal(1, index.Count);
        Assert.Equal(2, index.Get("/k")!.ModRevision);
        Assert.Single(index.Page("/", null, 0).Page);

        index.Remove("/k");
        Assert.Null(index.Get("/k"));
        Assert.Empty(index.Page("/", null, 0).Page);
    }

    [Fact]
    public void Pages_match_a_sorted_reference_through_many_inserts_and_removes()
    {
        var random = new Random(1234);
        var index = new LatestIndex();
        var reference = new SortedSet<string>(StringComparer.Ordinal);
        string RandomKey() => $"/r/ns{random.Next(12)}/k{random.Next(900):D3}";
        for (var step = 0; step < 20_000; step++)
        {
            var key = RandomKey();
            if (random.Next(4) == 0)
            {
                index.Remove(key);
                reference.Remove(key);
            }
            else
            {
                index.Put(new KeyValue(key, ReadOnlyMemory<byte>.Empty, step, step));
                reference.Add(key);
            }

            if (step % 997 == 0)
            {
                foreach (var prefix in new[] { "", "/r/", "/r/ns1/", "/r/ns11/", "/r/ns5/k1" })
                {
                    var after = random.Next(3) == 0 ? null : RandomKey();
                    var limit = random.Next(3) == 0 ? 0 : random.Next(1, 400);
                    var expectedAll = reference.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)
                        && (after is null || string.CompareOrdinal(k, after) > 0)).ToList();
                    var expected = limit > 0 ? expectedAll.Take(limit).ToList() : expectedAll;

                    var (page, remaining) = index.Page(prefix, after, limit);
                    Assert.Equal(expected, page.Select(e => e.Key));
                    Assert.Equal(expectedAll.Count - expected.Count, remaining);
                    Assert.Equal(expectedAll, index.Range(prefix, after).Select(e => e.Key));
                }
            }
        }

        Assert.Equal(reference.Count, index.Count);
    }

    public static TheoryData<string, string, string?> PrefixEnds => new()
    {
        { "plain", "/registry/pods/", "/registry/pods0" },
        { "empty", "", null },
        { "ends with max char", "/a\uffff", "/b" },
    };

    [Theory]
    [MemberData(nameof(PrefixEnds))]
    public void PrefixEnd_is_the_first_string_after_the_prefix_range(string name, string prefix, string? expected)
    {
        _ = name;
        Assert.Equal(expected, KeyOrder.PrefixEnd(prefix));
    }
}
