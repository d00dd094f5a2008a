using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Detector;
using Flotilla.Controllers.Interpreter;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Informers;

namespace Flotilla.Controllers.Dependencies;

/// <summary>
/// Karmada's dependencies distributor (propagateDeps, KARMADA.md §1.2): for a ResourceBinding whose spec.propagateDeps
/// is true, the objects its template references (ConfigMaps, Secrets, ServiceAccounts, PVCs, ...; interpreter
/// GetDependencies) get an attached ResourceBinding whose spec.requiredBy lists the workload's binding and clusters, so
/// the binding controller sends them wherever the workload goes (also on failover). An object already bound by a policy
/// gets the requiredBy entry on its own binding. Entries of bindings that no longer need an object are removed; an
/// attached binding nobody requires any more is deleted. An attached binding's spec.resource carries the object's
/// current resourceVersion, so editing the object re-renders its Works. The list is recorded in the
/// resourcebinding.karmada.io/dependencies annotation of the workload's binding. Stateless: every pass recomputes.
/// </summary>
public sealed class DependenciesDistributor(IKubeClient client, SharedInformerFactory informers, IResourceInterpreter interpreter) : IReconciler<ObjectKey>
{
    public const string ControllerName = "dependencies-distributor";

    /// <summary>Dependency kinds whose creation re-checks the bindings of their namespace that propagate dependencies,
    /// so a ConfigMap, Secret, ServiceAccount or PVC created after its workload is still distributed (all four are
    /// always served by a Kubernetes API); other kinds are picked up when the workload's binding changes.</summary>
    public static readonly IReadOnlyList<GroupVersionResource> DependencyResources =
    [
        new("", "v1", "configmaps"), new("", "v1", "secrets"), new("", "v1", "serviceaccounts"), new("", "v1", "persistentvolumeclaims"),
    ];

    /// <summary>Bindings cache index: the depended-by labels of a binding (one value per label key).</summary>
    private const string DependedByIndex = "flotilla.depended-by";

    /// <summary>Bindings cache index: the namespace of every binding with spec.propagateDeps true.</summary>
    private const string PropagateDepsIndex = "flotilla.propagate-deps";

    /// <summary>The bindings cache with this controller's indexes (added once).</summary>
    private ObjectCache Bindings()
    {
        var cache = informers.Get(KarmadaResources.ResourceBindings).Cache;
        cache.EnsureIndexer(DependedByIndex, DependedByLabels);
        cache.EnsureIndexer(PropagateDepsIndex, b => JsonValues.True(b["spec"]?["propagateDeps"]) ? [b.Namespace() ?? ""] : []);
        return cache;
    }

    private static IEnumerable<string> DependedByLabels(JsonObject binding)
    {
        if (binding["metadata"]?["labels"] is not JsonObject labels) yield break;
        foreach (var (k, _) in labels)
            if (k.StartsWith(DependencyLabels.DependedByPrefix, StringComparison.Ordinal)) yield return k;
    }

