using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>Appends to or removes items from a container's command or args.</summary>
public sealed record CommandArgsOverrider
{
    [JsonPropertyName("containerName")] public string ContainerName { get; init; } = "";
    [JsonPropertyName("operator")] public string Operator { get; init; } = "";
    [JsonPropertyName("value")] public IReadOnlyList<string>? Value { get; init; }
}
