using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.TestKit.Fakes;

/// <summary>ApiResources commonly needed when seeding a <see cref="FakeKubeClient"/>.</summary>
public static class FakeResources
{
    public static readonly ApiResource Namespaces = Core("Namespace", "namespaces", "namespace", namespaced: false, hasStatus: true);
    public static readonly ApiResource ConfigMaps = Core("ConfigMap", "configmaps", "configmap", namespaced: true);
    public static readonly ApiResource Secrets = Core("Secret", "secrets", "secret", namespaced: true);
    public static readonly ApiResource Services = Core("Service", "services", "service", namespaced: true, hasStatus: true);
    public static readonly ApiResource Pods = Core("Pod", "pods", "pod", namespaced: true, hasStatus: true);
    public static readonly ApiResource Events = Core("Event", "events", "event", namespaced: true);
    public static readonly ApiResource ServiceAccounts = Core("ServiceAccount", "serviceaccounts", "serviceaccount", namespaced: true);
    public static readonly ApiResource PersistentVolumeClaims = Core("PersistentVolumeClaim", "persistentvolumeclaims", "persistentvolumeclaim", namespaced: true, hasStatus: true);

    public static readonly ApiResource Deployments = new()
    {
        Group = "apps", Version = "v1", Kind = "Deployment", Plural = "deployments", Singular = "deployment",
        Namespaced = true, HasStatus = true, ShortNames = ["deploy"],
        Scale = new ScaleSubresource(".spec.replicas", ".status.replicas", ".status.selector"),
    };

    public static readonly ApiResource Leases = new()
    {
        Group = "coordination.k8s.io", Version = "v1", Kind = "Lease", Plural = "leases", Singular = "lease", Namespaced = true,
    };

    public static readonly ApiResource Clusters = new()
    {
        Group = KarmadaGroups.Cluster, Version = KarmadaGroups.V1Alpha1, Kind = "Cluster", Plural = "clusters",
        Singular = "cluster", Namespaced = false, HasStatus = true,
    };

    public static readonly ApiResource Works = new()
    {
        Group = KarmadaGroups.Work, Version = KarmadaGroups.V1Alpha1, Kind = "Work", Plural = "works",
        Singular = "work", Namespaced = true, HasStatus = true,
    };

    public static readonly ApiResource ResourceBindings = new()
    {
        Group = KarmadaGroups.Work, Version = KarmadaGroups.V1Alpha2, Kind = "ResourceBinding", Plural = "resourcebindings",
        Singular = "resourcebinding", Namespaced = true, HasStatus = true, ShortNames = ["rb"],
    };

    public static readonly ApiResource PropagationPolicies = new()
    {
        Group = KarmadaGroups.Policy, Version = KarmadaGroups.V1Alpha1, Kind = "PropagationPolicy", Plural = "propagationpolicies",
        Singular = "propagationpolicy", Namespaced = true, ShortNames = ["pp"],
    };

    /// <summary>Everything above.</summary>
    public static IReadOnlyList<ApiResource> Defaults { get; } =
        [Namespaces, ConfigMaps, Secrets, Services, Pods, Events, Deployments, Leases, Clusters, Works, ResourceBindings, PropagationPolicies];

    private static ApiResource Core(string kind, string plural, string singular, bool namespaced, bool hasStatus = false) => new()
    {
        Group = "", Version = "v1", Kind = kind, Plural = plural, Singular = singular, Namespaced = namespaced, HasStatus = hasStatus,
    };
}
