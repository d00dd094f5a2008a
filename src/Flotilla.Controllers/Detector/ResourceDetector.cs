using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Interpreter;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Events;
using Flotilla.Runtime.Informers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Controllers.Detector;

/// <summary>
/// Karmada's resource detector (KARMADA.md §2.2): matches every propagatable template of the control plane to a
/// PropagationPolicy (same namespace) or else a ClusterPropagationPolicy, claims it (policy permanent-id label and
/// name annotations), and creates or updates its ResourceBinding / ClusterResourceBinding — never touching
/// spec.clusters. Policy deletion or a selector no longer matching unclaims the template and its binding (member
/// objects stay). A template without a matching policy gets a Warning event and stays put.
/// Templates are watched through informers added at run time by <see cref="TemplateDiscovery"/>.
/// </summary>
public sealed class ResourceDetector : IReconciler<TemplateKey>
{
    public const string ControllerName = "resource-detector";

    private static readonly string[] ClaimKeys =
    [
        WellKnownLabels.PropagationPolicyPermanentId, WellKnownLabels.ClusterPropagationPolicyPermanentId,
    ];
    private static readonly string[] ClaimAnnotationKeys =
    [
        WellKnownAnnotations.PropagationPolicyNamespace, WellKnownAnnotations.PropagationPolicyName,
        WellKnownAnnotations.ClusterPropagationPolicyName,
    ];

    private readonly IKubeClient _client;
    private readonly SharedInformerFactory _informers;
    private readonly IResourceInterpreter _interpreter;
    private readonly IEventRecorder _events;
    private readonly ILogger _logger;
    private readonly Regex[] _skippedNamespaces;

