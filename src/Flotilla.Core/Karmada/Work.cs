using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>
/// work.karmada.io/v1alpha1 Work: the manifests to apply in one member cluster, in namespace karmada-es-&lt;cluster&gt;.
/// Metadata stays unstructured (<see cref="Metadata"/>) so labels/annotations round-trip untouched.
/// </summary>
public sealed record Work
{
    public const string ApiVersionValue = KarmadaGroups.Work + "/" + KarmadaGroups.V1Alpha1;
    public const string KindValue = "Work";
    public const string Resource = "works";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; init; } = ApiVersionValue;
    [JsonPropertyName("kind")] public string Kind { get; init; } = KindValue;
    [JsonPropertyName("metadata")] public JsonObject Metadata { get; init; } = new();
    [JsonPropertyName("spec")] public WorkSpec Spec { get; init; } = new();
    [JsonPropertyName("status")] public WorkStatus? Status { get; init; }
}
