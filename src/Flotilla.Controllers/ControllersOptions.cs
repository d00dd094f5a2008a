using Flotilla.Controllers.Detector;
using Flotilla.Runtime.Queue;
using Flotilla.Scheduler.Core;

namespace Flotilla.Controllers;

/// <summary>Options of the propagation controllers (section Flotilla:Controllers).</summary>
public sealed class ControllersOptions
{
    /// <summary>Karmada's --controllers list: "*", "name", "-name".</summary>
    public string Controllers { get; set; } = "*";

    /// <summary>Karmada defaults are 5 for templates, bindings and works and 1 for namespaces; raised because a
    /// worker here mostly waits on I/O (a member's API for works) and costs one task, not a goroutine per client.</summary>
    public int ConcurrentResourceTemplateSyncs { get; set; } = 8;
    public int ConcurrentBindingSyncs { get; set; } = 8;
    public int ConcurrentClusterBindingSyncs { get; set; } = 8;
    public int ConcurrentWorkSyncs { get; set; } = 32;

    /// <summary>Workers reflecting member status into Works, and aggregating Work status into bindings. Fewer than the
    /// propagation path on purpose: under a burst, status work waits a little and is coalesced (one binding write for
    /// many Work changes) instead of competing with the copies still being applied.</summary>
    public int ConcurrentWorkStatusSyncs { get; set; } = 8;
    public int ConcurrentBindingStatusSyncs { get; set; } = 2;
    public int ConcurrentNamespaceSyncs { get; set; } = 2;
    public int ConcurrentSchedulerWorkers { get; set; } = 4;
    public int ConcurrentDependencySyncs { get; set; } = 4;

    public SchedulerOptions Scheduler { get; set; } = new();
    public DetectorOptions Detector { get; set; } = new();
    public RateLimiterOptions RateLimiter { get; set; } = new() { Qps = 1000, Burst = 2000 };

    /// <summary>Pull mode: only Works of this execution namespace (karmada-es-&lt;cluster&gt;) are executed and watched.</summary>
    public string? ExecutionNamespace { get; set; }
}
