using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Binding;

/// <summary>The control-plane resources the propagation controllers read and write.</summary>
public static class KarmadaResources
{
    public static readonly GroupVersionResource Clusters = new(KarmadaGroups.Cluster, KarmadaGroups.V1Alpha1, "clusters");
    public static readonly GroupVersionResource PropagationPolicies = new(KarmadaGroups.Policy, KarmadaGroups.V1Alpha1, "propagationpolicies");
    public static readonly GroupVersionResource ClusterPropagationPolicies = new(KarmadaGroups.Policy, KarmadaGroups.V1Alpha1, "clusterpropagationpolicies");
    public static readonly GroupVersionResource OverridePolicies = new(KarmadaGroups.Policy, KarmadaGroups.V1Alpha1, "overridepolicies");
    public static readonly GroupVersionResource ClusterOverridePolicies = new(KarmadaGroups.Policy, KarmadaGroups.V1Alpha1, "clusteroverridepolicies");
    public static readonly GroupVersionResource ResourceBindings = new(KarmadaGroups.Work, KarmadaGroups.V1Alpha2, "resourcebindings");
    public static readonly GroupVersionResource ClusterResourceBindings = new(KarmadaGroups.Work, KarmadaGroups.V1Alpha2, "clusterresourcebindings");
    public static readonly GroupVersionResource Works = new(KarmadaGroups.Work, KarmadaGroups.V1Alpha1, "works");
    public static readonly GroupVersionResource Namespaces = new("", "v1", "namespaces");
    public static readonly GroupVersionResource Secrets = new("", "v1", "secrets");
    public static readonly GroupVersionResource CustomResourceDefinitions = new("apiextensions.k8s.io", "v1", "customresourcedefinitions");

    /// <summary>The binding resource of a binding kind (RB when namespaced, CRB otherwise).</summary>
    public static GroupVersionResource BindingResource(bool clusterScoped) => clusterScoped ? ClusterResourceBindings : ResourceBindings;
}
