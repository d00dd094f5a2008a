using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>Adds, removes or replaces metadata labels or annotations.</summary>
public sealed record LabelAnnotationOverrider
{
    [JsonPropertyName("operator")] public string Operator { get; init; } = "";
    [JsonPropertyName("value")] public IReadOnlyDictionary<string, string>? Value { get; init; }
}
