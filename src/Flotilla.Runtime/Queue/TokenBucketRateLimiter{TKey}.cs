namespace Flotilla.Runtime.Queue;

/// <summary>
/// A global token bucket shared by all keys (client-go's BucketRateLimiter): <c>qps</c> tokens a second, up to
/// <c>burst</c> stored. Each <see cref="When"/> reserves a token and returns how long until it is available.
/// </summary>
public sealed class TokenBucketRateLimiter<TKey> : IRateLimiter<TKey> where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly double _qps;
    private readonly int _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    public TokenBucketRateLimiter(double qps, int burst, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _qps = qps;
        _burst = burst;
        _time = time ?? TimeProvider.System;
        _tokens = burst;
        _last = _time.GetTimestamp();
    }

    public TimeSpan When(TKey key)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + _time.GetElapsedTime(_last, now).TotalSeconds * _qps);
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    public void Forget(TKey key) { }

    public int NumRequeues(TKey key) => 0;
}
