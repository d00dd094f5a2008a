using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

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
