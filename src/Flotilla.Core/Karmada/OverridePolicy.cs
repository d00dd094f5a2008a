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

/// <summary>The overriders of a rule; applied in the fixed order image → command → args → labels → annotations → field → plaintext.</summary>
public sealed record Overriders
{
    [JsonPropertyName("plaintext")] public IReadOnlyList<PlaintextOverrider>? Plaintext { get; init; }
    [JsonPropertyName("imageOverrider")] public IReadOnlyList<ImageOverrider>? ImageOverrider { get; init; }
    [JsonPropertyName("commandOverrider")] public IReadOnlyList<CommandArgsOverrider>? CommandOverrider { get; init; }
    [JsonPropertyName("argsOverrider")] public IReadOnlyList<CommandArgsOverrider>? ArgsOverrider { get; init; }
    [JsonPropertyName("labelsOverrider")] public IReadOnlyList<LabelAnnotationOverrider>? LabelsOverrider { get; init; }
    [JsonPropertyName("annotationsOverrider")] public IReadOnlyList<LabelAnnotationOverrider>? AnnotationsOverrider { get; init; }
    [JsonPropertyName("fieldOverrider")] public IReadOnlyList<FieldOverrider>? FieldOverrider { get; init; }
}

/// <summary>Operators of overriders: add, remove, replace.</summary>
public static class OverriderOperators
{
    public const string Add = "add";
    public const string Remove = "remove";
    public const string Replace = "replace";
}

/// <summary>Image components an ImageOverrider can change.</summary>
public static class ImageComponents
{
    public const string Registry = "Registry";
    public const string Repository = "Repository";
    public const string Tag = "Tag";
}

/// <summary>A raw RFC 6902 operation on the manifest.</summary>
public sealed record PlaintextOverrider
{
    [JsonPropertyName("path")] public string Path { get; init; } = "";
    [JsonPropertyName("operator")] public string Operator { get; init; } = "";
    [JsonPropertyName("value")] public JsonNode? Value { get; init; }
}

/// <summary>Changes one component of container images.</summary>
public sealed record ImageOverrider
{
    /// <summary>Optional: a JSON pointer to one image string; nil ⇒ every container of the pod (template) spec.</summary>
    [JsonPropertyName("predicate")] public ImagePredicate? Predicate { get; init; }
    [JsonPropertyName("component")] public string Component { get; init; } = "";
    [JsonPropertyName("operator")] public string Operator { get; init; } = "";
    [JsonPropertyName("value")] public string? Value { get; init; }
}

/// <summary>Selects one image by path.</summary>
public sealed record ImagePredicate
{
    [JsonPropertyName("path")] public string Path { get; init; } = "";
}

/// <summary>Appends to or removes items from a container's command or args.</summary>
public sealed record CommandArgsOverrider
{
    [JsonPropertyName("containerName")] public string ContainerName { get; init; } = "";
    [JsonPropertyName("operator")] public string Operator { get; init; } = "";
    [JsonPropertyName("value")] public IReadOnlyList<string>? Value { get; init; }
}

/// <summary>Adds, removes or replaces metadata labels or annotations.</summary>
public sealed record LabelAnnotationOverrider
{
    [JsonPropertyName("operator")] public string Operator { get; init; } = "";
    [JsonPropertyName("value")] public IReadOnlyDictionary<string, string>? Value { get; init; }
}

/// <summary>Patches a JSON or YAML document held in a string field (e.g. a ConfigMap key).</summary>
public sealed record FieldOverrider
{
    /// <summary>RFC 6901 pointer to the string field, e.g. /data/db-config.yaml.</summary>
    [JsonPropertyName("fieldPath")] public string FieldPath { get; init; } = "";
    [JsonPropertyName("json")] public IReadOnlyList<FieldPatchOperation>? Json { get; init; }
    [JsonPropertyName("yaml")] public IReadOnlyList<FieldPatchOperation>? Yaml { get; init; }
}

/// <summary>One operation of a FieldOverrider (Karmada's JSONPatchOperation / YAMLPatchOperation).</summary>
public sealed record FieldPatchOperation
{
    [JsonPropertyName("subPath")] public string SubPath { get; init; } = "";
    [JsonPropertyName("operator")] public string Operator { get; init; } = "";
    [JsonPropertyName("value")] public JsonNode? Value { get; init; }
}
