namespace Flotilla.Core.Karmada;

/// <summary>Karmada's label keys, verbatim. Never write these as inline literals elsewhere.</summary>
public static class WellKnownLabels
{
    public const string Managed = "karmada.io/managed";
    public const string ResourceBindingPermanentId = "resourcebinding.karmada.io/permanent-id";
    public const string ClusterResourceBindingPermanentId = "clusterresourcebinding.karmada.io/permanent-id";
    public const string WorkPermanentId = "work.karmada.io/permanent-id";
    public const string PropagationPolicyPermanentId = "propagationpolicy.karmada.io/permanent-id";
    public const string ClusterPropagationPolicyPermanentId = "clusterpropagationpolicy.karmada.io/permanent-id";
    public const string BindingManagedBy = "binding.karmada.io/managed-by";
    public const string RetainReplicas = "resourcetemplate.karmada.io/retain-replicas";
    public const string DeletionProtected = "resourcetemplate.karmada.io/deletion-protected";
    public const string SkipAutoPropagation = "namespace.karmada.io/skip-auto-propagation";
    public const string ClusterName = "cluster.karmada.io/name";
    public const string TopologyRegion = "topology.kubernetes.io/region";
    public const string TopologyZone = "topology.kubernetes.io/zone";
}

/// <summary>Karmada's annotation keys, verbatim.</summary>
public static class WellKnownAnnotations
{
    public const string PropagationPolicyNamespace = "propagationpolicy.karmada.io/namespace";
    public const string PropagationPolicyName = "propagationpolicy.karmada.io/name";
    public const string ClusterPropagationPolicyName = "clusterpropagationpolicy.karmada.io/name";
    public const string AppliedPlacement = "policy.karmada.io/applied-placement";
    public const string AppliedOverrides = "policy.karmada.io/applied-overrides";
    public const string AppliedClusterOverrides = "policy.karmada.io/applied-cluster-overrides";
    public const string BindingDependencies = "resourcebinding.karmada.io/dependencies";
    public const string ResourceBindingNamespace = "resourcebinding.karmada.io/namespace";
    public const string ResourceBindingName = "resourcebinding.karmada.io/name";
    public const string ClusterResourceBindingName = "clusterresourcebinding.karmada.io/name";
    public const string WorkName = "work.karmada.io/name";
    public const string WorkNamespace = "work.karmada.io/namespace";
    public const string ConflictResolution = "work.karmada.io/conflict-resolution";
    public const string ResourceTemplateUid = "resourcetemplate.karmada.io/uid";
    public const string ResourceTemplateGeneration = "resourcetemplate.karmada.io/generation";
    public const string ManagedLabels = "resourcetemplate.karmada.io/managed-labels";
    public const string ManagedAnnotations = "resourcetemplate.karmada.io/managed-annotations";
    public const string LastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration";
}

public static class WellKnownFinalizers
{
    public const string Cluster = "karmada.io/cluster-controller";
    public const string ResourceBinding = "karmada.io/binding-controller";
    public const string ClusterResourceBinding = "karmada.io/cluster-resource-binding-controller";
    public const string Execution = "karmada.io/execution-controller";
    public const string Kubernetes = "kubernetes";
    public const string OrphanDependents = "orphan";
    public const string ForegroundDeletion = "foregroundDeletion";
}

public static class WellKnownTaints
{
    public const string NotReady = "cluster.karmada.io/not-ready";
    public const string Unreachable = "cluster.karmada.io/unreachable";
    public const string Unschedulable = "cluster.karmada.io/unschedulable";
}

public static class WellKnownNamespaces
{
    public const string KarmadaSystem = "karmada-system";
    public const string KarmadaCluster = "karmada-cluster";
    public const string ExecutionPrefix = "karmada-es-";
    public const string Default = "default";
    public const string KubeSystem = "kube-system";
    public const string KubePublic = "kube-public";
    public const string KubeNodeLease = "kube-node-lease";

    public static string ForCluster(string cluster) => ExecutionPrefix + cluster;
}

/// <summary>Karmada's API groups and versions.</summary>
public static class KarmadaGroups
{
    public const string Cluster = "cluster.karmada.io";
    public const string Policy = "policy.karmada.io";
    public const string Work = "work.karmada.io";
    public const string Config = "config.karmada.io";
    public const string Networking = "networking.karmada.io";
    public const string Autoscaling = "autoscaling.karmada.io";
    public const string Apps = "apps.karmada.io";
    public const string Remedy = "remedy.karmada.io";
    public const string MultiCluster = "multicluster.x-k8s.io";
    public const string V1Alpha1 = "v1alpha1";
    public const string V1Alpha2 = "v1alpha2";
}
