using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Core;

/// <summary>Whether a binding needs a scheduling run, and why.</summary>
public enum ScheduleDecisionKind
{
    /// <summary>Run the scheduler.</summary>
    Schedule,
    /// <summary>Nothing to do except making status.schedulerObservedGeneration equal metadata.generation.</summary>
    UpToDate,
    /// <summary>spec.suspension.scheduling is true (or the binding has no placement): leave it alone.</summary>
    Skip,
}

public readonly record struct ScheduleDecision(ScheduleDecisionKind Kind, string Reason)
{
    public bool ShouldSchedule => Kind == ScheduleDecisionKind.Schedule;
}

/// <summary>
/// Karmada's doScheduleBinding decision (KARMADA.md §2.3): schedule when the placement differs from the
/// policy.karmada.io/applied-placement annotation, when the replicas changed (Duplicated: a target ≠ spec.replicas;
/// Divided: Σ targets ≠ spec.replicas), when rescheduleTriggeredAt &gt; lastScheduledTime, always for non-workloads
/// and Duplicated placements, and when a scheduled cluster is being deleted (or is gone). Otherwise up to date.
/// </summary>
public static class RescheduleDecider
{
    public const string ReasonSuspended = "scheduling is suspended";
    public const string ReasonNoPlacement = "binding has no placement";
    public const string ReasonPlacementChanged = "placement changed";
    public const string ReasonReplicasChanged = "replicas changed";
    public const string ReasonRescheduleTriggered = "reschedule triggered";
    public const string ReasonAlwaysSchedule = "non-workload or duplicated placement";
    public const string ReasonClusterDeleting = "a scheduled cluster is being deleted";
    public const string ReasonUpToDate = "scheduling result is up to date";

    /// <summary>Decides for a ResourceBinding, reading its applied-placement annotation.</summary>
    public static ScheduleDecision Decide(ResourceBinding binding, IReadOnlyList<Cluster>? clusters = null) =>
        Decide(binding.Spec, binding.Status, binding.Metadata.Annotation(WellKnownAnnotations.AppliedPlacement), clusters);

    /// <summary>Decides for a ClusterResourceBinding, reading its applied-placement annotation.</summary>
    public static ScheduleDecision Decide(ClusterResourceBinding binding, IReadOnlyList<Cluster>? clusters = null) =>
        Decide(binding.Spec, binding.Status, binding.Metadata.Annotation(WellKnownAnnotations.AppliedPlacement), clusters);

    /// <param name="spec">binding spec</param>
    /// <param name="status">binding status</param>
    /// <param name="appliedPlacement">the policy.karmada.io/applied-placement annotation (null when absent)</param>
    /// <param name="clusters">current cluster snapshot, used to notice scheduled clusters being deleted</param>
    public static ScheduleDecision Decide(ResourceBindingSpec spec, ResourceBindingStatus? status, string? appliedPlacement,
        IReadOnlyList<Cluster>? clusters = null)
    {
        if (spec.Suspension?.Scheduling == true) return new(ScheduleDecisionKind.Skip, ReasonSuspended);
        if (spec.Placement is not { } placement) return new(ScheduleDecisionKind.Skip, ReasonNoPlacement);

        if (PlacementChanged(placement, appliedPlacement, status?.SchedulerObservingAffinityName))
            return new(ScheduleDecisionKind.Schedule, ReasonPlacementChanged);
        if (ReplicasChanged(spec, placement))
            return new(ScheduleDecisionKind.Schedule, ReasonReplicasChanged);
        if (SchedulingInput.IsRescheduleRequired(spec, status))
            return new(ScheduleDecisionKind.Schedule, ReasonRescheduleTriggered);
        if (spec.Replicas == 0 || placement.ReplicaSchedulingType() == ReplicaSchedulingTypes.Duplicated)
            return new(ScheduleDecisionKind.Schedule, ReasonAlwaysSchedule);
        if (clusters is not null && spec.Clusters is { Count: > 0 } targets)
        {
            foreach (var t in targets)
            {
                Cluster? found = null;
                foreach (var c in clusters) if (c.Metadata.Name == t.Name) { found = c; break; }
                if (found is null || found.Metadata.DeletionTimestamp is not null)
                    return new(ScheduleDecisionKind.Schedule, ReasonClusterDeleting);
            }
        }
        return new(ScheduleDecisionKind.UpToDate, ReasonUpToDate);
    }

    /// <summary>The value to write in the policy.karmada.io/applied-placement annotation after scheduling.</summary>
    public static string AppliedPlacementValue(Placement placement) => KarmadaJson.Serialize(placement);

    /// <summary>util.IsBindingReplicasChanged.</summary>
    public static bool ReplicasChanged(ResourceBindingSpec spec, Placement placement)
    {
        if (placement.ReplicaScheduling is null) return false;
        var type = placement.ReplicaSchedulingType();
        if (type == ReplicaSchedulingTypes.Duplicated)
        {
            if (spec.Clusters is null) return false;
            foreach (var t in spec.Clusters) if (t.Replicas != spec.Replicas) return true;
            return false;
        }
        if (type == ReplicaSchedulingTypes.Divided)
        {
            long sum = 0;
            if (spec.Clusters is not null) foreach (var t in spec.Clusters) sum += t.Replicas;
            return sum != spec.Replicas;
        }
        return false;
    }

    /// <summary>
    /// Compares the placement with the applied-placement annotation semantically (JSON, member order ignored). With
    /// clusterAffinities only the observed term is compared (a change to another term does not force a reschedule);
    /// without an observed term any change counts.
    /// </summary>
    public static bool PlacementChanged(Placement placement, string? appliedPlacement, string? observedAffinityName)
    {
        if (string.IsNullOrEmpty(appliedPlacement)) return true;
        JsonObject? applied;
        try
        {
            applied = JsonNode.Parse(appliedPlacement) as JsonObject;
        }
        catch (JsonException)
        {
            return true;
        }
        if (applied is null) return true;
        var current = (JsonObject)KarmadaJson.SerializeToNode(placement);
        try
        {
            applied = (JsonObject)KarmadaJson.SerializeToNode(KarmadaJson.Deserialize<Placement>(applied));
        }
        catch (JsonException)
        {
            return true;
        }

        var currentTerms = current["clusterAffinities"] as JsonArray;
        var appliedTerms = applied["clusterAffinities"] as JsonArray;
        current.Remove("clusterAffinities");
        applied.Remove("clusterAffinities");
        if (!JsonNode.DeepEquals(Sorted(current), Sorted(applied))) return true;
        if (currentTerms is null && appliedTerms is null) return false;
        if (currentTerms is null || appliedTerms is null) return true;
        if (string.IsNullOrEmpty(observedAffinityName))
            return !JsonNode.DeepEquals(Sorted(currentTerms), Sorted(appliedTerms));
        var a = FindTerm(currentTerms, observedAffinityName);
        var b = FindTerm(appliedTerms, observedAffinityName);
        if (a is null || b is null) return true;
        return !JsonNode.DeepEquals(Sorted(a), Sorted(b));
    }


    private static JsonNode? FindTerm(JsonArray terms, string name)
    {
        foreach (var t in terms)
            if (t is JsonObject o && o["affinityName"]?.GetValue<string>() == name) return o;
        return null;
    }

    private static JsonNode? Sorted(JsonNode? n) => n switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => n.DeepClone(),
    };
}
