using System.Collections.Frozen;
using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>
/// Hand-written patch metadata for the built-in Kubernetes kinds, transcribed from the <c>patchStrategy</c> /
/// <c>patchMergeKey</c> struct tags and <c>x-kubernetes-list-map-keys</c> of k8s.io/api (core/v1, apps/v1, batch/v1,
/// meta/v1). Two data tables: the fields of each nested type, and the root type of each kind.
/// </summary>
public sealed class BuiltInPatchMeta : IPatchMetaProvider
{
    /// <summary>Field type marker for string maps (labels, annotations, nodeSelector ...).</summary>
    private const string Map = "#map";

    /// <summary>Field type marker for atomic structs (metav1.LabelSelector is <c>+structType=atomic</c>).</summary>
    private const string Atomic = "#atomic";

    private static readonly IReadOnlyDictionary<string, string> Tcp = new Dictionary<string, string> { ["protocol"] = "TCP" };

    // (owner type, field, field type or null for scalars/atomic values, patch metadata or null)
    private static readonly (string Owner, string Field, string? Type, PatchMeta? Meta)[] Fields =
    [
        // meta/v1
        ("Object", "metadata", "ObjectMeta", null),
        ("Object", "status", "Status", null),
        ("ObjectMeta", "labels", Map, null),
        ("ObjectMeta", "annotations", Map, null),
        ("ObjectMeta", "ownerReferences", null, PatchMeta.MergeBy("uid")),
        ("ObjectMeta", "finalizers", null, PatchMeta.MergeSet),
        ("Status", "conditions", null, PatchMeta.MergeBy("type")),

        // core/v1 Pod and friends
        ("Pod", "metadata", "ObjectMeta", null),
        ("Pod", "spec", "PodSpec", null),
        ("Pod", "status", "PodStatus", null),
        ("PodTemplateSpec", "metadata", "ObjectMeta", null),
        ("PodTemplateSpec", "spec", "PodSpec", null),
        ("PodTemplate", "metadata", "ObjectMeta", null),
        ("PodTemplate", "template", "PodTemplateSpec", null),
        ("PodSpec", "volumes", "Volume", new PatchMeta("merge,retainKeys", "name")),
        ("PodSpec", "initContainers", "Container", PatchMeta.MergeBy("name")),
        ("PodSpec", "containers", "Container", PatchMeta.MergeBy("name")),
        ("PodSpec", "ephemeralContainers", "Container", PatchMeta.MergeBy("name")),
        ("PodSpec", "imagePullSecrets", null, PatchMeta.MergeBy("name")),
        ("PodSpec", "hostAliases", null, PatchMeta.MergeBy("ip")),
        ("PodSpec", "topologySpreadConstraints", null, PatchMeta.MergeBy("topologyKey", "topologyKey", "whenUnsatisfiable")),
        ("PodSpec", "resourceClaims", null, new PatchMeta("merge,retainKeys", "name")),
        ("PodSpec", "schedulingGates", null, PatchMeta.MergeBy("name")),
        ("PodSpec", "nodeSelector", Map, null),
        ("PodSpec", "overhead", Map, null),
        ("Container", "ports", null, new PatchMeta("merge", "containerPort", ["containerPort", "protocol"], Tcp)),
        ("Container", "env", null, PatchMeta.MergeBy("name")),
        ("Container", "volumeMounts", null, PatchMeta.MergeBy("mountPath")),
        ("Container", "volumeDevices", null, PatchMeta.MergeBy("devicePath")),
        ("Container", "resources", "ResourceRequirements", null),
        ("ResourceRequirements", "limits", Map, null),
        ("ResourceRequirements", "requests", Map, null),
        ("PodStatus", "conditions", null, PatchMeta.MergeBy("type")),
        ("PodStatus", "podIPs", null, PatchMeta.MergeBy("ip")),
        ("PodStatus", "hostIPs", null, PatchMeta.MergeBy("ip")),

        ("ReplicationController", "metadata", "ObjectMeta", null),
        ("ReplicationController", "spec", "ReplicationControllerSpec", null),
        ("ReplicationController", "status", "Status", null),
        ("ReplicationControllerSpec", "selector", Map, null),
        ("ReplicationControllerSpec", "template", "PodTemplateSpec", null),

        ("Service", "metadata", "ObjectMeta", null),
        ("Service", "spec", "ServiceSpec", null),
        ("Service", "status", "Status", null),
        ("ServiceSpec", "ports", null, new PatchMeta("merge", "port", ["port", "protocol"], Tcp)),
        ("ServiceSpec", "selector", Map, null),

        ("ServiceAccount", "metadata", "ObjectMeta", null),
        ("ServiceAccount", "secrets", null, PatchMeta.MergeBy("name")),

        ("Node", "metadata", "ObjectMeta", null),
        ("Node", "spec", "NodeSpec", null),
        ("Node", "status", "NodeStatus", null),
        ("NodeSpec", "podCIDRs", null, PatchMeta.MergeSet),
        ("NodeStatus", "conditions", null, PatchMeta.MergeBy("type")),
        ("NodeStatus", "addresses", null, PatchMeta.MergeBy("type")),
        ("NodeStatus", "capacity", Map, null),
        ("NodeStatus", "allocatable", Map, null),

        ("ConfigMap", "metadata", "ObjectMeta", null),
        ("ConfigMap", "data", Map, null),
        ("ConfigMap", "binaryData", Map, null),
        ("Secret", "metadata", "ObjectMeta", null),
        ("Secret", "data", Map, null),
        ("Secret", "stringData", Map, null),

        ("PersistentVolumeClaim", "metadata", "ObjectMeta", null),
        ("PersistentVolumeClaim", "status", "Status", null),

        // apps/v1
        ("Deployment", "metadata", "ObjectMeta", null),
        ("Deployment", "spec", "DeploymentSpec", null),
        ("Deployment", "status", "Status", null),
        ("DeploymentSpec", "selector", Atomic, null),
        ("DeploymentSpec", "template", "PodTemplateSpec", null),
        ("DeploymentSpec", "strategy", null, PatchMeta.RetainKeys),
        ("ReplicaSet", "metadata", "ObjectMeta", null),
        ("ReplicaSet", "spec", "WorkloadSpec", null),
        ("ReplicaSet", "status", "Status", null),
        ("StatefulSet", "metadata", "ObjectMeta", null),
        ("StatefulSet", "spec", "StatefulSetSpec", null),
        ("StatefulSet", "status", "Status", null),
        ("StatefulSetSpec", "selector", Atomic, null),
        ("StatefulSetSpec", "template", "PodTemplateSpec", null),
        ("DaemonSet", "metadata", "ObjectMeta", null),
        ("DaemonSet", "spec", "WorkloadSpec", null),
        ("DaemonSet", "status", "Status", null),
        ("WorkloadSpec", "selector", Atomic, null),
        ("WorkloadSpec", "template", "PodTemplateSpec", null),

        // admissionregistration.k8s.io/v1
        ("WebhookConfiguration", "metadata", "ObjectMeta", null),
        ("WebhookConfiguration", "webhooks", null, PatchMeta.MergeBy("name")),

        // batch/v1
        ("Job", "metadata", "ObjectMeta", null),
        ("Job", "spec", "WorkloadSpec", null),
        ("Job", "status", "Status", null),
        ("CronJob", "metadata", "ObjectMeta", null),
        ("CronJob", "spec", "CronJobSpec", null),
        ("CronJobSpec", "jobTemplate", "JobTemplateSpec", null),
        ("JobTemplateSpec", "metadata", "ObjectMeta", null),
        ("JobTemplateSpec", "spec", "WorkloadSpec", null),
    ];

