using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// Retention before updating a member object: the generic part (resourceVersion, finalizers, ownerReferences, and the
/// labels/annotations added in the member — keys the template used to manage but no longer has are dropped) and the
/// kind-specific part (Karmada's native retain hooks).
/// </summary>
internal static class NativeRetention
{
    public static readonly IReadOnlyDictionary<GroupVersionKind, Action<JsonObject, JsonObject>> Hooks =
        new Dictionary<GroupVersionKind, Action<JsonObject, JsonObject>>
        {
            [NativeKinds.Deployment] = RetainWorkloadReplicas,
            [NativeKinds.Pod] = RetainPod,
            [NativeKinds.Service] = RetainService,
            [NativeKinds.ServiceAccount] = RetainServiceAccount,
            [NativeKinds.PersistentVolumeClaim] = RetainPersistentVolumeClaim,
            [NativeKinds.PersistentVolume] = RetainPersistentVolume,
            [NativeKinds.Job] = RetainJob,
            [NativeKinds.Secret] = RetainServiceAccountTokenSecret,
        };

    /// <summary>objectwatcher.retainClusterFields: metadata owned by the member cluster.</summary>
    public static void RetainClusterFields(JsonObject desired, JsonObject observed)
    {
        var dm = desired.Metadata();
        var om = observed["metadata"] as JsonObject ?? [];
        CopyOrRemove(om, dm, "resourceVersion");
        CopyOrRemove(om, dm, "finalizers");
        CopyOrRemove(om, dm, "ownerReferences");
        RetainMap(dm, om, "annotations", WellKnownAnnotations.ManagedAnnotations);
        RetainMap(dm, om, "labels", WellKnownAnnotations.ManagedLabels);
    }

    /// <summary>
    /// util.RetainLabels / RetainAnnotations: observed keys are kept unless the desired object already has them or they
    /// were managed by Karmada (listed in the observed managed-keys annotation) and are gone from the desired object.
    /// </summary>
    private static void RetainMap(JsonObject desiredMeta, JsonObject observedMeta, string field, string managedKeysAnnotation)
    {
        var desiredMap = desiredMeta[field] as JsonObject;
        var managed = (JsonPath.Str(observedMeta, "annotations", managedKeysAnnotation) ?? "").Split(',').ToHashSet(StringComparer.Ordinal);
        var result = desiredMap ?? new JsonObject();
        foreach (var (key, value) in observedMeta[field] as JsonObject ?? [])
        {
            if (result.ContainsKey(key)) continue;
            if (managed.Contains(key)) continue; // was propagated by Karmada and removed from the template since
            result[key] = value?.DeepClone();
        }
        if (result.Count > 0) desiredMeta[field] = result;
    }

    private static void CopyOrRemove(JsonObject from, JsonObject to, string key)
    {
        if (from[key] is { } v) to[key] = v.DeepClone();
        else to.Remove(key);
    }

    private static void RetainWorkloadReplicas(JsonObject desired, JsonObject observed)
    {
        if (desired.Label(WellKnownLabels.RetainReplicas) != WorkAnnotationValues.RetainReplicasTrue) return;
        if (JsonPath.Long(observed, "spec", "replicas") is { } replicas) JsonPath.Ensure(desired, "spec")["replicas"] = replicas;
    }

    private static void RetainPod(JsonObject desired, JsonObject observed)
    {
        var ds = JsonPath.Ensure(desired, "spec");
        var os = JsonPath.Obj(observed, "spec") ?? [];
        CopyOrRemove(os, ds, "nodeName");
        CopyOrRemove(os, ds, "serviceAccountName");
        CopyOrRemove(os, ds, "volumes");
        foreach (var list in new[] { "containers", "initContainers" })
        {
            var desiredContainers = ds[list] as JsonArray ?? [];
            foreach (var oc in (os[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                var match = desiredContainers.OfType<JsonObject>().FirstOrDefault(dc => dc.GetString("name") == oc.GetString("name"));
                if (match is not null) CopyOrRemove(oc, match, "volumeMounts");
            }
        }
    }

    private static void RetainService(JsonObject desired, JsonObject observed)
    {
        if (JsonPath.Long(observed, "spec", "healthCheckNodePort") is > 0 and var port)
            JsonPath.Ensure(desired, "spec")["healthCheckNodePort"] = port;
        if (JsonPath.Str(observed, "spec", "clusterIP") is { Length: > 0 } ip)
            JsonPath.Ensure(desired, "spec")["clusterIP"] = ip;
        if (JsonPath.Arr(observed, "spec", "clusterIPs") is { Count: > 0 } ips && JsonPath.Arr(desired, "spec", "clusterIPs") is null)
            JsonPath.Ensure(desired, "spec")["clusterIPs"] = ips.DeepClone();
    }

    private static void RetainServiceAccount(JsonObject desired, JsonObject observed)
    {
        if (desired["secrets"] is JsonArray { Count: > 0 }) return;
        if (observed["secrets"] is JsonArray { Count: > 0 } secrets) desired["secrets"] = secrets.DeepClone();
    }

    private static void RetainPersistentVolumeClaim(JsonObject desired, JsonObject observed)
    {
        if (JsonPath.Str(observed, "spec", "volumeName") is { Length: > 0 } volume)
            JsonPath.Ensure(desired, "spec")["volumeName"] = volume;
    }

    private static void RetainPersistentVolume(JsonObject desired, JsonObject observed)
    {
        if (JsonPath.Get(observed, "spec", "claimRef") is { } claimRef)
            JsonPath.Ensure(desired, "spec")["claimRef"] = claimRef.DeepClone();
    }

    private static void RetainJob(JsonObject desired, JsonObject observed)
    {
        if (JsonPath.Obj(observed, "spec", "selector", "matchLabels") is { } matchLabels)
            JsonPath.Ensure(desired, "spec", "selector")["matchLabels"] = matchLabels.DeepClone();
        if (JsonPath.Obj(observed, "spec", "template", "metadata", "labels") is { } labels)
            JsonPath.Ensure(desired, "spec", "template", "metadata")["labels"] = labels.DeepClone();
    }

    private static void RetainServiceAccountTokenSecret(JsonObject desired, JsonObject observed)
    {
        if (JsonPath.Str(desired, "type") != NativePruner.ServiceAccountTokenType) return;
        if (observed["data"] is JsonObject data) desired["data"] = data.DeepClone();
        if (observed.Annotation(NativePruner.ServiceAccountUidAnnotation) is { } uid) desired.SetAnnotation(NativePruner.ServiceAccountUidAnnotation, uid);
    }
}
