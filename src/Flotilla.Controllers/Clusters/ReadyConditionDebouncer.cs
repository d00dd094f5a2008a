using System.Collections.Concurrent;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Clusters;

/// <summary>
/// Karmada's threshold-adjusted Ready condition: the first observation of a cluster (just joined, or no Ready
/// condition yet) is taken at once; later, a change of Ready between True and not-True is only reported after the
/// observed status persisted for the failure threshold (True→not-True) or the success threshold (not-True→True);
/// until then the current status is kept.
/// </summary>
public sealed class ReadyConditionDebouncer(TimeProvider time, TimeSpan successThreshold, TimeSpan failureThreshold)
{
    private readonly ConcurrentDictionary<string, (string Observed, DateTimeOffset Since)> _seen = new(StringComparer.Ordinal);

    /// <summary>The Ready status to write given the <paramref name="current"/> one (null: none yet) and the
    /// <paramref name="observed"/> one.</summary>
    public string Adjust(string cluster, string? current, string observed)
    {
        var now = time.GetUtcNow();
        if (!_seen.TryGetValue(cluster, out var saved))
        {
            _seen[cluster] = (observed, now);
            return observed;
        }
        if (current is null) return observed;
        if (saved.Observed != observed)
        {
            saved = (observed, now);
            _seen[cluster] = saved;
        }
        var observedTrue = observed == ConditionStatus.True;
        var currentTrue = current == ConditionStatus.True;
        var threshold = observedTrue ? successThreshold : failureThreshold;
        if (observedTrue != currentTrue && now < saved.Since + threshold) return current;
        return observed;
    }

    /// <summary>Forgets a cluster (deleted).</summary>
    public void Forget(string cluster) => _seen.TryRemove(cluster, out _);
}
