using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Interpreter;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Informers;

namespace Flotilla.Controllers.Namespaces;

/// <summary>
/// Karmada's namespace sync controller (KARMADA.md §2.6): every namespace of the control plane except the reserved
/// ones (karmada-system, karmada-cluster, karmada-es-*, kube-*, default) and those labelled
/// namespace.karmada.io/skip-auto-propagation=true gets a Work in every cluster's execution namespace (no binding),
/// so it exists in every member, including clusters that join later. A deleted namespace's Works are deleted.
/// </summary>
public sealed class NamespaceSyncController(IKubeClient client, SharedInformerFactory informers, IResourceInterpreter interpreter) : IReconciler<ObjectKey>
{
    private readonly ExecutionSpaces _spaces = new(client, informers);

    public ControllerWatches<ObjectKey> Watches()
    {
        var namespaces = informers.Get(KarmadaResources.Namespaces).Cache;
        return new ControllerWatches<ObjectKey>()
            .For(KarmadaResources.Namespaces, EventPredicate.ResourceVersionChanged)
            .Watches(KarmadaResources.Clusters, _ => namespaces.Keys(),
                new EventPredicate(update: (a, b) => a.IsDeleting() != b.IsDeleting()));
    }

    /// <summary>Namespaces never auto-propagated.</summary>
    public static bool IsSkipped(JsonObject ns)
    {
        var name = ns.Name() ?? "";
        if (name is WellKnownNamespaces.KarmadaSystem or WellKnownNamespaces.KarmadaCluster or WellKnownNamespaces.Default) return true;
        if (name.StartsWith(WellKnownNamespaces.ExecutionPrefix, StringComparison.Ordinal) || name.StartsWith("kube-", StringComparison.Ordinal)) return true;
        if (ns.Label(WellKnownLabels.ClusterPropagationPolicyPermanentId) is not null) return true; // propagated by a policy
        return ns.Label(WellKnownLabels.SkipAutoPropagation) == "true";
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var nsInformer = informers.Get(KarmadaResources.Namespaces);
        var clusters = informers.Get(KarmadaResources.Clusters);
        var works = informers.Get(KarmadaResources.Works);
        await nsInformer.WaitForSyncAsync(ct).ConfigureAwait(false);
        await clusters.WaitForSyncAsync(ct).ConfigureAwait(false);
        await works.WaitForSyncAsync(ct).ConfigureAwait(false);
        var ns = nsInformer.Cache.Get(null, key.Name);
        var workName = Names.WorkName("Namespace", key.Name, null);
        var wanted = ns is not null && !ns.IsDeleting() && !IsSkipped(ns);

        foreach (var cluster in clusters.Cache.List())
        {
            var clusterName = cluster.Name() ?? "";
            var workNs = Names.ExecutionSpace(clusterName);
            var existing = works.Cache.Get(workNs, workName);
            if (existing?.Annotation(WellKnownAnnotations.ClusterResourceBindingName) is not null) continue; // a policy's Work
            if (!wanted || cluster.IsDeleting())
            {
                if (existing is not null && !existing.IsDeleting() && existing.Annotation(WellKnownAnnotations.ClusterResourceBindingName) is null)
                    await client.DeleteAsync(KarmadaResources.Works, workNs, workName, new DeleteOptions { PropagationPolicy = "Background" }, ct).ConfigureAwait(false);
                continue;
            }
            var manifest = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = key.Name },
            };
            foreach (var (k, v) in ns!.Labels()) manifest.SetLabel(k, v);
            foreach (var (k, v) in ns!.Annotations())
                if (k != WellKnownAnnotations.LastAppliedConfiguration) manifest.SetAnnotation(k, v);
            manifest.SetLabel(WellKnownLabels.Managed, WorkAnnotationValues.ManagedTrue);
            manifest.SetAnnotation(WellKnownAnnotations.WorkName, workName);
            manifest.SetAnnotation(WellKnownAnnotations.WorkNamespace, workNs);
            manifest.SetAnnotation(WellKnownAnnotations.ConflictResolution, WorkAnnotationValues.ConflictOverwrite);
            manifest = interpreter.Prune(manifest);
            WorkManifestBuilder.RecordManagedAnnotations(manifest);
            WorkManifestBuilder.RecordManagedLabels(manifest);

            var desired = existing?.DeepCloneObject() ?? new JsonObject
            {
                ["apiVersion"] = Work.ApiVersionValue,
                ["kind"] = Work.KindValue,
                ["metadata"] = new JsonObject { ["name"] = workName, ["namespace"] = workNs },
            };
            if (desired.Label(WellKnownLabels.WorkPermanentId) is null) desired.SetLabel(WellKnownLabels.WorkPermanentId, Guid.NewGuid().ToString());
            desired["spec"] = new JsonObject { ["workload"] = new JsonObject { ["manifests"] = new JsonArray(manifest) } };
            if (existing is null)
            {
                await _spaces.EnsureAsync(workNs, ct).ConfigureAwait(false);
                await client.CreateAsync(KarmadaResources.Works, desired, null, ct).ConfigureAwait(false);
            }
            else if (!existing.IsDeleting() && !JsonNode.DeepEquals(existing, desired))
            {
                await client.UpdateAsync(KarmadaResources.Works, desired, null, ct).ConfigureAwait(false);
            }
        }
        return ReconcileResult.Done;
    }
}
