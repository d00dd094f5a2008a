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
/// the Works of a binding it writes status.aggregatedStatus (per scheduled cluster: applied, appliedMessage, status,
/// health) and the FullyApplied condition, then aggregates the members' status into the template's .status through
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
        var byCluster = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var w in works)
            if (Names.ClusterNameOfExecutionSpace(w.Namespace() ?? "") is { } c && !w.IsDeleting()) byCluster[c] = w;

        var targets = BindingController.Targets(binding["spec"] as JsonObject ?? []).Where(t => t.Scheduled).Select(t => t.Cluster).ToList();
        var aggregated = new JsonArray();
        var items = new List<ClusterStatusItem>();
        var allApplied = targets.Count > 0;
        foreach (var cluster in targets)
        {
            if (!byCluster.TryGetValue(cluster, out var work))
            {
                allApplied = false;
                continue;
            }
            var appliedCondition = Conditions.Get(work, WorkConditions.Applied);
            var applied = appliedCondition.GetString("status") == ConditionStatus.True;
            allApplied &= applied;
            var manifest = (work["status"]?["manifestStatuses"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
            var item = new JsonObject { ["clusterName"] = cluster };
            if (manifest?["status"] is { } st) item["status"] = st.DeepClone();
            if (applied) item["applied"] = true;
            else if (appliedCondition.GetString("message") is { Length: > 0 } msg) item["appliedMessage"] = msg;
            var health = manifest.GetString("health") ?? ResourceHealthValues.Unknown;
            item["health"] = health;
            aggregated.Add(item);
            if (appliedCondition is not null) items.Add(new ClusterStatusItem(cluster, manifest?["status"], applied, health));
        }

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

    private async Task AggregateTemplateStatusAsync(JsonObject? resource, List<ClusterStatusItem> items, CancellationToken ct)
    {
        if (resource is null || items.Count == 0) return;
        if (await ReferencedObjects.GetAsync(client, resource, ct).ConfigureAwait(false) is not { } found) return;
        var (template, api) = found;
        if (resource.GetString("uid") is { Length: > 0 } uid && uid != template.Uid()) return;
        if (interpreter.AggregateStatus(template, items) is not { } status) return;
        // A conflict (the template changed meanwhile) surfaces and requeues the binding.
        await ObjectWriter.UpdateStatusIfChangedAsync(client, api.Gvr, template, status, ct, useSubresource: api.HasStatus).ConfigureAwait(false);
    }
}
