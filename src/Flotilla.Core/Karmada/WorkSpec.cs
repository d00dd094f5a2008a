using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

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
