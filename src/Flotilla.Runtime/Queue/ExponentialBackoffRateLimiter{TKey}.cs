namespace Flotilla.Runtime.Queue;

/// <summary>Per-key exponential backoff: base·2^failures, capped at max (controller-runtime's 5 ms → 1000 s).</summary>
public sealed class ExponentialBackoffRateLimiter<TKey>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, int> _failures = [];

    public TimeSpan When(TKey key)
    {
        int n;
        lock (_gate)
        {
            _failures.TryGetValue(key, out n);
            _failures[key] = n + 1;
        }
        var ticks = baseDelay.Ticks * Math.Pow(2, Math.Min(n, 62));
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public void Forget(TKey key) { lock (_gate) _failures.Remove(key); }

    public int NumRequeues(TKey key) { lock (_gate) return _failures.TryGetValue(key, out var n) ? n : 0; }
}
