using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>work.karmada.io/v1alpha2 ResourceBinding (namespaced).</summary>
public sealed record ResourceBinding
{
    public const string KindName = "ResourceBinding";
    public static readonly string DefaultApiVersion = KarmadaGroups.Work + "/" + KarmadaGroups.V1Alpha2;

    public string? ApiVersion { get; init; } = DefaultApiVersion;
    public string? Kind { get; init; } = KindName;
    public ObjectMeta Metadata { get; init; } = new();
    public ResourceBindingSpec Spec { get; init; } = new();
    public ResourceBindingStatus? Status { get; init; }
}

/// <summary>work.karmada.io/v1alpha2 ClusterResourceBinding (cluster-scoped; same spec and status).</summary>
public sealed record ClusterResourceBinding
{
    public const string KindName = "ClusterResourceBinding";

    public string? ApiVersion { get; init; } = ResourceBinding.DefaultApiVersion;
    public string? Kind { get; init; } = KindName;
    public ObjectMeta Metadata { get; init; } = new();
    public ResourceBindingSpec Spec { get; init; } = new();
    public ResourceBindingStatus? Status { get; init; }
}

public sealed record ResourceBindingSpec
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ObjectReference Resource { get; init; } = new();
    public bool PropagateDeps { get; init; }
    public ReplicaRequirements? ReplicaRequirements { get; init; }
    public int Replicas { get; init; }
    public List<Component>? Components { get; init; }
    /// <summary>The scheduling result.</summary>
    public List<TargetCluster>? Clusters { get; init; }
    public Placement? Placement { get; init; }
    public List<GracefulEvictionTask>? GracefulEvictionTasks { get; init; }
    public List<BindingSnapshot>? RequiredBy { get; init; }
    public string? SchedulerName { get; init; }
    public FailoverBehavior? Failover { get; init; }
    public string? ConflictResolution { get; init; }
    public DateTimeOffset? RescheduleTriggeredAt { get; init; }
    public Suspension? Suspension { get; init; }
    public bool? PreserveResourcesOnDeletion { get; init; }
    public BindingSchedulePriority? SchedulePriority { get; init; }
    public WorkloadAffinityGroups? WorkloadAffinityGroups { get; init; }

    /// <summary>Karmada's TargetContains: the cluster is in spec.clusters.</summary>
    public bool TargetContains(string cluster)
    {
        if (Clusters is null) return false;
        foreach (var c in Clusters) if (c.Name == cluster) return true;
        return false;
    }

    /// <summary>The cluster appears as fromCluster of a graceful eviction task.</summary>
    public bool ClusterInGracefulEvictionTasks(string cluster)
    {
        if (GracefulEvictionTasks is null) return false;
        foreach (var t in GracefulEvictionTasks) if (t.FromCluster == cluster) return true;
        return false;
    }
}

/// <summary>Reference to the resource template.</summary>
public sealed record ObjectReference
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string ApiVersion { get; init; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Kind { get; init; } = "";
    public string? Namespace { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Name { get; init; } = "";
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
}

public sealed record ReplicaRequirements
{
    public NodeClaim? NodeClaim { get; init; }
    /// <summary>Per-replica resource requests (corev1.ResourceList).</summary>
    public Dictionary<string, Quantity>? ResourceRequest { get; init; }
    public string? Namespace { get; init; }
    public string? PriorityClassName { get; init; }
}

public sealed record NodeClaim
{
    public NodeSelector? HardNodeAffinity { get; init; }
    public Dictionary<string, string>? NodeSelector { get; init; }
    public List<Toleration>? Tolerations { get; init; }
}

/// <summary>One pod template of a multi-component workload.</summary>
public sealed record Component
{
    public required string Name { get; init; }
    public int Replicas { get; init; }
    public ReplicaRequirements? ReplicaRequirements { get; init; }
}

/// <summary>A scheduled cluster and its replicas.</summary>
public sealed record TargetCluster
{
    public required string Name { get; init; }
    public int Replicas { get; init; }
}

public sealed record GracefulEvictionTask
{
    public required string FromCluster { get; init; }
    public string? PurgeMode { get; init; }
    public int? Replicas { get; init; }
    /// <summary>TaintUntolerated | ApplicationFailure.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Reason { get; init; } = "";
    public string? Message { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Producer { get; init; } = "";
    public int? GracePeriodSeconds { get; init; }
    public bool? SuppressDeletion { get; init; }
    public Dictionary<string, string>? PreservedLabelState { get; init; }
    public List<string>? ClustersBeforeFailover { get; init; }
    public DateTimeOffset? CreationTimestamp { get; init; }
}

/// <summary>A binding that depends on this one (spec.requiredBy).</summary>
public sealed record BindingSnapshot
{
    public string? Namespace { get; init; }
    public required string Name { get; init; }
    public List<TargetCluster>? Clusters { get; init; }
}

/// <summary>Binding-side schedulePriority.</summary>
public sealed record BindingSchedulePriority
{
    public int Priority { get; init; }
}

public sealed record WorkloadAffinityGroups
{
    public string? AffinityGroup { get; init; }
    public string? AntiAffinityGroup { get; init; }
}

public sealed record ResourceBindingStatus
{
    public long SchedulerObservedGeneration { get; init; }
    public string? SchedulerObservingAffinityName { get; init; }
    public DateTimeOffset? LastScheduledTime { get; init; }
    public List<Condition>? Conditions { get; init; }
    public List<AggregatedStatusItem>? AggregatedStatus { get; init; }
}

public sealed record AggregatedStatusItem
{
    public required string ClusterName { get; init; }
    public JsonNode? Status { get; init; }
    public bool Applied { get; init; }
    public string? AppliedMessage { get; init; }
    /// <summary>Healthy | Unhealthy | Unknown.</summary>
    public string? Health { get; init; }
}
