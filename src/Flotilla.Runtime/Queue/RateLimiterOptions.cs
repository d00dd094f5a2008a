namespace Flotilla.Runtime.Queue;

/// <summary>The default controller rate limiter's knobs (controller-runtime's defaults).</summary>
public sealed class RateLimiterOptions
{
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(5);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1000);
    public double Qps { get; set; } = 10;
    public int Burst { get; set; } = 100;

    /// <summary>max(per-key exponential backoff, global token bucket).</summary>
    public IRateLimiter<TKey> Create<TKey>(TimeProvider? time = null) where TKey : notnull =>
        new MaxOfRateLimiter<TKey>(
            new ExponentialBackoffRateLimiter<TKey>(BaseDelay, MaxDelay),
            new TokenBucketRateLimiter<TKey>(Qps, Burst, time));
}
