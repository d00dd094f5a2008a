using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Core;
using static Flotilla.Scheduler.Tests.TestData;

namespace Flotilla.Scheduler.Tests.Core;

public class WebsterTests
{
    private static List<KeyValuePair<string, long>> V(params (string Name, long Votes)[] v) =>
        v.Select(x => new KeyValuePair<string, long>(x.Name, x.Votes)).ToList();

    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Fnv1a32_matches_reference_vectors(string input, uint expected) => Assert.Equal(expected, Webster.Fnv1a32(input));

    [Fact]
    public void Tie_breaker_follows_hash_parity()
    {
        Assert.Equal(NameOrder.Ascending, Webster.TieBreakerFor(null));
        Assert.Equal(NameOrder.Ascending, Webster.TieBreakerFor(""));
        Assert.Equal(NameOrder.Ascending, Webster.TieBreakerFor("a")); // 0xe40c292c: even
        Assert.Equal(NameOrder.Descending, Webster.TieBreakerFor("b")); // 0xe70c2de5: odd
    }

    public static TheoryData<string, int, (string, long)[], string> Cases => new()
    {
        { "wikipedia classic 8 seats", 8, [("A", 100000), ("B", 80000), ("C", 30000), ("D", 20000)], "A:3,B:3,C:1,D:1" },
        { "karmada doc example", 4, [("Alpha", 1200), ("Beta", 900), ("Gamma", 400)], "Alpha:2,Beta:1,Gamma:1" },
        { "1:2 of 9", 9, [("a", 1), ("b", 2)], "a:3,b:6" },
        { "1:3 of 9", 9, [("a", 1), ("b", 3)], "a:2,b:7" },
        { "zero seats", 0, [("a", 1), ("b", 2)], "a:0,b:0" },
        { "zero votes only get seats on ties", 2, [("a", 0), ("b", 5)], "a:0,b:2" },
        { "result sorted by name", 3, [("z", 1), ("m", 1), ("a", 1)], "a:1,m:1,z:1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Allocates(string name, int seats, (string, long)[] votes, string expected)
    {
        Assert.True(expected == Show(Webster.Allocate(seats, V(votes), null, NameOrder.Ascending)), name);
    }

    [Fact]
    public void Ties_go_to_fewer_seats_then_name_order()
    {
        var votes = V(("c1", 10), ("c2", 10), ("c3", 10));
        Assert.Equal("c1:1,c2:1,c3:0", Show(Webster.Allocate(2, votes, null, NameOrder.Ascending)));
        Assert.Equal("c1:0,c2:1,c3:1", Show(Webster.Allocate(2, votes, null, NameOrder.Descending)));
        Assert.Equal("c1:1,c2:1,c3:1", Show(Webster.Allocate(3, votes, null, NameOrder.Descending)));
    }

    [Fact]
    public void Initial_seats_count_and_non_voting_parties_keep_theirs()
    {
        // a starts with 2 seats, so b (same votes) wins the next two
        var r = Webster.Allocate(2, V(("a", 10), ("b", 10)), Targets(("a", 2), ("x", 4)), NameOrder.Ascending);
        Assert.Equal("a:2,b:2,x:4", Show(r));
    }

    [Fact]
    public void Uses_double_priorities()
    {
        // priorities are votes/(2·seats+1) in double: b, a, b (2/3 > 1/3), b (2/5 > 1/3)
        var r = Webster.Allocate(4, V(("a", 1), ("b", 2)), null, NameOrder.Descending);
        Assert.Equal(4, r.Sum(t => t.Replicas));
        Assert.Equal("a:1,b:3", Show(r));
    }
}
