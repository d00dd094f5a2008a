using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Clusters;

/// <summary>The resources the cluster controllers and registration read and write (control plane and members).</summary>
public static class ClusterApi
{
    public static readonly GroupVersionResource Clusters = new(KarmadaGroups.Cluster, KarmadaGroups.V1Alpha1, "clusters");
    public static readonly GroupVersionResource Works = new(KarmadaGroups.Work, KarmadaGroups.V1Alpha1, "works");
    public static readonly GroupVersionResource Namespaces = new("", "v1", "namespaces");
    public static readonly GroupVersionResource Secrets = new("", "v1", "secrets");
    public static readonly GroupVersionResource ServiceAccounts = new("", "v1", "serviceaccounts");
    public static readonly GroupVersionResource Nodes = new("", "v1", "nodes");
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");
    public static readonly GroupVersionResource Leases = new("coordination.k8s.io", "v1", "leases");
    public static readonly GroupVersionResource ClusterRoles = new("rbac.authorization.k8s.io", "v1", "clusterroles");
    public static readonly GroupVersionResource ClusterRoleBindings = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings");

    /// <summary>Secret type of ServiceAccount token secrets.</summary>
    public const string ServiceAccountTokenType = "kubernetes.io/service-account-token";
    /// <summary>Annotation naming the ServiceAccount of a token secret.</summary>
    public const string ServiceAccountNameAnnotation = "kubernetes.io/service-account.name";
}
