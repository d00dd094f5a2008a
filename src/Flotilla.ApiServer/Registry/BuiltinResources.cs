using Flotilla.ApiServer.Auth;
using Flotilla.ApiServer.Conversion;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.ApiServer.Registry;

/// <summary>The static catalogue: every built-in Kubernetes kind Flotilla serves plus Karmada's kinds.</summary>
public static class BuiltinResources
{
    private static readonly string[] All = ["all"];
    private static readonly string[] KarmadaCategory = ["karmada-io"];
    private static readonly string[] CreateOnly = ["create"];
    private static readonly string[] NamespaceVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"];
    private static readonly ScaleSubresource ReplicasScale = new(".spec.replicas", ".status.replicas", ".status.selector");

    /// <summary>Every served resource, one entry per group/version.</summary>
    public static IReadOnlyList<ServedResource> Create()
    {
        var l = new List<ServedResource>(80);
        // core/v1
        Add(l, KubeGroups.Core, "v1", "Namespace", "namespaces", false, ["ns"], status: true, nameRule: NameRule.Label, verbs: NamespaceVerbs, generation: false);
        Add(l, KubeGroups.Core, "v1", "ConfigMap", "configmaps", true, ["cm"], generation: false);
        Add(l, KubeGroups.Core, "v1", "Secret", "secrets", true, generation: false);
        Add(l, KubeGroups.Core, "v1", "Service", "services", true, ["svc"], All, status: true, nameRule: NameRule.Label);
        Add(l, KubeGroups.Core, "v1", "Endpoints", "endpoints", true, ["ep"], generation: false);
        Add(l, KubeGroups.Core, "v1", "Pod", "pods", true, ["po"], All, status: true);
        Add(l, KubeGroups.Core, "v1", "ServiceAccount", "serviceaccounts", true, ["sa"], generation: false);
        Add(l, KubeGroups.Core, "v1", "Event", "events", true, ["ev"], generation: false);
        Add(l, KubeGroups.Core, "v1", "ResourceQuota", "resourcequotas", true, ["quota"], status: true);
        Add(l, KubeGroups.Core, "v1", "LimitRange", "limitranges", true, ["limits"]);
        Add(l, KubeGroups.Core, "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, ["pvc"], status: true);
        Add(l, KubeGroups.Core, "v1", "PersistentVolume", "persistentvolumes", false, ["pv"], status: true);
        Add(l, KubeGroups.Core, "v1", "Node", "nodes", false, ["no"], status: true, generation: false);
        Add(l, KubeGroups.Core, "v1", "ReplicationController", "replicationcontrollers", true, ["rc"], All, status: true, scale: ReplicasScale);
        // apps/v1
        Add(l, KubeGroups.Apps, "v1", "Deployment", "deployments", true, ["deploy"], All, status: true, scale: ReplicasScale);
        Add(l, KubeGroups.Apps, "v1", "StatefulSet", "statefulsets", true, ["sts"], All, status: true, scale: ReplicasScale);
        Add(l, KubeGroups.Apps, "v1", "DaemonSet", "daemonsets", true, ["ds"], All, status: true);
        Add(l, KubeGroups.Apps, "v1", "ReplicaSet", "replicasets", true, ["rs"], All, status: true, scale: ReplicasScale);
        Add(l, KubeGroups.Apps, "v1", "ControllerRevision", "controllerrevisions", true, generation: false);
        // batch/v1
        Add(l, KubeGroups.Batch, "v1", "Job", "jobs", true, [], All, status: true);
        Add(l, KubeGroups.Batch, "v1", "CronJob", "cronjobs", true, ["cj"], All, status: true);
        // networking.k8s.io/v1
        Add(l, KubeGroups.Networking, "v1", "Ingress", "ingresses", true, ["ing"], status: true);
        Add(l, KubeGroups.Networking, "v1", "NetworkPolicy", "networkpolicies", true, ["netpol"]);
        Add(l, KubeGroups.Networking, "v1", "IngressClass", "ingressclasses", false);
        // policy/v1
        Add(l, KubeGroups.Policy, "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, ["pdb"], status: true);
        // autoscaling v2 (preferred) and v1
        Add(l, KubeGroups.Autoscaling, "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"], All, status: true);
        Add(l, KubeGroups.Autoscaling, "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"], All, status: true, storageVersion: "v2");
        // coordination, discovery
        Add(l, KubeGroups.Coordination, "v1", "Lease", "leases", true, generation: false);
        Add(l, KubeGroups.Discovery, "v1", "EndpointSlice", "endpointslices", true, generation: false);
        // rbac
        Add(l, KubeGroups.Rbac, "v1", "Role", "roles", true, nameRule: NameRule.PathSegment, generation: false);
        Add(l, KubeGroups.Rbac, "v1", "ClusterRole", "clusterroles", false, nameRule: NameRule.PathSegment, generation: false);
        Add(l, KubeGroups.Rbac, "v1", "RoleBinding", "rolebindings", true, nameRule: NameRule.PathSegment, generation: false);
        Add(l, KubeGroups.Rbac, "v1", "ClusterRoleBinding", "clusterrolebindings", false, nameRule: NameRule.PathSegment, generation: false);
        // events.k8s.io
        Add(l, KubeGroups.Events, "v1", "Event", "events", true, ["ev"], generation: false, storageVersion: "v1", conversion: EventConversion.EventsV1);
        // apiextensions
        Add(l, KubeGroups.ApiExtensions, "v1", "CustomResourceDefinition", "customresourcedefinitions", false, ["crd", "crds"], ["api-extensions"], status: true);
        // authentication and authorization reviews: created, never stored (kubectl auth whoami / can-i)
        Add(l, AccessReviews.AuthenticationGroup, "v1", "TokenReview", "tokenreviews", false, verbs: CreateOnly, generation: false);
        Add(l, AccessReviews.AuthenticationGroup, "v1", "SelfSubjectReview", "selfsubjectreviews", false, verbs: CreateOnly, generation: false);
        Add(l, AccessReviews.AuthorizationGroup, "v1", "LocalSubjectAccessReview", "localsubjectaccessreviews", true, verbs: CreateOnly, generation: false);
        Add(l, AccessReviews.AuthorizationGroup, "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false, verbs: CreateOnly, generation: false);
        Add(l, AccessReviews.AuthorizationGroup, "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", false, verbs: CreateOnly, generation: false);
        Add(l, AccessReviews.AuthorizationGroup, "v1", "SubjectAccessReview", "subjectaccessreviews", false, verbs: CreateOnly, generation: false);
        // storage, scheduling
        Add(l, KubeGroups.Storage, "v1", "StorageClass", "storageclasses", false, ["sc"], generation: false);
        Add(l, KubeGroups.Scheduling, "v1", "PriorityClass", "priorityclasses", false, ["pc"], generation: false);

        // Karmada (KARMADA.md §1.0)
        Add(l, KarmadaGroups.Cluster, KarmadaGroups.V1Alpha1, "Cluster", "clusters", false, status: true, extra: ["proxy"]);
        Add(l, KarmadaGroups.Policy, KarmadaGroups.V1Alpha1, "PropagationPolicy", "propagationpolicies", true, ["pp"], KarmadaCategory);
        Add(l, KarmadaGroups.Policy, KarmadaGroups.V1Alpha1, "ClusterPropagationPolicy", "clusterpropagationpolicies", false, ["cpp"], KarmadaCategory);
        Add(l, KarmadaGroups.Policy, KarmadaGroups.V1Alpha1, "OverridePolicy", "overridepolicies", true, ["op"], KarmadaCategory);
        Add(l, KarmadaGroups.Policy, KarmadaGroups.V1Alpha1, "ClusterOverridePolicy", "clusteroverridepolicies", false, ["cop"], KarmadaCategory);
        Add(l, KarmadaGroups.Policy, KarmadaGroups.V1Alpha1, "FederatedResourceQuota", "federatedresourcequotas", true, ["frq"], KarmadaCategory, status: true);
        Add(l, KarmadaGroups.Policy, KarmadaGroups.V1Alpha1, "ClusterTaintPolicy", "clustertaintpolicies", false, [], KarmadaCategory);
        Add(l, KarmadaGroups.Work, KarmadaGroups.V1Alpha2, "ResourceBinding", "resourcebindings", true, ["rb"], KarmadaCategory, status: true);
        Add(l, KarmadaGroups.Work, KarmadaGroups.V1Alpha2, "ClusterResourceBinding", "clusterresourcebindings", false, ["crb"], KarmadaCategory, status: true);
        Add(l, KarmadaGroups.Work, KarmadaGroups.V1Alpha1, "ResourceBinding", "resourcebindings", true, ["rb"], KarmadaCategory, status: true, storageVersion: KarmadaGroups.V1Alpha2);
        Add(l, KarmadaGroups.Work, KarmadaGroups.V1Alpha1, "ClusterResourceBinding", "clusterresourcebindings", false, ["crb"], KarmadaCategory, status: true, storageVersion: KarmadaGroups.V1Alpha2);
        Add(l, KarmadaGroups.Work, KarmadaGroups.V1Alpha1, "Work", "works", true, ["wk"], KarmadaCategory, status: true);
        Add(l, KarmadaGroups.Config, KarmadaGroups.V1Alpha1, "ResourceInterpreterCustomization", "resourceinterpretercustomizations", false, ["ric"], KarmadaCategory);
        Add(l, KarmadaGroups.Config, KarmadaGroups.V1Alpha1, "ResourceInterpreterWebhookConfiguration", "resourceinterpreterwebhookconfigurations", false, [], KarmadaCategory, generation: false);
        Add(l, KarmadaGroups.Networking, KarmadaGroups.V1Alpha1, "MultiClusterService", "multiclusterservices", true, ["mcs"], KarmadaCategory, status: true);
        Add(l, KarmadaGroups.Networking, KarmadaGroups.V1Alpha1, "MultiClusterIngress", "multiclusteringresses", true, ["mci"], KarmadaCategory, status: true);
        Add(l, KarmadaGroups.Autoscaling, KarmadaGroups.V1Alpha1, "FederatedHPA", "federatedhpas", true, ["fhpa"], KarmadaCategory, status: true);
        Add(l, KarmadaGroups.Autoscaling, KarmadaGroups.V1Alpha1, "CronFederatedHPA", "cronfederatedhpas", true, ["cronfhpa"], KarmadaCategory, status: true);
        Add(l, KarmadaGroups.Apps, KarmadaGroups.V1Alpha1, "WorkloadRebalancer", "workloadrebalancers", false, [], KarmadaCategory, status: true);
        Add(l, KarmadaGroups.Remedy, KarmadaGroups.V1Alpha1, "Remedy", "remedies", false, [], KarmadaCategory);
        Add(l, KarmadaGroups.MultiCluster, KarmadaGroups.V1Alpha1, "ServiceExport", "serviceexports", true, ["svcex"], status: true);
        Add(l, KarmadaGroups.MultiCluster, KarmadaGroups.V1Alpha1, "ServiceImport", "serviceimports", true, ["svcim"], status: true);
        return l;
    }

    private static void Add(List<ServedResource> list, string group, string version, string kind, string plural, bool namespaced,
        string[]? shortNames = null, string[]? categories = null, bool status = false, ScaleSubresource? scale = null,
        NameRule nameRule = NameRule.Subdomain, string[]? verbs = null, bool generation = true, string? storageVersion = null,
        string[]? extra = null, VersionConversion? conversion = null)
    {
        var r = new ApiResource
        {
            Group = group,
            Version = version,
            Kind = kind,
            Plural = plural,
            Singular = kind.ToLowerInvariant(),
            Namespaced = namespaced,
            ShortNames = shortNames ?? [],
            Categories = categories ?? [],
            Verbs = verbs ?? ApiResource.StandardVerbs,
            HasStatus = status,
            Scale = scale,
            StorageVersion = storageVersion,
        };
        list.Add(new ServedResource(r, nameRule, extra, null, generation, conversion));
    }
}
