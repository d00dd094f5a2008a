namespace Flotilla.Runtime.Queue;

/// <summary>Decides how long a key waits before it is retried (client-go's workqueue.TypedRateLimiter).</summary>
public interface IRateLimiter<TKey> where TKey : notnull
{
    /// <summary>Records one more failure of <paramref name="key"/> and returns how long to wait before retrying.</summary>
    TimeSpan When(TKey key);

    /// <summary>Forgets the key's failures (call after a success).</summary>
    void Forget(TKey key);

    /// <summary>How many times the key has been rate-limited since it was last forgotten.</summary>
    int NumRequeues(TKey key);
}