    public ControllerWatches<ObjectKey> Watches()
    {
        var bindings = Bindings();
        IEnumerable<ObjectKey> InNamespace(JsonObject o) =>
            bindings.ByIndex(PropagateDepsIndex, o.Namespace() ?? "").Select(b => b.Key());
        // An edited dependency re-runs the bindings its attached binding is required by (their pass refreshes the
        // attached binding's spec.resource, so the binding controller re-renders its Works).
        IEnumerable<ObjectKey> RequiredBy(JsonObject o)
        {
            var attached = bindings.Get(o.Namespace(), Names.BindingName(o.Kind() ?? "", o.Name() ?? ""));
            if (attached?.Label(WellKnownLabels.BindingManagedBy) != DependencyLabels.ManagedByValue) return [];
            return (attached["spec"]?["requiredBy"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(e => new ObjectKey(e.GetString("namespace") ?? "", e.GetString("name") ?? ""));
        }
        var w = new ControllerWatches<ObjectKey>()
            .For(KarmadaResources.ResourceBindings, EventPredicate.Or(EventPredicate.GenerationChanged, EventPredicate.AnnotationsChanged));
        foreach (var r in DependencyResources)
        {
            // Only the namespace, name and a content digest of a dependency matter here: share the detector's
            // metadata-only view (SpecificationChanged compares the digest for data edits).
            w.Add(new WatchRegistration<ObjectKey>(r, null, TemplateDiscovery.TemplateView, InNamespace,
                [new EventPredicate(update: (_, _) => false)], IsPrimary: false));
            w.Add(new WatchRegistration<ObjectKey>(r, null, TemplateDiscovery.TemplateView, RequiredBy,
                [new EventPredicate(create: _ => false, update: TemplateDiscovery.SpecificationChanged, delete: _ => false)], IsPrimary: false));
        }
        return w;
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var rbInformer = informers.Get(KarmadaResources.ResourceBindings);
        await rbInformer.WaitForSyncAsync(ct).ConfigureAwait(false);
        var bindings = Bindings();
        var label = DependencyLabels.DependedByPrefix + Names.BindingReferenceKey(key.Namespace, key.Name);
        var binding = bindings.Get(key);
        var spec = binding?["spec"] as JsonObject;
        var desired = new List<(DependentObjectReference Ref, JsonObject Obj, GroupVersionResource Gvr)>();
        if (binding is not null && !binding.IsDeleting() && JsonValues.True(spec?["propagateDeps"]))
        {
            var template = await GetAsync(spec?["resource"] as JsonObject, ct).ConfigureAwait(false);
            if (template is not null)
            {
                foreach (var dep in interpreter.GetDependencies(template.Value.Obj))
                {
                    if (dep.Name.Length == 0) continue; // selector-based dependencies are not distributed yet
                    var obj = await GetAsync(new JsonObject { ["apiVersion"] = dep.ApiVersion, ["kind"] = dep.Kind, ["namespace"] = dep.Namespace, ["name"] = dep.Name }, ct).ConfigureAwait(false);
                    if (obj is not null) desired.Add((dep, obj.Value.Obj, obj.Value.Gvr));
                }
                var annotation = new JsonArray(interpreter.GetDependencies(template.Value.Obj).Select(d => (JsonNode?)d.ToJson()).ToArray()).ToJsonString();
                if (binding.Annotation(WellKnownAnnotations.BindingDependencies) != annotation)
                {
                    var next = binding.DeepCloneObject();
                    next.SetAnnotation(WellKnownAnnotations.BindingDependencies, annotation);
                    binding = await client.UpdateAsync(KarmadaResources.ResourceBindings, next, null, ct).ConfigureAwait(false);
                }
            }
        }

        var dependents = bindings.ByIndex(DependedByIndex, label);
        if (desired.Count == 0 && dependents.Count == 0) return ReconcileResult.Done; // nothing to distribute or withdraw

        var snapshot = new JsonObject
        {
            ["namespace"] = key.Namespace,
            ["name"] = key.Name,
            ["clusters"] = (spec?["clusters"] as JsonArray)?.DeepClone() ?? new JsonArray(),
        };
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (dep, obj, _) in desired)
        {
            var name = Names.BindingName(dep.Kind, dep.Name);
            wanted.Add(name);
            var existing = bindings.Get(dep.Namespace, name);
            if (existing is null)
            {
                await client.CreateAsync(KarmadaResources.ResourceBindings, NewAttached(dep, obj, name, spec, snapshot), null, ct).ConfigureAwait(false);
                continue;
            }
            if (existing.IsDeleting()) throw new InvalidOperationException($"binding {dep.Namespace}/{name} is being deleted; retrying");
            var next = existing.DeepCloneObject();
            SetRequiredBy(next, key, snapshot);
            next.SetLabel(label, "true");
            if (next.Label(WellKnownLabels.BindingManagedBy) == DependencyLabels.ManagedByValue) SetResource(next, dep, obj);
            if (!JsonNode.DeepEquals(existing, next)) await client.UpdateAsync(KarmadaResources.ResourceBindings, next, null, ct).ConfigureAwait(false);
        }

        // Bindings this binding no longer requires.
        foreach (var other in dependents)
        {
            if (other.Namespace() != key.Namespace || wanted.Contains(other.Name() ?? "") || other.IsDeleting()) continue;
            var next = other.DeepCloneObject();
            SetRequiredBy(next, key, null);
            next.SetLabel(label, null);
            var attached = next.Label(WellKnownLabels.BindingManagedBy) == DependencyLabels.ManagedByValue;
            if (attached && (next["spec"]?["requiredBy"] as JsonArray is null or { Count: 0 }))
                await client.DeleteAsync(KarmadaResources.ResourceBindings, other.Namespace(), other.Name()!, new DeleteOptions { PropagationPolicy = "Background" }, ct).ConfigureAwait(false);
            else
                await client.UpdateAsync(KarmadaResources.ResourceBindings, next, null, ct).ConfigureAwait(false);
        }
        return ReconcileResult.Done;
    }

    private static JsonObject NewAttached(DependentObjectReference dep, JsonObject obj, string name, JsonObject? ownerSpec, JsonObject snapshot)
    {
        var rb = new JsonObject
        {
            ["apiVersion"] = ResourceBinding.DefaultApiVersion,
            ["kind"] = ResourceBinding.KindName,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = dep.Namespace },
            ["spec"] = new JsonObject { ["requiredBy"] = new JsonArray(snapshot.DeepClone()) },
        };
        SetResource(rb, dep, obj);
        rb.SetLabel(WellKnownLabels.ResourceBindingPermanentId, Guid.NewGuid().ToString());
        rb.SetLabel(WellKnownLabels.BindingManagedBy, DependencyLabels.ManagedByValue);
        rb.SetLabel(DependencyLabels.DependedByPrefix + Names.BindingReferenceKey(snapshot.GetString("namespace"), snapshot.GetString("name") ?? ""), "true");
        var s = (JsonObject)rb["spec"]!;
        if (ownerSpec?["conflictResolution"] is { } cr) s["conflictResolution"] = cr.DeepClone();
        if (ownerSpec?["preserveResourcesOnDeletion"] is { } p) s["preserveResourcesOnDeletion"] = p.DeepClone();
        return rb;
    }

