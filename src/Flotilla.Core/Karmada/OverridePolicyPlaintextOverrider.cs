using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>A raw RFC 6902 operation on the manifest.</summary>
public sealed record PlaintextOverrider
{
    [JsonPropertyName("path")] public string Path { get; init; } = "";
    [JsonPropertyName("operator")] public string Operator { get; init; } = "";
    [JsonPropertyName("value")] public JsonNode? Value { get; init; }
}
