namespace Flotilla.Core.Karmada;

/// <summary>Kinds and resources of the override policies (policy.karmada.io/v1alpha1).</summary>
public static class OverridePolicyKinds
{
    public const string ApiVersion = KarmadaGroups.Policy + "/" + KarmadaGroups.V1Alpha1;
    public const string OverridePolicy = "OverridePolicy";
    public const string ClusterOverridePolicy = "ClusterOverridePolicy";
    public const string OverridePolicyResource = "overridepolicies";
    public const string ClusterOverridePolicyResource = "clusteroverridepolicies";
}
