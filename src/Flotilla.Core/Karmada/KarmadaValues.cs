namespace Flotilla.Core.Karmada;

public static class ReplicaSchedulingTypes
{
    public const string Duplicated = "Duplicated";
    public const string Divided = "Divided";
}

public static class ReplicaDivisionPreferences
{
    public const string Aggregated = "Aggregated";
    public const string Weighted = "Weighted";
}

public static class DynamicWeightFactors
{
    public const string AvailableReplicas = "AvailableReplicas";
}

public static class SpreadByFields
{
    public const string Cluster = "cluster";
    public const string Region = "region";
    public const string Zone = "zone";
    public const string Provider = "provider";
}

/// <summary>Keys of ClusterAffinity.fieldSelector match expressions.</summary>
public static class ClusterFieldKeys
{
    public const string Provider = "provider";
    public const string Region = "region";
    public const string Zone = "zone";
}

public static class PurgeModes
{
    public const string Directly = "Directly";
    public const string Gracefully = "Gracefully";
    public const string Never = "Never";
    public const string Immediately = "Immediately";
    public const string Graciously = "Graciously";
}

/// <summary>Seed extension placement.schedulerStrategy.type values.</summary>
public static class SchedulerStrategyTypes
{
    public const string Failover = "Failover";
    public const string RollingUpdate = "RollingUpdate";
}

/// <summary>ResourceBinding condition types and reasons.</summary>
public static class BindingConditions
{
    public const string Scheduled = "Scheduled";
    public const string FullyApplied = "FullyApplied";

    public const string ReasonSuccess = "Success";
    public const string ReasonSchedulerError = "SchedulerError";
    public const string ReasonNoClusterFit = "NoClusterFit";
    public const string ReasonUnschedulable = "Unschedulable";
    public const string ReasonQuotaExceeded = "QuotaExceeded";
    public const string ReasonFullyAppliedSuccess = "FullyAppliedSuccess";
    public const string ReasonFullyAppliedFailed = "FullyAppliedFailed";
}

public static class EvictionReasons
{
    public const string TaintUntolerated = "TaintUntolerated";
    public const string ApplicationFailure = "ApplicationFailure";
}

public static class ResourceHealth
{
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";
    public const string Unknown = "Unknown";
}