    // (group, kind) -> root type. Kinds not listed with a type of their own use "Object" (metadata + status.conditions).
    private static readonly (string Group, string Kind, string Root)[] Kinds =
    [
        ("", "Pod", "Pod"), ("", "PodTemplate", "PodTemplate"), ("", "ReplicationController", "ReplicationController"),
        ("", "Service", "Service"), ("", "ServiceAccount", "ServiceAccount"), ("", "Node", "Node"),
        ("", "ConfigMap", "ConfigMap"), ("", "Secret", "Secret"), ("", "PersistentVolumeClaim", "PersistentVolumeClaim"),
        ("", "Namespace", "Object"), ("", "Endpoints", "Object"), ("", "Event", "Object"), ("", "LimitRange", "Object"),
        ("", "ResourceQuota", "Object"), ("", "PersistentVolume", "Object"), ("", "Binding", "Object"),
        ("apps", "Deployment", "Deployment"), ("apps", "ReplicaSet", "ReplicaSet"), ("apps", "StatefulSet", "StatefulSet"),
        ("apps", "DaemonSet", "DaemonSet"), ("apps", "ControllerRevision", "Object"),
        ("batch", "Job", "Job"), ("batch", "CronJob", "CronJob"),
        ("autoscaling", "HorizontalPodAutoscaler", "Object"), ("policy", "PodDisruptionBudget", "Object"),
        ("networking.k8s.io", "Ingress", "Object"), ("networking.k8s.io", "IngressClass", "Object"),
        ("networking.k8s.io", "NetworkPolicy", "Object"), ("discovery.k8s.io", "EndpointSlice", "Object"),
        ("rbac.authorization.k8s.io", "Role", "Object"), ("rbac.authorization.k8s.io", "ClusterRole", "Object"),
        ("rbac.authorization.k8s.io", "RoleBinding", "Object"), ("rbac.authorization.k8s.io", "ClusterRoleBinding", "Object"),
        ("coordination.k8s.io", "Lease", "Object"), ("storage.k8s.io", "StorageClass", "Object"),
        ("scheduling.k8s.io", "PriorityClass", "Object"),
        ("apiextensions.k8s.io", "CustomResourceDefinition", "Object"),
        ("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "WebhookConfiguration"),
        ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "WebhookConfiguration"),
        ("apiregistration.k8s.io", "APIService", "Object"),
    ];

