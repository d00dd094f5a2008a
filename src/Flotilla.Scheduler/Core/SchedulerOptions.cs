namespace Flotilla.Scheduler.Core;

/// <summary>Scheduler switches (Karmada's scheduler flags that affect the algorithm).</summary>
public sealed record SchedulerOptions
{
    /// <summary><c>--enable-empty-workload-propagation</c>: selected clusters that got 0 replicas are kept in the
    /// result with replicas 0 instead of being dropped.</summary>
    public bool EnableEmptyWorkloadPropagation { get; init; }

    /// <summary><c>--plugins</c>: "*" (default), names to enable, "-Name" to disable.</summary>
    public string? Plugins { get; init; }

    /// <summary>From this many clusters on, filters run in parallel (results are identical, order is kept).</summary>
    public int ParallelFilterThreshold { get; init; } = 256;
}