    /// <summary>Points an attached binding at the dependency as it is now (owner reference and spec.resource with the
    /// current uid and resourceVersion, as Karmada's buildAttachedBinding does): an edit of the object changes the
    /// binding's spec, so its Works are re-rendered.</summary>
    private static void SetResource(JsonObject binding, DependentObjectReference dep, JsonObject obj)
    {
        binding.Metadata()["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = obj.ApiVersion(), ["kind"] = obj.Kind(), ["name"] = obj.Name(), ["uid"] = obj.Uid(),
            ["controller"] = true, ["blockOwnerDeletion"] = true,
        });
        if (binding["spec"] is not JsonObject spec) binding["spec"] = spec = new JsonObject();
        spec["resource"] = new JsonObject
        {
            ["apiVersion"] = obj.ApiVersion(), ["kind"] = obj.Kind(), ["namespace"] = dep.Namespace, ["name"] = dep.Name,
            ["uid"] = obj.Uid(), ["resourceVersion"] = obj.ResourceVersion(),
        };
    }

    /// <summary>Sets (snapshot) or removes (null) the requiredBy entry of <paramref name="owner"/>.</summary>
    private static void SetRequiredBy(JsonObject binding, ObjectKey owner, JsonObject? snapshot)
    {
        if (binding["spec"] is not JsonObject spec) binding["spec"] = spec = new JsonObject();
        var list = spec["requiredBy"] as JsonArray ?? [];
        var entries = list.OfType<JsonObject>()
            .Where(e => !(e.GetString("namespace") == owner.Namespace && e.GetString("name") == owner.Name))
            .Select(e => (JsonNode?)e.DeepClone()).ToList();
        if (snapshot is not null) entries.Add(snapshot.DeepClone());
        entries.Sort((a, b) => string.CompareOrdinal(a!["namespace"] + "/" + a["name"], b!["namespace"] + "/" + b["name"]));
        if (entries.Count == 0) spec.Remove("requiredBy");
        else spec["requiredBy"] = new JsonArray(entries.ToArray());
    }

    private async Task<(JsonObject Obj, GroupVersionResource Gvr)?> GetAsync(JsonObject? reference, CancellationToken ct) =>
        await ReferencedObjects.GetAsync(client, reference, ct).ConfigureAwait(false) is { } found ? (found.Obj, found.Api.Gvr) : null;
}
