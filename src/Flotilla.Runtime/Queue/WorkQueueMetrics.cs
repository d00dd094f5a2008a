using System.Diagnostics.Metrics;

namespace Flotilla.Runtime.Queue;

/// <summary>The work queues' instruments (meter <c>Flotilla.Runtime</c>), tagged with the queue name.</summary>
internal static class WorkQueueMetrics
{
    public static readonly Meter Meter = new(RuntimeMeter.Name);
    public static readonly UpDownCounter<long> Depth = Meter.CreateUpDownCounter<long>("flotilla_workqueue_depth", description: "Keys waiting in the queue");
    public static readonly Counter<long> Adds = Meter.CreateCounter<long>("flotilla_workqueue_adds_total", description: "Keys added to the queue");
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("flotilla_workqueue_retries_total", description: "Rate-limited re-adds");
}
