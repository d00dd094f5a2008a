using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Core;

/// <summary>Everything one scheduling decision depends on: the binding (spec + status) and the cluster snapshot.</summary>
public sealed record SchedulingInput
{
    public required ResourceBindingSpec Spec { get; init; }
    public ResourceBindingStatus? Status { get; init; }
    public required IReadOnlyList<Cluster> Clusters { get; init; }

    /// <summary>Karmada's RescheduleRequired: rescheduleTriggeredAt is after lastScheduledTime (both set).</summary>
    public bool RescheduleTriggered => IsRescheduleRequired(Spec, Status);

    public static SchedulingInput From(ResourceBinding binding, IReadOnlyList<Cluster> clusters) =>
        new() { Spec = binding.Spec, Status = binding.Status, Clusters = clusters };

    public static SchedulingInput From(ClusterResourceBinding binding, IReadOnlyList<Cluster> clusters) =>
        new() { Spec = binding.Spec, Status = binding.Status, Clusters = clusters };

    public static bool IsRescheduleRequired(ResourceBindingSpec spec, ResourceBindingStatus? status) =>
        spec.RescheduleTriggeredAt is { } triggered && status?.LastScheduledTime is { } last && triggered > last;
}
