namespace Flotilla.Runtime.Queue;

public sealed class WorkQueueOptions
{
    /// <summary>The queue's name in metrics (usually the controller name).</summary>
    public string Name { get; set; } = "default";
    public TimeProvider? TimeProvider { get; set; }
    /// <summary>Used by <see cref="WorkQueue{TKey}.AddRateLimited"/>; null ⇒ <see cref="RateLimiterOptions"/> defaults.</summary>
    public RateLimiterOptions RateLimiter { get; set; } = new();
}
