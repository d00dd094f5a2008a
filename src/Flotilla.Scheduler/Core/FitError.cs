using Flotilla.Scheduler.Framework;

namespace Flotilla.Scheduler.Core;

/// <summary>No cluster passed the filters: the per-cluster diagnosis and Karmada's message.</summary>
public sealed record FitError(int NumAllClusters, IReadOnlyList<FilterFailure> Diagnosis)
{
    /// <summary>"0/3 clusters are available: 1 cluster(s) had untolerated taint {...}, 2 cluster(s) did not match ...".</summary>
    public string Message
    {
        get
        {
            var histogram = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var f in Diagnosis)
                foreach (var reason in f.Result.ReasonList)
                    histogram[reason] = histogram.TryGetValue(reason, out var n) ? n + 1 : 1;
            var parts = histogram.Select(kv => $"{kv.Value} {kv.Key}").ToList();
            parts.Sort(StringComparer.Ordinal);
            return $"0/{NumAllClusters} clusters are available: {string.Join(", ", parts)}.";
        }
    }
}
