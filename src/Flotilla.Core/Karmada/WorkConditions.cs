namespace Flotilla.Core.Karmada;

/// <summary>Work condition types, reasons and messages, verbatim from Karmada.</summary>
public static class WorkConditions
{
    // Types.
    public const string Applied = "Applied";
    public const string Progressing = "Progressing";
    public const string Available = "Available";
    public const string Degraded = "Degraded";
    public const string Dispatching = "Dispatching";

    // Reasons of Applied.
    public const string ReasonAppliedSuccessful = "AppliedSuccessful";
    public const string ReasonAppliedFailed = "AppliedFailed";
    public const string MessageAppliedSuccessful = "Manifest has been successfully applied";

    // Reasons and messages of Dispatching.
    public const string ReasonDispatching = "Dispatching";
    public const string ReasonSuspendDispatching = "SuspendDispatching";
    public const string MessageDispatching = "Work is being dispatched to member clusters.";
    public const string MessageSuspendDispatching = "Work dispatching is in a suspended state.";
}

/// <summary>Values of ManifestStatus.health and AggregatedStatusItem.health.</summary>
public static class ResourceHealthValues
{
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";
    public const string Unknown = "Unknown";
}

/// <summary>Label and annotation values Karmada writes on Works and propagated objects.</summary>
public static class WorkAnnotationValues
{
    /// <summary>Value of karmada.io/managed on propagated objects.</summary>
    public const string ManagedTrue = "true";

    /// <summary>Values of work.karmada.io/conflict-resolution.</summary>
    public const string ConflictOverwrite = "overwrite";
    public const string ConflictAbort = "abort";

    /// <summary>Values of policy conflictResolution (binding.spec.conflictResolution).</summary>
    public const string PolicyConflictOverwrite = "Overwrite";
    public const string PolicyConflictAbort = "Abort";

    /// <summary>Value of resourcetemplate.karmada.io/retain-replicas that makes members keep their replicas.</summary>
    public const string RetainReplicasTrue = "true";
}
