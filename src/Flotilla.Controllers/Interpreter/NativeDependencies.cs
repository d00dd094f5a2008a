using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// GetDependencies for built-in kinds (propagateDeps). Pod templates reference ConfigMaps, Secrets, ServiceAccounts
/// (not "default") and PVCs — each kind listed sorted by name; Ingress references its TLS Secrets; a ServiceImport
/// depends on its derived Service and that Service's EndpointSlices (by the kubernetes.io/service-name label).
/// </summary>
internal static class NativeDependencies
{
    private const string ServiceNameLabel = "kubernetes.io/service-name";

    public static readonly IReadOnlyDictionary<GroupVersionKind, Func<JsonObject, IReadOnlyList<DependentObjectReference>>> Interpreters =
        new Dictionary<GroupVersionKind, Func<JsonObject, IReadOnlyList<DependentObjectReference>>>
        {
            [NativeKinds.Deployment] = o => PodSpecDependencies(JsonPath.Obj(o, "spec", "template", "spec"), o.Namespace()),
            [NativeKinds.ReplicaSet] = o => PodSpecDependencies(JsonPath.Obj(o, "spec", "template", "spec"), o.Namespace()),
            [NativeKinds.StatefulSet] = o => PodSpecDependencies(JsonPath.Obj(o, "spec", "template", "spec"), o.Namespace()),
            [NativeKinds.DaemonSet] = o => PodSpecDependencies(JsonPath.Obj(o, "spec", "template", "spec"), o.Namespace()),
            [NativeKinds.Job] = o => PodSpecDependencies(JsonPath.Obj(o, "spec", "template", "spec"), o.Namespace()),
            [NativeKinds.CronJob] = o => PodSpecDependencies(JsonPath.Obj(o, "spec", "jobTemplate", "spec", "template", "spec"), o.Namespace()),
            [NativeKinds.Pod] = o => PodSpecDependencies(JsonPath.Obj(o, "spec"), o.Namespace()),
            [NativeKinds.Ingress] = Ingress,
            [NativeKinds.ServiceImport] = ServiceImport,
        };

    public static IReadOnlyList<DependentObjectReference> PodSpecDependencies(JsonObject? spec, string? ns)
    {
        if (spec is null) return [];
        var @namespace = ns ?? "";
        var configMaps = new SortedSet<string>(StringComparer.Ordinal);
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        var pvcs = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var ips in (spec["imagePullSecrets"] as JsonArray ?? []).OfType<JsonObject>()) Add(secrets, ips.GetString("name"));

        foreach (var list in new[] { "initContainers", "containers", "ephemeralContainers" })
        {
            foreach (var c in (spec[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var ef in (c["envFrom"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    Add(configMaps, JsonPath.Str(ef, "configMapRef", "name"));
                    Add(secrets, JsonPath.Str(ef, "secretRef", "name"));
                }
                foreach (var env in (c["env"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    Add(configMaps, JsonPath.Str(env, "valueFrom", "configMapKeyRef", "name"));
                    Add(secrets, JsonPath.Str(env, "valueFrom", "secretKeyRef", "name"));
                }
            }
        }

        foreach (var v in (spec["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Add(configMaps, JsonPath.Str(v, "configMap", "name"));
            Add(secrets, JsonPath.Str(v, "secret", "secretName"));
            Add(pvcs, JsonPath.Str(v, "persistentVolumeClaim", "claimName"));
            foreach (var src in (JsonPath.Arr(v, "projected", "sources") ?? []).OfType<JsonObject>())
            {
                Add(configMaps, JsonPath.Str(src, "configMap", "name"));
                Add(secrets, JsonPath.Str(src, "secret", "name"));
            }
            Add(secrets, JsonPath.Str(v, "azureFile", "secretName"));
            foreach (var plugin in new[] { "cephfs", "cinder", "flexVolume", "rbd", "scaleIO", "iscsi", "storageos" })
                Add(secrets, JsonPath.Str(v, plugin, "secretRef", "name"));
            Add(secrets, JsonPath.Str(v, "csi", "nodePublishSecretRef", "name"));
        }

        var result = new List<DependentObjectReference>();
        result.AddRange(configMaps.Select(n => new DependentObjectReference("v1", "ConfigMap", @namespace, n)));
        result.AddRange(secrets.Select(n => new DependentObjectReference("v1", "Secret", @namespace, n)));
        if (JsonPath.Str(spec, "serviceAccountName") is { Length: > 0 } sa && sa != "default")
            result.Add(new DependentObjectReference("v1", "ServiceAccount", @namespace, sa));
        result.AddRange(pvcs.Select(n => new DependentObjectReference("v1", "PersistentVolumeClaim", @namespace, n)));
        return result;
    }

    private static void Add(SortedSet<string> set, string? name)
    {
        if (!string.IsNullOrEmpty(name)) set.Add(name);
    }

    private static IReadOnlyList<DependentObjectReference> Ingress(JsonObject ingress)
    {
        var ns = ingress.Namespace() ?? "";
        var result = new List<DependentObjectReference>();
        foreach (var tls in (JsonPath.Arr(ingress, "spec", "tls") ?? []).OfType<JsonObject>())
        {
            if (tls.GetString("secretName") is { Length: > 0 } name && !result.Any(r => r.Name == name))
                result.Add(new DependentObjectReference("v1", "Secret", ns, name));
        }
        return result;
    }

    private static IReadOnlyList<DependentObjectReference> ServiceImport(JsonObject import)
    {
        var ns = import.Namespace() ?? "";
        var derived = Names.DerivedServiceName(import.Name() ?? "");
        return
        [
            new DependentObjectReference("v1", "Service", ns, derived),
            new DependentObjectReference(NativeKinds.EndpointSlice.ApiVersion, "EndpointSlice", ns, "",
                new JsonObject { ["matchLabels"] = new JsonObject { [ServiceNameLabel] = derived } }),
        ];
    }
}
