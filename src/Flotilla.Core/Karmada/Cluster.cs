using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>cluster.karmada.io/v1alpha1 Cluster.</summary>
public sealed record Cluster
{
    public const string KindName = "Cluster";
    public static readonly string DefaultApiVersion = KarmadaGroups.Cluster + "/" + KarmadaGroups.V1Alpha1;

    public string? ApiVersion { get; init; } = DefaultApiVersion;
    public string? Kind { get; init; } = KindName;
    public ObjectMeta Metadata { get; init; } = new();
    public ClusterSpec Spec { get; init; } = new();
    public ClusterStatus? Status { get; init; }

    /// <summary>metadata.name ("" when unset).</summary>
    [JsonIgnore]
    public string Name => Metadata.Name ?? "";
    [JsonIgnore]
    public bool IsDeleting => Metadata.DeletionTimestamp is not null;
}

public sealed record ClusterSpec
{
    public string? Id { get; init; }
    /// <summary>Push | Pull (<see cref="ClusterSyncModes"/>).</summary>
    public string? SyncMode { get; init; }
    public string? ApiEndpoint { get; init; }
    public LocalSecretReference? SecretRef { get; init; }
    public LocalSecretReference? ImpersonatorSecretRef { get; init; }
    [JsonPropertyName("insecureSkipTLSVerification")]
    public bool InsecureSkipTlsVerification { get; init; }
    [JsonPropertyName("proxyURL")]
    public string? ProxyUrl { get; init; }
    public Dictionary<string, string>? ProxyHeader { get; init; }
    public string? Provider { get; init; }
    public string? Region { get; init; }
    /// <summary>Deprecated single zone; <see cref="Zones"/> is used by scheduling.</summary>
    public string? Zone { get; init; }
    public List<string>? Zones { get; init; }
    public List<Taint>? Taints { get; init; }
    public List<ResourceModel>? ResourceModels { get; init; }
}

/// <summary>A secret reference with namespace and name (Karmada's LocalSecretReference).</summary>
public sealed record LocalSecretReference
{
    public string? Namespace { get; init; }
    public string? Name { get; init; }
}

/// <summary>One grade of the cluster's resource model: [min, max) per resource.</summary>
public sealed record ResourceModel
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public uint Grade { get; init; }
    public List<ResourceModelRange>? Ranges { get; init; }
}

public sealed record ResourceModelRange
{
    /// <summary>cpu | memory | storage | ephemeral-storage.</summary>
    public required string Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Quantity Min { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Quantity Max { get; init; }
}

public sealed record ClusterStatus
{
    public string? KubernetesVersion { get; init; }
    public List<ApiEnablement>? ApiEnablements { get; init; }
    public List<Condition>? Conditions { get; init; }
    public NodeSummary? NodeSummary { get; init; }
    public ResourceSummary? ResourceSummary { get; init; }
    public List<string>? RemedyActions { get; init; }
}

/// <summary>The resources a member serves in one group/version.</summary>
public sealed record ApiEnablement
{
    public required string GroupVersion { get; init; }
    public List<ApiResourceRef>? Resources { get; init; }
}

/// <summary>APIResource in Cluster.status.apiEnablements: plural name and kind.</summary>
public sealed record ApiResourceRef
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
}

public sealed record NodeSummary
{
    public int TotalNum { get; init; }
    public int ReadyNum { get; init; }
}

public sealed record ResourceSummary
{
    public Dictionary<string, Quantity>? Allocatable { get; init; }
    public Dictionary<string, Quantity>? Allocating { get; init; }
    public Dictionary<string, Quantity>? Allocated { get; init; }
    public List<AllocatableModeling>? AllocatableModelings { get; init; }
}

/// <summary>Number of nodes whose free resources fall in a resource-model grade.</summary>
public sealed record AllocatableModeling
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public uint Grade { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int Count { get; init; }
}

public static class ClusterSyncModes
{
    public const string Push = "Push";
    public const string Pull = "Pull";
}

/// <summary>Cluster condition types and reasons.</summary>
public static class ClusterConditions
{
    public const string Ready = "Ready";
    public const string CompleteApiEnablements = "CompleteAPIEnablements";

    public const string ReasonClusterReady = "ClusterReady";
    public const string ReasonClusterNotReady = "ClusterNotReady";
    public const string ReasonClusterNotReachable = "ClusterNotReachable";
    public const string ReasonClusterStatusUnknown = "ClusterStatusUnknown";
    public const string ReasonClusterStatusNeverUpdated = "ClusterStatusNeverUpdated";
}
