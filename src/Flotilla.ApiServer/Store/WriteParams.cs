namespace Flotilla.ApiServer.Store;

/// <summary>Per-request options of a write (query parameters dryRun, fieldManager, fieldValidation, force).</summary>
public sealed record WriteParams
{
    public static readonly WriteParams Default = new();

    public bool DryRun { get; init; }
    public string? FieldManager { get; init; }
    /// <summary>"Strict", "Warn" (default) or "Ignore".</summary>
    public string FieldValidation { get; init; } = "Warn";
    public bool Force { get; init; }
    /// <summary>Set when the write already maintained managedFields (server-side apply).</summary>
    internal bool ManagedFieldsDone { get; init; }
    /// <summary>Filled by the store: warnings to send back in Warning headers.</summary>
    public List<string> Warnings { get; } = [];
}

/// <summary>Options of a delete (DeleteOptions body or query).</summary>
public sealed record DeleteParams
{
    public static readonly DeleteParams Default = new();

    /// <summary>"Background", "Foreground", "Orphan" or null (the kind's default: Background).</summary>
    public string? PropagationPolicy { get; init; }
    public string? PreconditionUid { get; init; }
    public string? PreconditionResourceVersion { get; init; }
    public long? GracePeriodSeconds { get; init; }
    public bool DryRun { get; init; }
}

/// <summary>The outcome of a delete: the object as it was, and whether it is gone or waits for finalizers.</summary>
public sealed record DeleteResult(StoredObject Object, bool Deleted);
