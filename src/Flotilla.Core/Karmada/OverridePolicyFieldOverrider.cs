using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

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
