namespace Flotilla.Core.Karmada;

/// <summary>policy.karmada.io/v1alpha1 PropagationPolicy (namespaced).</summary>
public sealed record PropagationPolicy
{
    public const string KindName = "PropagationPolicy";
    public static readonly string DefaultApiVersion = KarmadaGroups.Policy + "/" + KarmadaGroups.V1Alpha1;

    public string? ApiVersion { get; init; } = DefaultApiVersion;
    public string? Kind { get; init; } = KindName;
    public ObjectMeta Metadata { get; init; } = new();
    public PropagationSpec Spec { get; init; } = new();
}

/// <summary>policy.karmada.io/v1alpha1 ClusterPropagationPolicy (cluster-scoped; same spec).</summary>
public sealed record ClusterPropagationPolicy
{
    public const string KindName = "ClusterPropagationPolicy";

    public string? ApiVersion { get; init; } = PropagationPolicy.DefaultApiVersion;
    public string? Kind { get; init; } = KindName;
    public ObjectMeta Metadata { get; init; } = new();
    public PropagationSpec Spec { get; init; } = new();
}

public sealed record PropagationSpec
{
    public List<ResourceSelector>? ResourceSelectors { get; init; }
    /// <summary>Deprecated in favour of <see cref="PropagateDeps"/>.</summary>
    public bool Association { get; init; }
    public bool PropagateDeps { get; init; }
    public Placement? Placement { get; init; }
    public int? Priority { get; init; }
    /// <summary>Never | Always.</summary>
    public string? Preemption { get; init; }
    public List<string>? DependentOverrides { get; init; }
    public string? SchedulerName { get; init; }
    public FailoverBehavior? Failover { get; init; }
    /// <summary>Abort | Overwrite.</summary>
    public string? ConflictResolution { get; init; }
    /// <summary>"" | Lazy.</summary>
    public string? ActivationPreference { get; init; }
    public Suspension? Suspension { get; init; }
    public bool? PreserveResourcesOnDeletion { get; init; }
    public SchedulePriority? SchedulePriority { get; init; }
}

public sealed record ResourceSelector
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public KubeLabelSelector? LabelSelector { get; init; }
}

/// <summary>Policy-side schedulePriority.</summary>
public sealed record SchedulePriority
{
    /// <summary>KubePriorityClass | PodPriorityClass | FederatedPriorityClass.</summary>
    public string? PriorityClassSource { get; init; }
    public string? PriorityClassName { get; init; }
}

/// <summary>spec.suspension of policies and bindings (<see cref="Scheduling"/> exists on bindings only).</summary>
public sealed record Suspension
{
    public bool? Dispatching { get; init; }
    public SuspendClusters? DispatchingOnClusters { get; init; }
    public bool? Scheduling { get; init; }
}

public sealed record SuspendClusters
{
    public List<string>? ClusterNames { get; init; }
}
