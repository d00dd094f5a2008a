namespace Flotilla.Controllers.Execution;

/// <summary>Karmada's execution controller event reasons and messages (pkg/events, execution_controller.go), recorded
/// on the Work.</summary>
public static class ExecutionEvents
{
    /// <summary>Karmada's EventReasonSyncWorkloadSucceed; its value is "SyncSucceed".</summary>
    public const string ReasonSyncWorkloadSucceed = "SyncSucceed";

    /// <summary>Karmada's EventReasonSyncWorkloadFailed; its value is "SyncFailed".</summary>
    public const string ReasonSyncWorkloadFailed = "SyncFailed";

    public static string SyncSucceeded(string? workNamespace, string? workName, string cluster) =>
        $"Sync work({workNamespace}/{workName}) to cluster({cluster}) successful.";

    public static string SyncFailed(string? workNamespace, string? workName, string cluster, string error) =>
        $"Failed to sync work({workNamespace}/{workName}) to cluster({cluster}), err: {error}";

    /// <summary>Karmada's message when a non-managed object already exists in the member and conflicts are not overwritten.</summary>
    public static string ConflictAbort(string kind, string? ns, string name, string cluster) =>
        $"resource(kind={kind}, {ns}/{name}) already exists in the cluster {cluster} and the work.karmada.io/conflict-resolution strategy value is empty, Karmada will not manage this resource";
}
