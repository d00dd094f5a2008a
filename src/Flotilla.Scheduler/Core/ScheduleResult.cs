using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Core;

/// <summary>What the scheduling attempt concluded; maps 1:1 to the Scheduled condition reason.</summary>
public enum ScheduleOutcome
{
    /// <summary>Scheduled; write <see cref="ScheduleResult.Clusters"/>.</summary>
    Success,
    /// <summary>No cluster passed the filters (FitError); Karmada writes an empty spec.clusters and does not retry.</summary>
    NoClusterFit,
    /// <summary>Not enough capacity; spec.clusters stays as is and the binding is retried.</summary>
    Unschedulable,
    /// <summary>Any other failure (spread constraints unsatisfiable, bad strategy, ...); spec.clusters stays as is.</summary>
    Error,
}

/// <summary>The output of <see cref="GenericScheduler.Schedule"/>.</summary>
public sealed record ScheduleResult
{
    public const string SuccessfulSchedulingMessage = "Binding has been scheduled successfully.";

    public required ScheduleOutcome Outcome { get; init; }

    /// <summary>The new spec.clusters, in the order Karmada writes it: on Success the result; on NoClusterFit an
    /// empty list (Karmada clears the placement); null for Unschedulable / Error (leave spec.clusters unchanged).</summary>
    public IReadOnlyList<TargetCluster>? Clusters { get; init; }

    /// <summary>The value for status.schedulerObservingAffinityName: the clusterAffinities term that was used, or the
    /// previous value when every term failed or the placement has no clusterAffinities.</summary>
    public string? AffinityName { get; init; }

    public FitError? FitError { get; init; }

    /// <summary>Message of the Scheduled condition.</summary>
    public string Message { get; init; } = SuccessfulSchedulingMessage;

    public bool Succeeded => Outcome == ScheduleOutcome.Success;

    /// <summary>Whether the caller should write <see cref="Clusters"/> into spec.clusters (Success and NoClusterFit).</summary>
    public bool ShouldPatchClusters => Outcome is ScheduleOutcome.Success or ScheduleOutcome.NoClusterFit;

    /// <summary>Scheduled condition reason: Success / NoClusterFit / Unschedulable / SchedulerError.</summary>
    public string ConditionReason => Outcome switch
    {
        ScheduleOutcome.Success => BindingConditions.ReasonSuccess,
        ScheduleOutcome.NoClusterFit => BindingConditions.ReasonNoClusterFit,
        ScheduleOutcome.Unschedulable => BindingConditions.ReasonUnschedulable,
        _ => BindingConditions.ReasonSchedulerError,
    };

    /// <summary>Scheduled condition status: "True" on success, else "False".</summary>
    public string ConditionStatusValue => Outcome == ScheduleOutcome.Success ? ConditionStatus.True : ConditionStatus.False;

    /// <summary>Karmada retries Unschedulable and SchedulerError outcomes, not NoClusterFit.</summary>
    public bool ShouldRetry => Outcome is ScheduleOutcome.Unschedulable or ScheduleOutcome.Error;

    /// <summary>The Scheduled condition (the caller sets the transition time and generation).</summary>
    public Condition ToCondition(DateTimeOffset now, long observedGeneration = 0) => new()
    {
        Type = BindingConditions.Scheduled,
        Status = ConditionStatusValue,
        Reason = ConditionReason,
        Message = Message,
        LastTransitionTime = now,
        ObservedGeneration = observedGeneration,
    };
}
