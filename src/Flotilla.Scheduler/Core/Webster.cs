using System.Text;
using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Core;

/// <summary>Order of names used to break exact priority ties in <see cref="Webster"/>.</summary>
public enum NameOrder
{
    Ascending,
    Descending,
}

/// <summary>
/// Webster / Sainte-Laguë seat allocation as Karmada (v1.16+) does it: each of N seats goes to the party with the
/// highest votes/(2·seats+1), computed in IEEE double; exact ties go to the party with fewer seats, then by name in the
/// tie-breaker's order. Parties in the initial assignment keep their seats (votes 0 when they are not voting).
/// The result lists every party, sorted by name (ordinal ascending).
/// </summary>
public static class Webster
{
    /// <summary>
    /// The tie-breaker Karmada derives from the template's UID: empty ⇒ ascending; otherwise FNV-1a-32 of the UID's
    /// UTF-8 bytes, odd ⇒ descending, even ⇒ ascending.
    /// </summary>
    public static NameOrder TieBreakerFor(string? templateUid)
    {
        if (string.IsNullOrEmpty(templateUid)) return NameOrder.Ascending;
        return (Fnv1a32(templateUid) & 1) == 1 ? NameOrder.Descending : NameOrder.Ascending;
    }

    public static uint Fnv1a32(string s)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }

    /// <summary>Allocates <paramref name="newSeats"/> seats. Votes and initial seats are keyed by party name.</summary>
    public static List<TargetCluster> Allocate(
        int newSeats,
        IReadOnlyList<KeyValuePair<string, long>> votes,
        IReadOnlyList<TargetCluster>? initial,
        NameOrder order)
    {
        var names = new List<string>(votes.Count + (initial?.Count ?? 0));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var partyVotes = new List<long>();
        var seats = new List<int>();
        if (initial is not null)
        {
            foreach (var t in initial)
            {
                if (index.TryGetValue(t.Name, out var i)) { seats[i] = t.Replicas; continue; }
                index[t.Name] = names.Count;
                names.Add(t.Name);
                partyVotes.Add(0);
                seats.Add(t.Replicas);
            }
        }
        foreach (var (name, v) in votes)
        {
            if (index.TryGetValue(name, out var i)) { partyVotes[i] = v; continue; }
            index[name] = names.Count;
            names.Add(name);
            partyVotes.Add(v);
            seats.Add(0);
        }
        if (names.Count == 0) return [];

        for (var remaining = newSeats; remaining > 0; remaining--)
        {
            var best = 0;
            var bestPriority = Priority(partyVotes[0], seats[0]);
            for (var i = 1; i < names.Count; i++)
            {
                var p = Priority(partyVotes[i], seats[i]);
                if (p > bestPriority || (p == bestPriority && WinsTie(i, best)))
                {
                    best = i;
                    bestPriority = p;
                }
            }
            seats[best]++;
        }

        var result = new List<TargetCluster>(names.Count);
        for (var i = 0; i < names.Count; i++) result.Add(new TargetCluster { Name = names[i], Replicas = seats[i] });
        result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;

        bool WinsTie(int i, int j)
        {
            if (seats[i] != seats[j]) return seats[i] < seats[j];
            var c = string.CompareOrdinal(names[i], names[j]);
            return order == NameOrder.Ascending ? c < 0 : c > 0;
        }
    }

    private static double Priority(long votes, int seats) => (double)votes / (2.0 * seats + 1.0);
}
