using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Events;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;
using Flotilla.Scheduler.Core;
using RuntimeCondition = Flotilla.Runtime.Objects.Condition;

namespace Flotilla.Controllers.Scheduling;

/// <summary>
/// The scheduler as a controller (KARMADA.md §2.3): for each ResourceBinding (or ClusterResourceBinding) whose
/// schedulerName is ours, decides with <see cref="RescheduleDecider"/> whether to run <see cref="GenericScheduler"/>,
/// then merge-patches spec.clusters and the applied-placement annotation and writes the Scheduled condition,
/// schedulerObservedGeneration, lastScheduledTime and schedulerObservingAffinityName — each only when it changed.
/// Unschedulable and SchedulerError outcomes are retried with backoff; NoClusterFit clears spec.clusters and waits for
/// a cluster or binding change.
/// </summary>
public sealed class SchedulerController(
    IKubeClient client,
    SharedInformerFactory informers,
    GenericScheduler scheduler,
    IEventRecorder events,
    bool clusterScoped,
    TimeProvider? time = null,
    string schedulerName = SchedulerController.DefaultSchedulerName) : IReconciler<ObjectKey>
{
    public const string DefaultSchedulerName = "default-scheduler";

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly GroupVersionResource _resource = KarmadaResources.BindingResource(clusterScoped);

    /// <summary>What the controller watches: its bindings (spec changes) and Clusters (scheduling-relevant changes
    /// re-enqueue every binding).</summary>
    public ControllerWatches<ObjectKey> Watches()
    {
        var bindings = informers.Get(_resource).Cache;
        return new ControllerWatches<ObjectKey>()
            .For(_resource, EventPredicate.GenerationChanged)
            .Watches(KarmadaResources.Clusters, _ => bindings.Keys(), new EventPredicate(update: ClusterChangedForScheduling));
    }

    /// <summary>Labels, spec (taints, topology), deletion, readiness or API enablements changed.</summary>
    public static bool ClusterChangedForScheduling(JsonObject a, JsonObject b)
    {
        if (a.ResourceVersion() == b.ResourceVersion()) return false;
        if (a.Generation() != b.Generation() || a.IsDeleting() != b.IsDeleting()) return true;
        if (!JsonNode.DeepEquals(a["metadata"]?["labels"], b["metadata"]?["labels"])) return true;
        if (!JsonNode.DeepEquals(a["spec"], b["spec"])) return true;
        if (Conditions.Get(a, "Ready").GetString("status") != Conditions.Get(b, "Ready").GetString("status")) return true;
        return !JsonNode.DeepEquals(a["status"]?["apiEnablements"], b["status"]?["apiEnablements"]);
    }

    /// <summary>Typed Clusters memoised by cache snapshot (snapshots are never mutated): every binding's schedule reads
    /// every cluster, so each cluster version is deserialised once, not once per binding.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonObject, Cluster> TypedClusters = [];

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var bindingInformer = informers.Get(_resource);
        var clusterInformer = informers.Get(KarmadaResources.Clusters);
        await bindingInformer.WaitForSyncAsync(ct).ConfigureAwait(false);
        await clusterInformer.WaitForSyncAsync(ct).ConfigureAwait(false);
        var obj = bindingInformer.Cache.Get(key);
        if (obj is null || obj.IsDeleting()) return ReconcileResult.Done;
        var name = (obj["spec"]?["schedulerName"] as JsonValue)?.GetValue<string>();
        if (!string.IsNullOrEmpty(name) && name != schedulerName) return ReconcileResult.Done;

        var clusters = clusterInformer.Cache.List().Select(c => TypedClusters.GetValue(c, o => KarmadaJson.Deserialize<Cluster>(o))).ToList();
        ResourceBindingSpec spec;
        ResourceBindingStatus? status;
        ScheduleDecision decision;
        Func<ScheduleResult> schedule;
        if (clusterScoped)
        {
            var crb = KarmadaJson.Deserialize<ClusterResourceBinding>(obj);
            (spec, status) = (crb.Spec, crb.Status);
            decision = RescheduleDecider.Decide(crb, clusters);
            schedule = () => scheduler.Schedule(crb, clusters);
        }
        else
        {
            var rb = KarmadaJson.Deserialize<ResourceBinding>(obj);
            (spec, status) = (rb.Spec, rb.Status);
            decision = RescheduleDecider.Decide(rb, clusters);
            schedule = () => scheduler.Schedule(rb, clusters);
        }
        _ = spec;
        _ = status;

        if (decision.Kind == ScheduleDecisionKind.Skip) return ReconcileResult.Done;
        if (decision.Kind == ScheduleDecisionKind.UpToDate)
        {
            await ObjectWriter.UpdateStatusIfChangedAsync(client, _resource, obj,
                s => s["schedulerObservedGeneration"] = obj.Generation(), ct).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var result = schedule();
        var now = _time.GetUtcNow();
        var clustersChanged = false;
        if (result.ShouldPatchClusters)
        {
            var newClusters = KarmadaJson.SerializeToNode(result.Clusters?.ToList() ?? []);
            var applied = RescheduleDecider.AppliedPlacementValue(KarmadaJson.Deserialize<Placement>(obj["spec"]?["placement"] ?? new JsonObject()));
            var currentClusters = obj["spec"]?["clusters"] ?? new JsonArray();
            if (!JsonNode.DeepEquals(currentClusters, newClusters) || obj.Annotation(WellKnownAnnotations.AppliedPlacement) != applied)
            {
                clustersChanged = !JsonNode.DeepEquals(currentClusters, newClusters);
                var patch = new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["resourceVersion"] = obj.ResourceVersion(),
                        ["annotations"] = new JsonObject { [WellKnownAnnotations.AppliedPlacement] = applied },
                    },
                    ["spec"] = new JsonObject { ["clusters"] = newClusters },
                };
                obj = await client.PatchAsync(_resource, NsOf(key), key.Name, PatchType.Merge, patch.ToJsonString(), null, ct).ConfigureAwait(false);
            }
        }

        var condition = result.ToCondition(now, obj.Generation());
        var previousStatus = Conditions.Get(obj, BindingConditions.Scheduled).GetString("status");
        var written = await ObjectWriter.UpdateStatusIfChangedAsync(client, _resource, obj, s =>
        {
            if (s["conditions"] is not JsonArray list) s["conditions"] = list = [];
            var conditionChanged = Conditions.Set(list, new RuntimeCondition(condition.Type, condition.Status, condition.Reason, condition.Message), now);
            s["schedulerObservedGeneration"] = obj.Generation();
            if (result.AffinityName is { } affinity) s["schedulerObservingAffinityName"] = affinity;
            else s.Remove("schedulerObservingAffinityName");
            if (result.Succeeded && (clustersChanged || conditionChanged || s["lastScheduledTime"] is null))
                s["lastScheduledTime"] = Conditions.FormatTime(now);
        }, ct).ConfigureAwait(false);

        if (clustersChanged || previousStatus != condition.Status)
        {
            // Karmada records the outcome on the binding and on its resource template (so `kubectl describe` of the
            // Deployment shows where it was scheduled, or why not).
            var (type, reason, message) = result.Succeeded
                ? (EventTypes.Normal, SchedulerEvents.ReasonScheduleBindingSucceed, SchedulerEvents.Succeeded(result.Clusters, clusterScoped))
                : (EventTypes.Warning, SchedulerEvents.ReasonScheduleBindingFailed, result.Message);
            await events.RecordAsync(written.Object, type, reason, message, ct).ConfigureAwait(false);
            if (SchedulerEvents.TemplateReference(written.Object) is { } template)
                await events.RecordAsync(template, type, reason, message, ct).ConfigureAwait(false);
        }
        if (result.ShouldRetry) throw new SchedulingRetryException(result.Message);
        return ReconcileResult.Done;
    }

    private string? NsOf(ObjectKey key) => clusterScoped ? null : key.Namespace;
}
