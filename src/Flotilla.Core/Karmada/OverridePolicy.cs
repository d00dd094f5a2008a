using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>
/// policy.karmada.io/v1alpha1 OverridePolicy (namespaced) and ClusterOverridePolicy (cluster-scoped) share this spec.
/// Resource selectors and cluster affinities stay JSON (they are shared with PropagationPolicy, whose typed records
/// live elsewhere); the overriders are typed.
/// </summary>
public sealed record OverridePolicySpec
{
    /// <summary>Resources this policy applies to; nil or empty ⇒ all resources.</summary>
    [JsonPropertyName("resourceSelectors")] public IReadOnlyList<JsonObject>? ResourceSelectors { get; init; }

    /// <summary>Rules applied in list order; each targets clusters by ClusterAffinity (nil ⇒ all clusters).</summary>
    [JsonPropertyName("overrideRules")] public IReadOnlyList<RuleWithCluster>? OverrideRules { get; init; }

    /// <summary>Deprecated (use overrideRules): cluster affinity of the single legacy rule.</summary>
    [JsonPropertyName("targetCluster")] public JsonObject? TargetCluster { get; init; }

    /// <summary>Deprecated (use overrideRules): overriders of the single legacy rule.</summary>
    [JsonPropertyName("overriders")] public Overriders? Overriders { get; init; }

    /// <summary>Reads a policy's spec (the object under "spec").</summary>
    public static OverridePolicySpec FromJson(JsonNode? spec) =>
        spec is null ? new OverridePolicySpec() : spec.Deserialize<OverridePolicySpec>(KubeObject.JsonOptions) ?? new OverridePolicySpec();

    /// <summary>
    /// The effective rules: overrideRules when present, otherwise the deprecated targetCluster + overriders pair
    /// (the webhook forbids both at once).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<RuleWithCluster> EffectiveRules =>
        OverrideRules is { Count: > 0 } rules
            ? rules
            : [new RuleWithCluster { TargetCluster = TargetCluster, Overriders = Overriders ?? new Overriders() }];
}

/// <summary>One override rule: a target-cluster affinity and its overriders.</summary>
public sealed record RuleWithCluster
{
    /// <summary>ClusterAffinity JSON (labelSelector, fieldSelector, clusterNames, exclude); nil ⇒ all clusters.</summary>
    [JsonPropertyName("targetCluster")] public JsonObject? TargetCluster { get; init; }
    [JsonPropertyName("overriders")] public Overriders Overriders { get; init; } = new();
}
