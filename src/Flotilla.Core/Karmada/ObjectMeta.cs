using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>
/// metav1.ObjectMeta for the typed Karmada records. The fields Flotilla reads are typed; every other field
/// (managedFields, ownerReferences, generateName, ...) is kept verbatim in <see cref="Extra"/> so objects round-trip.
/// </summary>
public sealed record ObjectMeta
{
    public string? Name { get; init; }
    public string? Namespace { get; init; }
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
    public long Generation { get; init; }
    public DateTimeOffset? CreationTimestamp { get; init; }
    public DateTimeOffset? DeletionTimestamp { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
    public List<string>? Finalizers { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public string? Label(string key) => Labels is not null && Labels.TryGetValue(key, out var v) ? v : null;
    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var v) ? v : null;
}
