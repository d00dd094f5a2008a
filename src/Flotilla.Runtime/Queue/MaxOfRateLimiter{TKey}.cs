namespace Flotilla.Runtime.Queue;

/// <summary>Combines limiters: the longest delay wins (client-go's MaxOfRateLimiter).</summary>
public sealed class MaxOfRateLimiter<TKey>(params IRateLimiter<TKey>[] limiters) : IRateLimiter<TKey> where TKey : notnull
{
    public TimeSpan When(TKey key)
    {
        var max = TimeSpan.Zero;
        foreach (var l in limiters)
        {
            var d = l.When(key);
            if (d > max) max = d;
        }
        return max;
    }

    public void Forget(TKey key)
    {
        foreach (var l in limiters) l.Forget(key);
    }

    public int NumRequeues(TKey key)
    {
        var max = 0;
        foreach (var l in limiters) max = Math.Max(max, l.NumRequeues(key));
        return max;
    }
}
