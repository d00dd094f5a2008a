using System.Diagnostics.Metrics;

namespace Flotilla.Runtime.Controllers;

/// <summary>Reconcile metrics (meter <c>Flotilla.Runtime</c>), tagged with the controller name and outcome.</summary>
internal static class ControllerMetrics
{
    public static readonly Meter Meter = new(RuntimeMeter.Name);
    public static readonly Counter<long> Reconciles = Meter.CreateCounter<long>("flotilla_controller_reconcile_total",
        description: "Reconciles by controller and result (success, requeue_after, error, terminal)");
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("flotilla_controller_reconcile_duration_seconds",
        unit: "s", description: "Reconcile duration");
    public static readonly UpDownCounter<long> ActiveWorkers = Meter.CreateUpDownCounter<long>("flotilla_controller_active_workers",
        description: "Reconciles in progress");
}

/// <summary>Outcome tags of <c>flotilla_controller_reconcile_total</c>.</summary>
public static class ReconcileOutcome
{
    public const string Success = "success";
    public const string RequeueAfter = "requeue_after";
    public const string Error = "error";
    public const string Terminal = "terminal";
}
