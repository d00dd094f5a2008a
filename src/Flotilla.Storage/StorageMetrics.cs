using System.Diagnostics.Metrics;

namespace Flotilla.Storage;

/// <summary>The storage layer's instruments (meter <c>Flotilla.Storage</c>).</summary>
public static class StorageMetrics
{
    public const string MeterName = "Flotilla.Storage";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Writes committed (one per successful create, update or delete).</summary>
    public static Counter<long> WritesCommitted { get; } =
        Meter.CreateCounter<long>("flotilla.storage.writes", unit: "{write}", description: "Writes committed");

    /// <summary>Conditional writes refused because the precondition did not hold.</summary>
    public static Counter<long> WritesRefused { get; } =
        Meter.CreateCounter<long>("flotilla.storage.writes.refused", unit: "{write}", description: "Writes whose precondition failed");

    /// <summary>Writes per group-commit transaction.</summary>
    public static Histogram<int> CommitBatchSize { get; } =
        Meter.CreateHistogram<int>("flotilla.storage.commit.batch_size", unit: "{write}", description: "Writes per committed transaction");

    /// <summary>Time to commit one group-commit transaction.</summary>
    public static Histogram<double> CommitDuration { get; } =
        Meter.CreateHistogram<double>("flotilla.storage.commit.duration", unit: "ms", description: "Time to commit one transaction");

    /// <summary>Watchers closed because they fell too far behind.</summary>
    public static Counter<long> WatchOverflows { get; } =
        Meter.CreateCounter<long>("flotilla.storage.watch.overflows", unit: "{watch}", description: "Watchers closed for falling behind");

    /// <summary>Compaction steps run.</summary>
    public static Counter<long> CompactionSteps { get; } =
        Meter.CreateCounter<long>("flotilla.storage.compaction.steps", unit: "{step}", description: "Compaction transactions run");
}
