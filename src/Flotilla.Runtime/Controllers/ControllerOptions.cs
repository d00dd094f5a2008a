using Flotilla.Runtime.Queue;

namespace Flotilla.Runtime.Controllers;

/// <summary>Per-controller knobs (controller-runtime's controller.Options).</summary>
public sealed class ControllerOptions
{
    /// <summary>Concurrent reconciles (distinct keys only).</summary>
    public int Workers { get; set; } = 1;
    /// <summary>Each reconcile is cancelled after this long and then requeued with backoff.</summary>
    public TimeSpan ReconcileTimeout { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>After this long without synced caches an error is logged (the controller keeps waiting); 0 ⇒ never log.</summary>
    public TimeSpan CacheSyncTimeout { get; set; } = TimeSpan.FromMinutes(2);
    public RateLimiterOptions RateLimiter { get; set; } = new();
}
