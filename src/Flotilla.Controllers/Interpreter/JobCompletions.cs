namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// Splits a Divided Job's spec.completions over its target clusters, weighted by each cluster's assigned replicas
/// (Karmada's SpreadReplicasByTargetClusters / Dispenser.TakeByWeight): floor(weight × completions / Σweights) each,
/// then the remainder one by one to clusters ordered by weight descending. Karmada breaks remaining ties randomly;
/// here they go by cluster name ascending so the result is deterministic.
/// </summary>
public static class JobCompletions
{
    public static IReadOnlyDictionary<string, long> Divide(long completions, IReadOnlyList<(string Cluster, int Replicas)> targets)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        long sum = targets.Sum(t => (long)t.Replicas);
        if (sum == 0)
        {
            foreach (var t in targets) result[t.Cluster] = 0;
            return result;
        }
        var ordered = targets.OrderByDescending(t => t.Replicas).ThenBy(t => t.Cluster, StringComparer.Ordinal).ToList();
        var remain = completions;
        foreach (var (cluster, replicas) in ordered)
        {
            var share = replicas * completions / sum;
            result[cluster] = share;
            remain -= share;
        }
        for (var i = 0; remain > 0 && i < ordered.Count; i++, remain--) result[ordered[i].Cluster]++;
        return result;
    }
}