    // declared after the tables: static initialisers run in textual order
    public static BuiltInPatchMeta Instance { get; } = new();

    private readonly FrozenDictionary<string, FrozenDictionary<string, (string? Type, PatchMeta? Meta)>> _types;
    private readonly FrozenDictionary<(string, string), string> _roots;

    private BuiltInPatchMeta()
    {
        _types = Fields.GroupBy(f => f.Owner, StringComparer.Ordinal).ToFrozenDictionary(
            g => g.Key,
            g => g.ToFrozenDictionary(f => f.Field, f => (f.Type, f.Meta), StringComparer.Ordinal),
            StringComparer.Ordinal);
        _roots = Kinds.ToFrozenDictionary(k => (k.Group, k.Kind), k => k.Root);
    }

    public bool HasSchema(GroupVersionKind gvk) => _roots.ContainsKey((gvk.Group, gvk.Kind));

    public PatchMeta? Lookup(GroupVersionKind gvk, IReadOnlyList<string> path) => Resolve(gvk, path)?.Meta;

    public bool IsMap(GroupVersionKind gvk, IReadOnlyList<string> path) => Resolve(gvk, path)?.Type == Map;

    public bool IsAtomic(GroupVersionKind gvk, IReadOnlyList<string> path) => Resolve(gvk, path)?.Type == Atomic;

    private (string? Type, PatchMeta? Meta)? Resolve(GroupVersionKind gvk, IReadOnlyList<string> path)
    {
        if (path.Count == 0 || !_roots.TryGetValue((gvk.Group, gvk.Kind), out var type)) return null;
        (string? Type, PatchMeta? Meta)? field = null;
        for (var i = 0; i < path.Count; i++)
        {
            if (type is null || type == Map || type == Atomic || !_types.TryGetValue(type, out var fields)) return null;
            if (!fields.TryGetValue(path[i], out var f))
            {
                // metadata and status.conditions are the same everywhere
                if (i == 0 && path[0] == "metadata") f = ("ObjectMeta", null);
                else if (i == 0 && path[0] == "status") f = ("Status", null);
                else return null;
            }
            field = f;
            type = f.Type;
        }
        return field;
    }
}
