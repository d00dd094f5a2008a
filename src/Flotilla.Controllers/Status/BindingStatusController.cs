using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Interpreter;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;
using RuntimeCondition = Flotilla.Runtime.Objects.Condition;
using ConditionStatus = Flotilla.Core.Karmada.ConditionStatus;

namespace Flotilla.Controllers.Status;

/// <summary>
/// Karmada's binding-status part of the binding controller plus status aggregation (KARMADA.md §2.7 steps 2–3): from
/// the Works of a binding it writes status.aggregatedStatus (per Work: applied, appliedMessage, status, health) and
/// the FullyApplied condition, then aggregates the members' status into the template's .status through
/// the interpreter's AggregateStatus (status subresource). Every write happens only when something changed.
/// </summary>
public sealed class BindingStatusController(
    IKubeClient client,
    SharedInformerFactory informers,
    IResourceInterpreter interpreter,
    bool clusterScoped,
    TimeProvider? time = null) : IReconciler<ObjectKey>
{
    public const string MessageFullyAppliedSuccess = "All works have been successfully applied";
    public const string MessageFullyAppliedFailed = "Failed to apply all works, see status.aggregatedStatus for details";

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly GroupVersionResource _resource = KarmadaResources.BindingResource(clusterScoped);
    private readonly string _idLabel = clusterScoped ? WellKnownLabels.ClusterResourceBindingPermanentId : WellKnownLabels.ResourceBindingPermanentId;

    public ControllerWatches<ObjectKey> Watches() =>
        new ControllerWatches<ObjectKey>()
            .For(_resource, EventPredicate.GenerationChanged)
            .Watches(KarmadaResources.Works, w => WorkIndex.BindingOf(w, clusterScoped) is { } k ? [k] : [],
                new EventPredicate(update: (a, b) => !JsonNode.DeepEquals(a["status"], b["status"]) || a.IsDeleting() != b.IsDeleting()))
            .Coalesced(StatusCoalesceWindow);

    /// <summary>Work status changes of one binding arriving within this window are aggregated in one pass: a binding
    /// over N clusters whose members report progress one after another costs one write per window, not one per
    /// report.</summary>
    public static readonly TimeSpan StatusCoalesceWindow = TimeSpan.FromMilliseconds(100);

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var bindings = informers.Get(_resource);
        var worksInformer = informers.Get(KarmadaResources.Works);
        await bindings.WaitForSyncAsync(ct).ConfigureAwait(false);
        await worksInformer.WaitForSyncAsync(ct).ConfigureAwait(false);
        var binding = bindings.Cache.Get(key);
        if (binding is null || binding.IsDeleting()) return ReconcileResult.Done;
        var works = WorkIndex.Of(worksInformer.Cache, binding.Label(_idLabel));
        var byCluster = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var w in works)
            if (Names.ClusterNameOfExecutionSpace(w.Namespace() ?? "") is { } c && !w.IsDeleting()) byCluster[c] = w;

        // Karmada's assembleWorkStatus: one item per Work of the binding (not being deleted), sorted by cluster name.
        // A Work not applied (yet) reports applied=false, its message and health Unknown, and no status; an applied
        // one the reflected status and health of its manifest.
        var aggregated = new JsonArray();
        var items = new List<ClusterStatusItem>();
        foreach (var (cluster, work) in byCluster)
        {
            var appliedCondition = Conditions.Get(work, WorkConditions.Applied);
            var applied = appliedCondition.GetString("status") == ConditionStatus.True;
            var item = new JsonObject { ["clusterName"] = cluster };
            JsonNode? status = null;
            var health = ResourceHealthValues.Unknown;
            if (applied)
            {
                var manifest = (work["status"]?["manifestStatuses"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
                status = manifest?["status"];
                if (status is not null) item["status"] = status.DeepClone();
                item["applied"] = true;
                health = manifest.GetString("health") is { Length: > 0 } h ? h : ResourceHealthValues.Unknown;
            }
            else if (appliedCondition.GetString("message") is { Length: > 0 } msg)
            {
                item["appliedMessage"] = msg;
            }
            item["health"] = health;
            aggregated.Add(item);
            items.Add(new ClusterStatusItem(cluster, status, applied, health));
        }

        // FullyApplied (generateFullyAppliedCondition): every cluster the binding exists in — scheduled, required by
        // a dependent binding, or still draining a graceful eviction — has an applied Work, and no other has one.
        var targets = ExistingClusters(binding["spec"] as JsonObject ?? []);
        var allApplied = targets.Count > 0 && aggregated.Count == targets.Count
            && items.All(i => i.Applied && targets.Contains(i.ClusterName));

        var now = _time.GetUtcNow();
        var fully = allApplied
            ? new RuntimeCondition(BindingConditions.FullyApplied, ConditionStatus.True, BindingConditions.ReasonFullyAppliedSuccess, MessageFullyAppliedSuccess)
            : new RuntimeCondition(BindingConditions.FullyApplied, ConditionStatus.False, BindingConditions.ReasonFullyAppliedFailed, MessageFullyAppliedFailed);
        // The common case — only aggregatedStatus changed — is a merge patch of the status subresource without a
        // resourceVersion precondition, so it does not conflict with the scheduler's concurrent status writes.
        var cachedFully = Conditions.Get(binding, BindingConditions.FullyApplied);
        var fullyUnchanged = targets.Count == 0
            ? cachedFully is null
            : cachedFully.GetString("status") == fully.Status && cachedFully.GetString("reason") == fully.Reason && cachedFully.GetString("message") == fully.Message;
        if (fullyUnchanged)
        {
            JsonNode? newAggregated = aggregated.Count == 0 ? null : aggregated;
            if (!JsonNode.DeepEquals(binding["status"]?["aggregatedStatus"], newAggregated))
            {
                var patch = new JsonObject { ["status"] = new JsonObject { ["aggregatedStatus"] = newAggregated?.DeepClone() } };
                await client.PatchAsync(_resource, clusterScoped ? null : key.Namespace, key.Name, PatchType.Merge, patch.ToJsonString(),
                    new WriteOptions { Subresource = "status" }, ct).ConfigureAwait(false);
            }
            await AggregateTemplateStatusAsync(binding["spec"]?["resource"] as JsonObject, items, ct).ConfigureAwait(false);
            return ReconcileResult.Done;
        }
        await ObjectWriter.UpdateStatusIfChangedAsync(client, _resource, binding, s =>
        {
            if (aggregated.Count == 0) s.Remove("aggregatedStatus");
            else s["aggregatedStatus"] = aggregated;
            if (targets.Count > 0 || Conditions.Find(s["conditions"] as JsonArray, BindingConditions.FullyApplied) is not null)
            {
                if (s["conditions"] is not JsonArray list) s["conditions"] = list = [];
                Conditions.Set(list, fully, now);
            }
        }, ct).ConfigureAwait(false);

        await AggregateTemplateStatusAsync(binding["spec"]?["resource"] as JsonObject, items, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>Karmada's ObtainBindingSpecExistingClusters: spec.clusters, the clusters of spec.requiredBy, and the
    /// source clusters of graceful eviction tasks whose purge mode is not Directly (Immediately).</summary>
    public static HashSet<string> ExistingClusters(JsonObject spec)
    {
        var clusters = BindingController.Targets(spec).Select(t => t.Cluster).ToHashSet(StringComparer.Ordinal);
        foreach (var task in (spec["gracefulEvictionTasks"] as JsonArray ?? []).OfType<JsonObject>())
            if (task.GetString("purgeMode") is not (PurgeModes.Directly or PurgeModes.Immediately) && task.GetString("fromCluster") is { Length: > 0 } from)
                clusters.Add(from);
        return clusters;
    }

    private async Task AggregateTemplateStatusAsync(JsonObject? resource, List<ClusterStatusItem> items, CancellationToken ct)
    {
        if (resource is null || items.Count == 0) return;
        // Kinds without an AggregateStatus interpreter (ConfigMaps of attached bindings, ...) need no template read.
        if (!interpreter.HookEnabled(resource.Gvk(), InterpreterOperation.AggregateStatus)) return;
        if (await ReferencedObjects.GetAsync(client, resource, ct).ConfigureAwait(false) is not { } found) return;
        var (template, api) = found;
        if (resource.GetString("uid") is { Length: > 0 } uid && uid != template.Uid()) return;
        if (interpreter.AggregateStatus(template, items) is not { } status) return;
        // A conflict (the template changed meanwhile) surfaces and requeues the binding.
        await ObjectWriter.UpdateStatusIfChangedAsync(client, api.Gvr, template, status, ct, useSubresource: api.HasStatus).ConfigureAwait(false);
    }
}