    public ResourceDetector(IKubeClient client, SharedInformerFactory informers, IResourceInterpreter interpreter, IEventRecorder events,
        DetectorOptions? options = null, ILogger? logger = null)
    {
        _client = client;
        _informers = informers;
        _interpreter = interpreter;
        _events = events;
        _logger = logger ?? NullLogger.Instance;
        _skippedNamespaces = (options ?? new DetectorOptions()).SkippedPropagatingNamespaces
            .Select(p => new Regex("^(?:" + p + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).ToArray();
    }

    private ObjectCache PolicyCache => _informers.Get(KarmadaResources.PropagationPolicies).Cache;
    private ObjectCache ClusterPolicyCache => _informers.Get(KarmadaResources.ClusterPropagationPolicies).Cache;

    /// <summary>Namespaces never propagated from: karmada-system, karmada-cluster, karmada-es-*, and the skipped patterns.</summary>
    public bool IsSkippedNamespace(string ns)
    {
        if (ns.Length == 0) return false;
        if (ns is WellKnownNamespaces.KarmadaSystem or WellKnownNamespaces.KarmadaCluster) return true;
        if (ns.StartsWith(WellKnownNamespaces.ExecutionPrefix, StringComparison.Ordinal)) return true;
        foreach (var r in _skippedNamespaces) if (r.IsMatch(ns)) return true;
        return false;
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(TemplateKey key, CancellationToken ct)
    {
        if (IsSkippedNamespace(key.Namespace)) return ReconcileResult.Done;
        var informer = _informers.Get(key.Resource, null, TemplateDiscovery.TemplateView);
        await informer.WaitForSyncAsync(ct).ConfigureAwait(false);
        var template = informer.Cache.Get(key.Namespace, key.Name); // metadata only: enough to match policies
        if (template is null)
        {
            await DeleteBindingOfGoneTemplateAsync(key, ct).ConfigureAwait(false);
            return ReconcileResult.Done;
        }
        if (template.IsDeleting()) return ReconcileResult.Done;

        // 1. A claimed template keeps its policy while that policy exists and still matches.
        var policy = ClaimingPolicy(template, out var claimed);
        if (claimed && policy is null)
        {
            template = await UnclaimAsync(key, template, ct).ConfigureAwait(false);
        }

        // 2. Otherwise the best PropagationPolicy of the namespace, else the best ClusterPropagationPolicy.
        if (policy is null)
        {
            if (key.Namespace.Length > 0) policy = PolicyMatcher.Best(PolicyCache.List(key.Namespace), template);
            policy ??= PolicyMatcher.Best(ClusterPolicyCache.List(), template);
        }
        if (policy is null)
        {
            if (IsGeneratedObject(template)) return ReconcileResult.Done;
            await _events.RecordAsync(template, EventTypes.Warning, DetectorEvents.ReasonApplyPolicyFailed, DetectorEvents.MessageNoPolicyMatch, ct).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var clusterPolicy = string.IsNullOrEmpty(policy.Namespace());
        var policyId = policy.Label(clusterPolicy ? WellKnownLabels.ClusterPropagationPolicyPermanentId : WellKnownLabels.PropagationPolicyPermanentId);
        if (string.IsNullOrEmpty(policyId))
        {
            // Admission gives policies their permanent id; wait for it (the policy's update re-enqueues us too).
            return ReconcileResult.After(TimeSpan.FromMilliseconds(500));
        }

        // The binding is built from the whole template (replicas, pod template requirements): read it from the API.
        var full = await _client.GetAsync(key.Resource, key.Namespace.Length == 0 ? null : key.Namespace, key.Name, ct).ConfigureAwait(false);
        if (full is null || full.IsDeleting()) return ReconcileResult.Done; // its deletion event re-enqueues the key
        template = await ClaimAsync(key, full, policy, clusterPolicy, policyId, ct).ConfigureAwait(false);
        var changed = await EnsureBindingAsync(key, template, policy, clusterPolicy, policyId, ct).ConfigureAwait(false);
        if (changed)
            await _events.RecordAsync(template, EventTypes.Normal, DetectorEvents.ReasonApplyPolicySucceed,
                DetectorEvents.ApplyPolicySucceeded(policy.Namespace(), policy.Name() ?? ""), ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>Objects made by other controllers (owned by something, the per-namespace root CA ConfigMap and default
    /// ServiceAccount, bindings' dependencies): they are not expected to match a policy, so no event is recorded.</summary>
    private bool IsGeneratedObject(JsonObject template)
    {
        if (template["metadata"]?["ownerReferences"] is JsonArray { Count: > 0 }) return true;
        var kind = template.Kind();
        if (template.ApiVersion() == "v1" && ((kind == "ConfigMap" && template.Name() == "kube-root-ca.crt") || (kind == "ServiceAccount" && template.Name() == "default")))
            return true;
        var bindingResource = KarmadaResources.BindingResource(string.IsNullOrEmpty(template.Namespace()));
        return _informers.Get(bindingResource).Cache.Get(template.Namespace(), Names.BindingName(kind ?? "", template.Name() ?? ""))
            ?.Label(WellKnownLabels.BindingManagedBy) is not null;
    }

    /// <summary>The policy named by the template's claim metadata when it still exists, has the same permanent id
    /// and still selects the template; <paramref name="claimed"/> tells whether the template carries claim metadata.</summary>
    private JsonObject? ClaimingPolicy(JsonObject template, out bool claimed)
    {
        claimed = false;
        if (template.Label(WellKnownLabels.PropagationPolicyPermanentId) is { } ppId)
        {
            claimed = true;
            var ns = template.Annotation(WellKnownAnnotations.PropagationPolicyNamespace) ?? template.Namespace();
            var name = template.Annotation(WellKnownAnnotations.PropagationPolicyName);
            var p = name is null ? null : PolicyCache.Get(ns, name);
            if (p is not null && !p.IsDeleting() && p.Label(WellKnownLabels.PropagationPolicyPermanentId) == ppId
                && PolicyMatcher.Match(p, template) != Overrides.ImplicitPriority.MisMatch) return p;
            return null;
        }
        if (template.Label(WellKnownLabels.ClusterPropagationPolicyPermanentId) is { } cppId)
        {
            claimed = true;
            var name = template.Annotation(WellKnownAnnotations.ClusterPropagationPolicyName);
            var p = name is null ? null : ClusterPolicyCache.Get(null, name);
            if (p is not null && !p.IsDeleting() && p.Label(WellKnownLabels.ClusterPropagationPolicyPermanentId) == cppId
                && PolicyMatcher.Match(p, template) != Overrides.ImplicitPriority.MisMatch) return p;
            return null;
        }
        return null;
    }

    private async Task<JsonObject> ClaimAsync(TemplateKey key, JsonObject template, JsonObject policy, bool clusterPolicy, string policyId, CancellationToken ct)
    {
        var labels = new Dictionary<string, string?>(StringComparer.Ordinal);
        var annotations = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (clusterPolicy)
        {
            labels[WellKnownLabels.ClusterPropagationPolicyPermanentId] = policyId;
            labels[WellKnownLabels.PropagationPolicyPermanentId] = null;
            annotations[WellKnownAnnotations.ClusterPropagationPolicyName] = policy.Name();
            annotations[WellKnownAnnotations.PropagationPolicyNamespace] = null;
            annotations[WellKnownAnnotations.PropagationPolicyName] = null;
        }
        else
        {
            labels[WellKnownLabels.PropagationPolicyPermanentId] = policyId;
            labels[WellKnownLabels.ClusterPropagationPolicyPermanentId] = null;
            annotations[WellKnownAnnotations.PropagationPolicyNamespace] = policy.Namespace();
            annotations[WellKnownAnnotations.PropagationPolicyName] = policy.Name();
            annotations[WellKnownAnnotations.ClusterPropagationPolicyName] = null;
        }
        return await PatchMetadataAsync(key, template, labels, annotations, ct).ConfigureAwait(false);
    }

    /// <summary>Removes claim metadata from the template and its binding (§2.2 step 9: bindings and member objects stay).</summary>
    private async Task<JsonObject> UnclaimAsync(TemplateKey key, JsonObject template, CancellationToken ct)
    {
        var labels = ClaimKeys.ToDictionary(k => k, _ => (string?)null, StringComparer.Ordinal);
        var annotations = ClaimAnnotationKeys.ToDictionary(k => k, _ => (string?)null, StringComparer.Ordinal);
        var bindingResource = KarmadaResources.BindingResource(key.Namespace.Length == 0);
        var bindingCache = _informers.Get(bindingResource).Cache;
        if (bindingCache.Get(key.Namespace, Names.BindingName(key.Kind, key.Name)) is { } binding)
        {
            var next = binding.DeepCloneObject();
            var changed = false;
            foreach (var l in ClaimKeys) changed |= next.SetLabel(l, null);
            foreach (var a in ClaimAnnotationKeys) changed |= next.SetAnnotation(a, null);
            if (changed) await _client.UpdateAsync(bindingResource, next, null, ct).ConfigureAwait(false);
        }
        _logger.LogDebug("Unclaimed template {Template}", key);
        return await PatchMetadataAsync(key, template, labels, annotations, ct).ConfigureAwait(false);
    }

    private async Task<JsonObject> PatchMetadataAsync(TemplateKey key, JsonObject template,
        Dictionary<string, string?> labels, Dictionary<string, string?> annotations, CancellationToken ct)
    {
        var labelPatch = new JsonObject();
        var annotationPatch = new JsonObject();
        foreach (var (k, v) in labels) if (template.Label(k) != v) labelPatch[k] = v;
        foreach (var (k, v) in annotations) if (template.Annotation(k) != v) annotationPatch[k] = v;
        if (labelPatch.Count == 0 && annotationPatch.Count == 0) return template;
        var meta = new JsonObject { ["resourceVersion"] = template.ResourceVersion() };
        if (labelPatch.Count > 0) meta["labels"] = labelPatch;
        if (annotationPatch.Count > 0) meta["annotations"] = annotationPatch;
        var patch = new JsonObject { ["metadata"] = meta }.ToJsonString();
        return await _client.PatchAsync(key.Resource, key.Namespace.Length == 0 ? null : key.Namespace, key.Name, PatchType.Merge, patch, null, ct).ConfigureAwait(false);
    }

    /// <summary>Creates or updates the binding; true when something was written.</summary>
    private async Task<bool> EnsureBindingAsync(TemplateKey key, JsonObject template, JsonObject policy, bool clusterPolicy, string policyId, CancellationToken ct)
    {
        var clusterScoped = key.Namespace.Length == 0;
        var bindingResource = KarmadaResources.BindingResource(clusterScoped);
        var name = Names.BindingName(key.Kind, key.Name);
        var cache = _informers.Get(bindingResource).Cache;
        var existing = cache.Get(key.Namespace, name);
        var desired = existing?.DeepCloneObject() ?? new JsonObject
        {
            ["apiVersion"] = ResourceBinding.DefaultApiVersion,
            ["kind"] = clusterScoped ? ClusterResourceBinding.KindName : ResourceBinding.KindName,
            ["metadata"] = clusterScoped ? new JsonObject { ["name"] = name } : new JsonObject { ["name"] = name, ["namespace"] = key.Namespace },
        };
        var idLabel = clusterScoped ? WellKnownLabels.ClusterResourceBindingPermanentId : WellKnownLabels.ResourceBindingPermanentId;
        if (desired.Label(idLabel) is null) desired.SetLabel(idLabel, Guid.NewGuid().ToString());
        foreach (var l in ClaimKeys) desired.SetLabel(l, null);
        foreach (var a in ClaimAnnotationKeys) desired.SetAnnotation(a, null);
        if (clusterPolicy)
        {
            desired.SetLabel(WellKnownLabels.ClusterPropagationPolicyPermanentId, policyId);
            desired.SetAnnotation(WellKnownAnnotations.ClusterPropagationPolicyName, policy.Name());
        }
        else
        {
            desired.SetLabel(WellKnownLabels.PropagationPolicyPermanentId, policyId);
            desired.SetAnnotation(WellKnownAnnotations.PropagationPolicyNamespace, policy.Namespace());
            desired.SetAnnotation(WellKnownAnnotations.PropagationPolicyName, policy.Name());
        }
        desired.Metadata()["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = template.ApiVersion(),
            ["kind"] = template.Kind(),
            ["name"] = template.Name(),
            ["uid"] = template.Uid(),
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        });

        if (desired["spec"] is not JsonObject spec) desired["spec"] = spec = new JsonObject();
        var resource = new JsonObject { ["apiVersion"] = template.ApiVersion(), ["kind"] = template.Kind() };
        if (!clusterScoped) resource["namespace"] = key.Namespace;
        resource["name"] = key.Name;
        resource["uid"] = template.Uid();
        resource["resourceVersion"] = template.ResourceVersion();
        spec["resource"] = resource;

        var replicas = _interpreter.GetReplicas(template);
        Set(spec, "replicas", replicas.Replicas > 0 ? replicas.Replicas : null);
        Set(spec, "replicaRequirements", replicas.Requirements?.DeepClone());
        var policySpec = policy["spec"] as JsonObject;
        Set(spec, "placement", policySpec?["placement"]?.DeepClone() ?? new JsonObject());
        Set(spec, "propagateDeps", policySpec?["propagateDeps"] is JsonValue pd && pd.TryGetValue<bool>(out var deps) && deps ? true : null);
        Set(spec, "schedulerName", policySpec?["schedulerName"]?.DeepClone() ?? JsonValue.Create("default-scheduler"));
        Set(spec, "failover", policySpec?["failover"]?.DeepClone());
        Set(spec, "conflictResolution", policySpec?["conflictResolution"]?.DeepClone() ?? JsonValue.Create(WorkAnnotationValues.PolicyConflictAbort));
        Set(spec, "preserveResourcesOnDeletion", policySpec?["preserveResourcesOnDeletion"]?.DeepClone());
        Set(spec, "suspension", policySpec?["suspension"]?.DeepClone());
        if (policySpec?["schedulePriority"] is not null && spec["schedulePriority"] is null) { /* priority classes are not resolved yet */ }

        if (existing is null)
        {
            // The binding controller's finalizer is added at creation: one write (and one conflict) fewer.
            desired.AddFinalizer(clusterScoped ? WellKnownFinalizers.ClusterResourceBinding : WellKnownFinalizers.ResourceBinding);
            try
            {
                await _client.CreateAsync(bindingResource, desired, null, ct).ConfigureAwait(false);
                return true;
            }
            catch (ApiStatusException e) when (e.IsAlreadyExists)
            {
                // Our cache has not seen the binding we created a moment ago: retry once it has.
                throw new ApiStatusException(409, StatusReasons.Conflict, e.Message);
            }
        }
        if (JsonNode.DeepEquals(existing, desired)) return false;
        await _client.UpdateAsync(bindingResource, desired, null, ct).ConfigureAwait(false);
        return true;
    }

    private static void Set(JsonObject o, string field, JsonNode? value)
    {
        if (value is null) o.Remove(field);
        else o[field] = value;
    }

    /// <summary>The template is gone: delete the binding that referred to it (the owner reference would let a garbage
    /// collector do the same).</summary>
    private async Task DeleteBindingOfGoneTemplateAsync(TemplateKey key, CancellationToken ct)
    {
        var bindingResource = KarmadaResources.BindingResource(key.Namespace.Length == 0);
        var binding = _informers.Get(bindingResource).Cache.Get(key.Namespace, Names.BindingName(key.Kind, key.Name));
        if (binding is null || binding.IsDeleting()) return;
        var res = binding["spec"]?["resource"] as JsonObject;
        if (res.GetString("kind") != key.Kind || res.GetString("name") != key.Name) return;
        if (GroupVersion.Parse(res.GetString("apiVersion") ?? "").Group != key.Resource.Group) return;
        await _client.DeleteAsync(bindingResource, key.Namespace.Length == 0 ? null : key.Namespace, binding.Name()!,
            new DeleteOptions { PropagationPolicy = "Background", PreconditionUid = binding.Uid() }, ct).ConfigureAwait(false);
    }
}
