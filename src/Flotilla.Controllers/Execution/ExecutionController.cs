using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Members;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Events;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;
using RuntimeCondition = Flotilla.Runtime.Objects.Condition;
using ConditionStatus = Flotilla.Core.Karmada.ConditionStatus;

namespace Flotilla.Controllers.Execution;

/// <summary>
/// Karmada's execution controller (KARMADA.md §2.5, §2.6): applies every Work of karmada-es-&lt;cluster&gt; to its
/// member cluster through <see cref="IMemberClientProvider"/>. Absent ⇒ create; present and Karmada-managed (or the
/// conflict resolution is overwrite) ⇒ Retain then update, skipped when already equal; present and not managed ⇒
/// Applied=False with Karmada's conflict message. The Work finalizer deletes member objects (Background) when the Work
/// goes, or with preserveResourcesOnDeletion strips Karmada's labels and annotations instead. suspendDispatching ⇒
/// Dispatching=False/SuspendDispatching and nothing is applied.
/// </summary>
public sealed class ExecutionController(
    IKubeClient client,
    SharedInformerFactory informers,
    IMemberClientProvider members,
    IResourceInterpreter interpreter,
    IEventRecorder events,
    TimeProvider? time = null,
    string? onlyNamespace = null) : IReconciler<ObjectKey>
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public ControllerWatches<ObjectKey> Watches()
    {
        var w = new ControllerWatches<ObjectKey>();
        if (onlyNamespace is null) w.For(KarmadaResources.Works, EventPredicate.GenerationChanged);
        else w.ForNamespace(KarmadaResources.Works, onlyNamespace, EventPredicate.GenerationChanged);
        var works = informers.Get(KarmadaResources.Works, onlyNamespace).Cache;
        // A cluster becoming ready again (or its credentials changing) re-applies its Works.
        return w.Watches(KarmadaResources.Clusters, c => works.List(Names.ExecutionSpace(c.Name() ?? "")).Select(o => o.Key()),
            new EventPredicate(create: _ => false,
                update: (a, b) => Conditions.Get(a, "Ready").GetString("status") != Conditions.Get(b, "Ready").GetString("status")
                    || !JsonNode.DeepEquals(a["spec"], b["spec"]),
                delete: _ => false));
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var worksInformer = informers.Get(KarmadaResources.Works, onlyNamespace);
        await worksInformer.WaitForSyncAsync(ct).ConfigureAwait(false);
        var work = worksInformer.Cache.Get(key);
        if (work is null) return ReconcileResult.Done;
        var cluster = Names.ClusterNameOfExecutionSpace(key.Namespace);
        if (cluster is null) return ReconcileResult.Done;
        var clusterObj = informers.Get(KarmadaResources.Clusters).Cache.Get(null, cluster);
        // In the control plane only Push clusters are applied to; a Pull cluster's agent runs this controller itself.
        if (onlyNamespace is null && IsPull(clusterObj)) return ReconcileResult.Done;

        if (work.IsDeleting())
        {
            if (!work.HasFinalizer(WellKnownFinalizers.Execution)) return ReconcileResult.Done;
            if (clusterObj is not null && !clusterObj.IsDeleting())
                await CleanUpMemberAsync(work, cluster, ct).ConfigureAwait(false);
            await ObjectWriter.RemoveFinalizerAsync(client, KarmadaResources.Works, work, WellKnownFinalizers.Execution, ct).ConfigureAwait(false);
            return ReconcileResult.Done;
        }
        work = (await ObjectWriter.EnsureFinalizerAsync(client, KarmadaResources.Works, work, WellKnownFinalizers.Execution, ct).ConfigureAwait(false)).Object;

        var now = _time.GetUtcNow();
        var suspended = work["spec"]?["suspendDispatching"] is JsonValue sv && sv.TryGetValue<bool>(out var s) && s;
        var dispatching = suspended
            ? new RuntimeCondition(WorkConditions.Dispatching, ConditionStatus.False, WorkConditions.ReasonSuspendDispatching, WorkConditions.MessageSuspendDispatching)
            : new RuntimeCondition(WorkConditions.Dispatching, ConditionStatus.True, WorkConditions.ReasonDispatching, WorkConditions.MessageDispatching);
        if (suspended)
        {
            await WriteConditionsAsync(work, now, dispatching, null, ct).ConfigureAwait(false);
            return ReconcileResult.Done;
        }
        if (clusterObj is null) throw new MemberClusterUnavailableException(cluster, "no such Cluster");
        if (Conditions.IsFalse(clusterObj, "Ready"))
            return ReconcileResult.After(TimeSpan.FromSeconds(5)); // Karmada does not sync to a not-ready cluster

        var errors = new List<string>();
        var wrote = false;
        // The first apply also reports what it got back from the member as manifestStatuses, so the Work's status is
        // written once instead of twice (the work-status controller then finds it current and keeps it up to date).
        var firstStatuses = (work["status"] as JsonObject)?["manifestStatuses"] is null ? new JsonArray() : null;
        try
        {
            var member = await members.GetAsync(cluster, ct).ConfigureAwait(false);
            var manifests = work["spec"]?["workload"]?["manifests"] as JsonArray ?? [];
            // Before the first successful apply the member object most likely does not exist: create first and read
            // only on AlreadyExists (one round trip instead of two).
            var firstApply = Conditions.Get(work, WorkConditions.Applied).GetString("status") != ConditionStatus.True;
            var ordinal = 0;
            foreach (var m in manifests.OfType<JsonObject>())
            {
                var i = ordinal++;
                try
                {
                    var (changed, api, live) = await ApplyAsync(member, m, cluster, firstApply, ct).ConfigureAwait(false);
                    wrote |= changed;
                    firstStatuses?.Add(Status.WorkStatusController.ManifestStatusEntry(api, i, m, live, interpreter));
                }
                catch (Exception e) when (e is ApiStatusException or ManifestConflictException or HttpRequestException)
                {
                    errors.Add(e.Message);
                }
            }
        }
        catch (MemberClusterUnavailableException e)
        {
            errors.Add(e.Message);
        }

        var applied = errors.Count == 0
            ? new RuntimeCondition(WorkConditions.Applied, ConditionStatus.True, WorkConditions.ReasonAppliedSuccessful, WorkConditions.MessageAppliedSuccessful)
            : new RuntimeCondition(WorkConditions.Applied, ConditionStatus.False, WorkConditions.ReasonAppliedFailed, string.Join("; ", errors));
        var statusChanged = await WriteConditionsAsync(work, now, dispatching, applied, ct,
            errors.Count == 0 && firstStatuses is { Count: > 0 } ? firstStatuses : null).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            await events.RecordAsync(work, EventTypes.Warning, ExecutionEvents.ReasonSyncWorkloadFailed,
                ExecutionEvents.SyncFailed(work.Namespace(), work.Name(), cluster, applied.Message), ct).ConfigureAwait(false);
            throw new InvalidOperationException($"applying work {key} to cluster {cluster} failed: {applied.Message}");
        }
        if (wrote || statusChanged)
            await events.RecordAsync(work, EventTypes.Normal, ExecutionEvents.ReasonSyncWorkloadSucceed,
                ExecutionEvents.SyncSucceeded(work.Namespace(), work.Name(), cluster), ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>spec.syncMode is Pull.</summary>
    public static bool IsPull(JsonObject? cluster) => (cluster?["spec"] as JsonObject).GetString("syncMode") == "Pull";

    /// <summary>Applies one manifest: whether the member object was written, its API and the member object as it
    /// now stands.</summary>
    private async Task<(bool Wrote, ApiResource Api, JsonObject Live)> ApplyAsync(IKubeClient member, JsonObject manifest, string cluster, bool createFirst, CancellationToken ct)
    {
        var api = await member.ResolveAsync(manifest.Gvk(), ct).ConfigureAwait(false);
        var ns = api.Namespaced ? manifest.Namespace() : null;
        var name = manifest.Name() ?? "";
        var live = createFirst ? null : await member.GetAsync(api.Gvr, ns, name, ct).ConfigureAwait(false);
        if (live is null)
        {
            try
            {
                var created = await member.CreateAsync(api.Gvr, manifest.DeepCloneObject(), null, ct).ConfigureAwait(false);
                return (true, api, created);
            }
            catch (ApiStatusException e) when (e.IsAlreadyExists)
            {
                live = await member.GetAsync(api.Gvr, ns, name, ct).ConfigureAwait(false);
                if (live is null) throw;
            }
        }
        var managed = live.Label(WellKnownLabels.Managed) == WorkAnnotationValues.ManagedTrue;
        var overwrite = manifest.Annotation(WellKnownAnnotations.ConflictResolution) == WorkAnnotationValues.ConflictOverwrite;
        if (!managed && !overwrite)
            throw new ManifestConflictException(ExecutionEvents.ConflictAbort(manifest.Kind() ?? "", ns, name, cluster));
        var desired = interpreter.Retain(manifest, live);
        if (SemanticEquality.IsUpToDate(desired, live)) return (false, api, live);
        desired.Metadata()["resourceVersion"] = live.ResourceVersion();
        var updated = await member.UpdateAsync(api.Gvr, desired, null, ct).ConfigureAwait(false);
        return (true, api, updated);
    }

    private async Task CleanUpMemberAsync(JsonObject work, string cluster, CancellationToken ct)
    {
        IKubeClient member;
        try { member = await members.GetAsync(cluster, ct).ConfigureAwait(false); }
        catch (MemberClusterUnavailableException) { return; }
        var preserve = work["spec"]?["preserveResourcesOnDeletion"] is JsonValue pv && pv.TryGetValue<bool>(out var p) && p;
        foreach (var m in (work["spec"]?["workload"]?["manifests"] as JsonArray ?? []).OfType<JsonObject>())
        {
            ApiResource api;
            try { api = await member.ResolveAsync(m.Gvk(), ct).ConfigureAwait(false); }
            catch (ApiStatusException e) when (e.IsNotFound) { continue; }
            var ns = api.Namespaced ? m.Namespace() : null;
            var live = await member.GetAsync(api.Gvr, ns, m.Name() ?? "", ct).ConfigureAwait(false);
            if (live is null) continue;
            // Only objects this Work manages are touched.
            if (live.Annotation(WellKnownAnnotations.WorkName) is { } wn && wn != work.Name()) continue;
            if (preserve)
            {
                var stripped = WorkManifestBuilder.StripKarmadaMetadata(live);
                if (!JsonNode.DeepEquals(stripped, live)) await member.UpdateAsync(api.Gvr, stripped, null, ct).ConfigureAwait(false);
            }
            else if (live.Label(WellKnownLabels.Managed) == WorkAnnotationValues.ManagedTrue)
            {
                await member.DeleteAsync(api.Gvr, ns, live.Name()!, new DeleteOptions { PropagationPolicy = "Background" }, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> WriteConditionsAsync(JsonObject work, DateTimeOffset now, RuntimeCondition dispatching, RuntimeCondition? applied,
        CancellationToken ct, JsonArray? manifestStatuses = null)
    {
        var outcome = await ObjectWriter.UpdateStatusIfChangedAsync(client, KarmadaResources.Works, work, s =>
        {
            if (s["conditions"] is not JsonArray list) s["conditions"] = list = [];
            Conditions.Set(list, dispatching, now);
            if (applied is not null) Conditions.Set(list, applied, now);
            if (manifestStatuses is not null && s["manifestStatuses"] is null) s["manifestStatuses"] = manifestStatuses;
        }, ct).ConfigureAwait(false);
        return outcome.Changed;
    }
}
