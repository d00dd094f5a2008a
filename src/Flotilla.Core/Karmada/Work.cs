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

/// <summary>Work.spec.</summary>
public sealed record WorkSpec
{
    [JsonPropertyName("workload")] public WorkloadTemplate Workload { get; init; } = new();

    /// <summary>Stops dispatching to the member cluster (status collection continues). Only true is meaningful.</summary>
    [JsonPropertyName("suspendDispatching")] public bool? SuspendDispatching { get; init; }

    /// <summary>Keep member objects (with Karmada's labels/annotations stripped) when the Work is deleted.</summary>
    [JsonPropertyName("preserveResourcesOnDeletion")] public bool? PreserveResourcesOnDeletion { get; init; }
}

/// <summary>Work.spec.workload: the manifests (RawExtension each; one per Work today).</summary>
public sealed record WorkloadTemplate
{
    [JsonPropertyName("manifests")] public IReadOnlyList<JsonObject>? Manifests { get; init; }
}

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
