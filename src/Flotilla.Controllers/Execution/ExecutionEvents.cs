namespace Flotilla.Controllers.Execution;

/// <summary>Karmada's execution controller event reasons and messages.</summary>
public static class ExecutionEvents
{
    public const string ReasonSyncWorkloadSucceed = "SyncWorkloadSucceed";
    public const string ReasonSyncWorkloadFailed = "SyncWorkloadFailed";
    public const string MessageSyncWorkloadSucceed = "Successfully applied resource to cluster";

    /// <summary>Karmada's message when a non-managed object already exists in the member and conflicts are not overwritten.</summary>
    public static string ConflictAbort(string kind, string? ns, string name, string cluster) =>
        $"resource(kind={kind}, {ns}/{name}) already exists in the cluster {cluster} and the work.karmada.io/conflict-resolution strategy value is empty, Karmada will not manage this resource";
}
