using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>Work.status.</summary>
public sealed record WorkStatus
{
    /// <summary>metav1.Condition list; types in <see cref="WorkConditions"/>.</summary>
    [JsonPropertyName("conditions")] public JsonArray? Conditions { get; init; }

    [JsonPropertyName("manifestStatuses")] public IReadOnlyList<ManifestStatus>? ManifestStatuses { get; init; }
}

/// <summary>Status of one manifest as reflected from the member cluster.</summary>
public sealed record ManifestStatus
{
    [JsonPropertyName("identifier")] public ResourceIdentifier Identifier { get; init; } = new();

    /// <summary>The reflected status (RawExtension), see the interpreter's ReflectStatus.</summary>
    [JsonPropertyName("status")] public JsonNode? Status { get; init; }

    /// <summary>Healthy | Unhealthy | Unknown (<see cref="ResourceHealthValues"/>).</summary>
    [JsonPropertyName("health")] public string? Health { get; init; }
}

/// <summary>Identifies a manifest inside a Work.</summary>
public sealed record ResourceIdentifier
{
    /// <summary>Index of the manifest in spec.workload.manifests.</summary>
    [JsonPropertyName("ordinal")] public int Ordinal { get; init; }
    [JsonPropertyName("group")] public string Group { get; init; } = "";
    [JsonPropertyName("version")] public string Version { get; init; } = "";
    [JsonPropertyName("kind")] public string Kind { get; init; } = "";
    [JsonPropertyName("resource")] public string Resource { get; init; } = "";
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
}
