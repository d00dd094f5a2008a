using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Members;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;

namespace Flotilla.Controllers.Status;

/// <summary>
/// Karmada's work-status controller (KARMADA.md §2.7 step 1): watches the propagated objects in the members (through
/// <see cref="MemberInformers"/>), and writes ReflectStatus + InterpretHealth of each into
/// Work.status.manifestStatuses when it changed. A member object deleted behind Karmada's back is re-created by asking
/// the execution controller to sync the Work again (<see cref="RequestResync"/>).
/// </summary>
public sealed class WorkStatusController(
    IKubeClient client,
    SharedInformerFactory informers,
    MemberInformers memberInformers,
    IResourceInterpreter interpreter,
    string? onlyNamespace = null) : IReconciler<ObjectKey>
{
    /// <summary>Re-runs the execution controller for a Work (wired by the registration).</summary>
    public Action<ObjectKey>? RequestResync { get; set; }

    public ControllerWatches<ObjectKey> Watches()
    {
        var w = new ControllerWatches<ObjectKey>();
        return onlyNamespace is null
            ? w.For(KarmadaResources.Works, EventPredicate.ResourceVersionChanged)
                .Watches(KarmadaResources.Clusters, _ => [], new EventPredicate(_ => false, (_, _) => false, _ => false)) // sync mode lookups
            : w.ForNamespace(KarmadaResources.Works, onlyNamespace, EventPredicate.ResourceVersionChanged);
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var works = informers.Get(KarmadaResources.Works, onlyNamespace);
        await works.WaitForSyncAsync(ct).ConfigureAwait(false);
        var work = works.Cache.Get(key);
        if (work is null || work.IsDeleting()) return ReconcileResult.Done;
        if (!Conditions.IsTrue(work, WorkConditions.Applied)) return ReconcileResult.Done; // nothing to observe yet
        var cluster = Names.ClusterNameOfExecutionSpace(key.Namespace);
        if (cluster is null) return ReconcileResult.Done;
        if (onlyNamespace is null && Execution.ExecutionController.IsPull(informers.Get(KarmadaResources.Clusters).Cache.Get(null, cluster)))
            return ReconcileResult.Done; // the cluster's agent reports status itself

        var statuses = new JsonArray();
        var manifests = work["spec"]?["workload"]?["manifests"] as JsonArray ?? [];
        var ordinal = 0;
        var missing = false;
        foreach (var m in manifests.OfType<JsonObject>())
        {
            var i = ordinal++;
            IKubeClient member;
            Informer informer;
            ApiResource api;
            try
            {
                member = await memberInformers.ClientAsync(cluster, ct).ConfigureAwait(false);
                api = await member.ResolveAsync(m.Gvk(), ct).ConfigureAwait(false);
                (_, informer) = await memberInformers.GetAsync(cluster, api.Gvr, ct).ConfigureAwait(false);
            }
            catch (MemberClusterUnavailableException)
            {
                return ReconcileResult.After(TimeSpan.FromSeconds(10));
            }
            await informer.WaitForSyncAsync(ct).ConfigureAwait(false);
            var observed = informer.Cache.Get(api.Namespaced ? m.Namespace() : null, m.Name() ?? "");
            if (observed is null)
            {
                // Either the member's watch has not delivered the object the execution controller just created, or it
                // was deleted behind our back. The status last reported for it stays until the execution controller
                // (asked below) has checked the member itself and, if need be, created it again.
                missing = true;
                if (Reported(work, i, m) is { } previous) statuses.Add(previous.DeepClone());
                continue;
            }
            statuses.Add(ManifestStatusEntry(api, i, m, observed, interpreter));
        }
        if (missing) RequestResync?.Invoke(key); // deleted behind our back: the execution controller re-creates it

        await ObjectWriter.UpdateStatusIfChangedAsync(client, KarmadaResources.Works, work, s =>
        {
            if (statuses.Count == 0) s.Remove("manifestStatuses");
            else s["manifestStatuses"] = statuses;
        }, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>The manifestStatuses item the Work reports for manifest <paramref name="ordinal"/>, if any.</summary>
    private static JsonObject? Reported(JsonObject work, int ordinal, JsonObject manifest) =>
        ((work["status"] as JsonObject)?["manifestStatuses"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(e =>
            e["identifier"] is JsonObject id && id["ordinal"] is JsonValue o && o.TryGetValue<int>(out var n) && n == ordinal
            && id.GetString("kind") == manifest.Kind() && id.GetString("name") == manifest.Name());

    /// <summary>One item of Work.status.manifestStatuses: the manifest's identifier, the reflected status and the
    /// health of the member object <paramref name="observed"/>.</summary>
    public static JsonObject ManifestStatusEntry(ApiResource api, int ordinal, JsonObject manifest, JsonObject observed, IResourceInterpreter interpreter)
    {
        var entry = new JsonObject
        {
            ["identifier"] = new JsonObject
            {
                ["ordinal"] = ordinal,
                ["group"] = api.Group,
                ["version"] = api.Version,
                ["kind"] = api.Kind,
                ["resource"] = api.Plural,
                ["namespace"] = api.Namespaced ? manifest.Namespace() : "",
                ["name"] = manifest.Name(),
            },
        };
        if (interpreter.ReflectStatus(observed) is { } reflected) entry["status"] = reflected.DeepClone();
        entry["health"] = interpreter.InterpretHealth(observed).ToApiValue();
        return entry;
    }
}
