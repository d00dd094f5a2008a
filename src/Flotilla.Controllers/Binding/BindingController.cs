using System.Text.Json.Nodes;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Overrides;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Events;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;
using Condition = Flotilla.Runtime.Objects.Condition;
using ConditionStatus = Flotilla.Runtime.Objects.ConditionStatus;

namespace Flotilla.Controllers.Binding;

/// <summary>
/// Karmada's binding controller (KARMADA.md §2.4): for every target cluster of a ResourceBinding or
/// ClusterResourceBinding (spec.clusters ∪ spec.requiredBy[].clusters) it deep-copies the template, revises its
/// replicas when the placement divides them (a Divided Job also gets its completions split by the same weights),
/// applies the override policies, adds Karmada's labels and annotations and creates or updates the Work
/// <c>karmada-es-&lt;cluster&gt;/&lt;workName&gt;</c>; Works of clusters no longer targeted are deleted. An override
/// error is reported on the binding (Warning event) and skips only that cluster. Deleting the binding deletes its
/// Works before its finalizer is removed. Reads come from informer caches; a Work equal to the desired one is not
/// written.
/// </summary>
public sealed class BindingController(
    IKubeClient client,
    SharedInformerFactory informers,
    IResourceInterpreter interpreter,
    IEventRecorder events,
    bool clusterScoped,
    OverrideEngine? overrides = null,
    TimeProvider? time = null) : IReconciler<ObjectKey>
{
    /// <summary>Condition on the binding saying whether every target cluster's overrides applied (Flotilla's
    /// addition: Karmada only records an event). Written when an override fails, and kept current afterwards.</summary>
    public const string OverridesAppliedCondition = "OverridesApplied";

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly GroupVersionResource _resource = KarmadaResources.BindingResource(clusterScoped);
    private readonly OverrideEngine _overrides = overrides ?? new OverrideEngine();
    private readonly ExecutionSpaces _spaces = new(client, informers);
    private readonly string _finalizer = clusterScoped ? WellKnownFinalizers.ClusterResourceBinding : WellKnownFinalizers.ResourceBinding;
    private readonly string _idLabel = clusterScoped ? WellKnownLabels.ClusterResourceBindingPermanentId : WellKnownLabels.ResourceBindingPermanentId;

    public ControllerWatches<ObjectKey> Watches()
    {
        var bindings = informers.Get(_resource).Cache;
        IEnumerable<ObjectKey> All(JsonObject _) => bindings.Keys();
        IEnumerable<ObjectKey> OwnerOf(JsonObject work) => WorkIndex.BindingOf(work, clusterScoped) is { } k ? [k] : [];
        return new ControllerWatches<ObjectKey>()
            .For(_resource, EventPredicate.GenerationChanged)
            .Watches(KarmadaResources.Works, OwnerOf, new EventPredicate(create: _ => false, update: EventPredicate.GenerationChanged.Update))
            .Watches(KarmadaResources.OverridePolicies, All, EventPredicate.ResourceVersionChanged)
            .Watches(KarmadaResources.ClusterOverridePolicies, All, EventPredicate.ResourceVersionChanged)
            .Watches(KarmadaResources.Clusters, All, new EventPredicate(create: _ => false,
                update: (a, b) => a.IsDeleting() != b.IsDeleting() || !JsonNode.DeepEquals(a["metadata"]?["labels"], b["metadata"]?["labels"])
                    || !JsonNode.DeepEquals(a["spec"], b["spec"]), delete: _ => false));
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var bindingInformer = informers.Get(_resource);
        var worksInformer = informers.Get(KarmadaResources.Works);
        await bindingInformer.WaitForSyncAsync(ct).ConfigureAwait(false);
        await worksInformer.WaitForSyncAsync(ct).ConfigureAwait(false);
        var binding = bindingInformer.Cache.Get(key);
        if (binding is null) return ReconcileResult.Done;
        var id = binding.Label(_idLabel);
        var works = WorkIndex.Of(worksInformer.Cache, id);

        if (binding.IsDeleting())
        {
            foreach (var w in works)
                if (!w.IsDeleting()) await DeleteWorkAsync(w, ct).ConfigureAwait(false);
            if (works.Count > 0) return ReconcileResult.Done; // Work deletions re-enqueue the binding
            await ObjectWriter.RemoveFinalizerAsync(client, _resource, binding, _finalizer, ct).ConfigureAwait(false);
            return ReconcileResult.Done;
        }
        binding = (await ObjectWriter.EnsureFinalizerAsync(client, _resource, binding, _finalizer, ct).ConfigureAwait(false)).Object;

        var spec = binding["spec"] as JsonObject ?? [];
        var template = await GetTemplateAsync(spec["resource"] as JsonObject, ct).ConfigureAwait(false);
        if (template is null) return ReconcileResult.Done;

        var targets = Targets(spec);
        var bindingReplicas = JsonValues.Int(spec["replicas"]);
        var clusterCache = informers.Get(KarmadaResources.Clusters).Cache;
        var cops = informers.Get(KarmadaResources.ClusterOverridePolicies).Cache.List().Select(OverridePolicyEntry.FromJson).ToList();
        var ops = string.IsNullOrEmpty(template.Namespace())
            ? []
            : informers.Get(KarmadaResources.OverridePolicies).Cache.List(template.Namespace()).Select(OverridePolicyEntry.FromJson).ToList();
        var conflictResolution = spec.GetString("conflictResolution");
        var preserve = spec["preserveResourcesOnDeletion"] is JsonValue pv && pv.TryGetValue<bool>(out var p) && p;
        var failures = new List<string>();
        var revise = NeedReviseReplicas(spec, bindingReplicas);
        var completions = revise ? DivideJobCompletions(template, targets) : null;

        foreach (var (cluster, replicas, scheduled) in targets)
        {
            var manifest = template;
            if (revise && scheduled)
                manifest = interpreter.ReviseReplica(template, replicas, completions?.GetValueOrDefault(cluster));
            var overridden = _overrides.Apply(manifest, TargetCluster(clusterCache.Get(null, cluster), cluster), cops, ops);
            if (!overridden.Succeeded)
            {
                failures.Add($"cluster {cluster}: {overridden.Error}");
                await events.RecordAsync(template, EventTypes.Warning, OverrideEvents.ReasonApplyOverridePolicyFailed,
                    OverrideEvents.Failed(overridden.Error, cluster), ct).ConfigureAwait(false);
                continue;
            }
            var workNs = Names.ExecutionSpace(cluster);
            var workName = Names.WorkName(template.Kind() ?? "", template.Name() ?? "", template.Namespace());
            var existing = worksInformer.Cache.Get(workNs, workName);
            var workId = existing?.Label(WellKnownLabels.WorkPermanentId) ?? Guid.NewGuid().ToString();
            var built = WorkManifestBuilder.Build(overridden.Manifest, new WorkManifestContext
            {
                BindingName = key.Name,
                BindingNamespace = clusterScoped ? null : key.Namespace,
                BindingPermanentId = id,
                ClusterName = cluster,
                WorkPermanentId = workId,
                ConflictResolution = conflictResolution,
                AppliedOverrides = overridden.AppliedOverridesAnnotation,
                AppliedClusterOverrides = overridden.AppliedClusterOverridesAnnotation,
            }, interpreter);
            await EnsureWorkAsync(existing, built, workId, Suspended(spec, cluster), preserve, ct).ConfigureAwait(false);
        }

        // Orphans: Works of clusters no longer targeted.
        var targeted = targets.Select(t => t.Cluster).ToHashSet(StringComparer.Ordinal);
        foreach (var w in works)
        {
            var cluster = Names.ClusterNameOfExecutionSpace(w.Namespace() ?? "");
            if (cluster is null || targeted.Contains(cluster) || w.IsDeleting()) continue;
            if (InNonDirectEviction(spec, cluster)) continue;
            await DeleteWorkAsync(w, ct).ConfigureAwait(false);
        }

        await ReportOverridesAsync(binding, failures, ct).ConfigureAwait(false);
        if (failures.Count > 0) throw new InvalidOperationException("applying overrides failed: " + string.Join("; ", failures));
        return ReconcileResult.Done;
    }

    private async Task ReportOverridesAsync(JsonObject binding, List<string> failures, CancellationToken ct)
    {
        var had = Conditions.Get(binding, OverridesAppliedCondition) is not null;
        if (failures.Count == 0 && !had) return;
        var message = failures.Count == 0 ? "Overrides applied to every target cluster." : string.Join("; ", failures);
        if (failures.Count > 0)
            await events.RecordAsync(binding, EventTypes.Warning, OverrideEvents.ReasonApplyOverridePolicyFailed, message, ct).ConfigureAwait(false);
        var condition = failures.Count == 0
            ? new Condition(OverridesAppliedCondition, ConditionStatus.True, "Success", message, binding.Generation())
            : new Condition(OverridesAppliedCondition, ConditionStatus.False, OverrideEvents.ReasonApplyOverridePolicyFailed, message, binding.Generation());
        await ObjectWriter.UpdateStatusIfChangedAsync(client, _resource, binding,
            s => Conditions.SetInStatus(s, condition, _time.GetUtcNow()), ct).ConfigureAwait(false);
    }

    private async Task EnsureWorkAsync(JsonObject? existing, WorkManifest built, string workId, bool suspend, bool preserve, CancellationToken ct)
    {
        var desired = existing?.DeepCloneObject() ?? new JsonObject
        {
            ["apiVersion"] = Work.ApiVersionValue,
            ["kind"] = Work.KindValue,
            // Created with the execution controller's finalizer, as Karmada's binding controller does: the member
            // object is cleaned up even when the Work is deleted before its first apply.
            ["metadata"] = new JsonObject
            {
                ["name"] = built.WorkName,
                ["namespace"] = built.WorkNamespace,
                ["finalizers"] = new JsonArray(WellKnownFinalizers.Execution),
            },
        };
        foreach (var (k, v) in built.WorkLabels) desired.SetLabel(k, v);
        desired.SetLabel(WellKnownLabels.WorkPermanentId, workId);
        foreach (var a in (string[])[WellKnownAnnotations.AppliedOverrides, WellKnownAnnotations.AppliedClusterOverrides])
            if (!built.WorkAnnotations.ContainsKey(a)) desired.SetAnnotation(a, null);
        foreach (var (k, v) in built.WorkAnnotations) desired.SetAnnotation(k, v);
        var workSpec = new JsonObject { ["workload"] = new JsonObject { ["manifests"] = new JsonArray(built.Manifest) } };
        if (suspend) workSpec["suspendDispatching"] = true;
        if (preserve) workSpec["preserveResourcesOnDeletion"] = true;
        desired["spec"] = workSpec;
        if (existing is null)
        {
            await _spaces.EnsureAsync(built.WorkNamespace, ct).ConfigureAwait(false);
            try
            {
                await client.CreateAsync(KarmadaResources.Works, desired, null, ct).ConfigureAwait(false);
            }
            catch (ApiStatusException e) when (e.IsAlreadyExists)
            {
                throw new ApiStatusException(409, StatusReasons.Conflict, "work created concurrently; retrying: " + e.Message);
            }
            return;
        }
        if (existing.IsDeleting()) throw new InvalidOperationException($"work {built.WorkNamespace}/{built.WorkName} is being deleted; retrying");
        if (JsonNode.DeepEquals(existing, desired)) return;
        await client.UpdateAsync(KarmadaResources.Works, desired, null, ct).ConfigureAwait(false);
    }

    private Task DeleteWorkAsync(JsonObject work, CancellationToken ct) =>
        client.DeleteAsync(KarmadaResources.Works, work.Namespace(), work.Name()!, new DeleteOptions { PropagationPolicy = "Background" }, ct);

    private async Task<JsonObject?> GetTemplateAsync(JsonObject? resource, CancellationToken ct)
    {
        if (await ReferencedObjects.GetAsync(client, resource, ct).ConfigureAwait(false) is not { } found) return null;
        var uid = resource!.GetString("uid");
        return string.IsNullOrEmpty(uid) || uid == found.Obj.Uid() ? found.Obj : null;
    }

    /// <summary>Karmada's needReviseReplicas: only a workload (spec.replicas &gt; 0) whose placement divides replicas gets
    /// per-cluster replicas; a Duplicated (or placement-less) binding sends the template's replicas unchanged.</summary>
    public static bool NeedReviseReplicas(JsonObject spec, int bindingReplicas)
    {
        if (bindingReplicas <= 0 || spec["placement"] is not JsonObject placement) return false;
        return KarmadaJson.Deserialize<Placement>(placement).ReplicaSchedulingType() == ReplicaSchedulingTypes.Divided;
    }

    /// <summary>Karmada's divideReplicasByJobCompletions: a Divided Job that sets spec.completions gets them split over
    /// its scheduled clusters in proportion to their replicas (null for other kinds or when completions is unset, as
    /// for work-queue Jobs).</summary>
    public static IReadOnlyDictionary<string, long>? DivideJobCompletions(JsonObject template, IReadOnlyList<(string Cluster, int Replicas, bool Scheduled)> targets)
    {
        if (template.Gvk() != NativeKinds.Job || JsonValues.Long(template["spec"]?["completions"]) is not { } completions) return null;
        return JobCompletions.Divide(completions, targets.Where(t => t.Scheduled).Select(t => (t.Cluster, t.Replicas)).ToList());
    }

    /// <summary>spec.clusters (scheduled, with replicas) then requiredBy clusters not already present.</summary>
    public static List<(string Cluster, int Replicas, bool Scheduled)> Targets(JsonObject spec)
    {
        var result = new List<(string, int, bool)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (spec["clusters"] is JsonArray clusters)
            foreach (var c in clusters.OfType<JsonObject>())
                if (c.GetString("name") is { Length: > 0 } n && seen.Add(n))
                    result.Add((n, JsonValues.Int(c["replicas"]), true));
        if (spec["requiredBy"] is JsonArray requiredBy)
            foreach (var rb in requiredBy.OfType<JsonObject>())
                if (rb["clusters"] is JsonArray rc)
                    foreach (var c in rc.OfType<JsonObject>())
                        if (c.GetString("name") is { Length: > 0 } n && seen.Add(n)) result.Add((n, 0, false));
        return result;
    }

    private static bool Suspended(JsonObject spec, string cluster)
    {
        if (spec["suspension"] is not JsonObject s) return false;
        if (s["dispatching"] is JsonValue d && d.TryGetValue<bool>(out var all) && all) return true;
        return s["dispatchingOnClusters"]?["clusterNames"] is JsonArray names && names.Any(n => n?.GetValue<string>() == cluster);
    }

    private static bool InNonDirectEviction(JsonObject spec, string cluster) =>
        spec["gracefulEvictionTasks"] is JsonArray tasks && tasks.OfType<JsonObject>().Any(t =>
            t.GetString("fromCluster") == cluster && t.GetString("purgeMode") is not (PurgeModes.Directly or PurgeModes.Immediately));

    private static OverrideTargetCluster TargetCluster(JsonObject? cluster, string name)
    {
        if (cluster is null) return OverrideTargetCluster.Named(name);
        var spec = cluster["spec"] as JsonObject;
        var zones = spec?["zones"] is JsonArray z ? z.Select(n => n?.GetValue<string>() ?? "").ToList() : null;
        return new OverrideTargetCluster(name, cluster.Labels(), spec.GetString("provider"), spec.GetString("region"), zones);
    }
}
