using System.Text.Json.Nodes;

namespace Flotilla.Core.Client;

/// <summary>
/// The one way Flotilla code talks to a Kubernetes API: the control plane's own API (in-process) or a member
/// cluster's (REST over HTTPS). Objects are unstructured. Errors are <see cref="ApiStatusException"/>s built
/// from the server's Status; a missing object on Get is <c>null</c>, not an exception.
/// </summary>
public interface IKubeClient
{
    /// <summary>Every resource the server serves (discovery); cached by implementations, refreshed on a miss.</summary>
    ValueTask<IReadOnlyList<ApiResource>> DiscoverAsync(CancellationToken ct);

    /// <summary>Maps a kind to its resource through discovery; throws NotFound when the server does not serve it.</summary>
    ValueTask<ApiResource> ResolveAsync(GroupVersionKind gvk, CancellationToken ct);

    Task<JsonObject?> GetAsync(GroupVersionResource resource, string? ns, string name, CancellationToken ct);

    Task<ObjectList> ListAsync(GroupVersionResource resource, string? ns, ListOptions? options, CancellationToken ct);

    /// <summary>Streams watch events until the server ends the watch or <paramref name="ct"/> is cancelled.
    /// A 410 (compacted resourceVersion) arrives as an <see cref="ApiStatusException"/> with code 410.</summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource resource, string? ns, ListOptions options, CancellationToken ct);

    Task<JsonObject> CreateAsync(GroupVersionResource resource, JsonObject obj, WriteOptions? options, CancellationToken ct);

    /// <summary>PUT; namespace and name come from the object. Subresource "status" or "scale" via options.</summary>
    Task<JsonObject> UpdateAsync(GroupVersionResource resource, JsonObject obj, WriteOptions? options, CancellationToken ct);

    Task<JsonObject> PatchAsync(GroupVersionResource resource, string? ns, string name, PatchType type, string patch, WriteOptions? options, CancellationToken ct);

    /// <summary>Deletes; returns the object as the server answered (marked for deletion or gone), or null when it did not exist.</summary>
    Task<JsonObject?> DeleteAsync(GroupVersionResource resource, string? ns, string name, DeleteOptions? options, CancellationToken ct);
}

public enum PatchType
{
    Json,            // application/json-patch+json
    Merge,           // application/merge-patch+json
    StrategicMerge,  // application/strategic-merge-patch+json
    Apply,           // application/apply-patch+yaml (server-side apply)
}

public static class PatchTypes
{
    public static string ContentType(this PatchType t) => t switch
    {
        PatchType.Json => "application/json-patch+json",
        PatchType.Merge => "application/merge-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        PatchType.Apply => "application/apply-patch+yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };
}

public sealed record ListOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    public int? Limit { get; init; }
    public string? Continue { get; init; }
    public string? ResourceVersion { get; init; }
    /// <summary>"Exact" or "NotOlderThan".</summary>
    public string? ResourceVersionMatch { get; init; }
    public int? TimeoutSeconds { get; init; }
    public bool AllowWatchBookmarks { get; init; }
}

public sealed record WriteOptions
{
    public string? Subresource { get; init; }
    public string? FieldManager { get; init; }
    public bool DryRun { get; init; }
    public bool? Force { get; init; }
    /// <summary>"Strict", "Warn" or "Ignore".</summary>
    public string? FieldValidation { get; init; }
}

public sealed record DeleteOptions
{
    /// <summary>"Background", "Foreground" or "Orphan".</summary>
    public string? PropagationPolicy { get; init; }
    public long? GracePeriodSeconds { get; init; }
    public string? PreconditionUid { get; init; }
    public string? PreconditionResourceVersion { get; init; }
    public bool DryRun { get; init; }
}

public sealed class ObjectList
{
    public required string ResourceVersion { get; init; }
    public string? Continue { get; init; }
    public long? RemainingItemCount { get; init; }
    public required List<JsonObject> Items { get; init; }
}

public static class WatchEventType
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";
}

/// <summary>One watch event; <see cref="Type"/> is one of <see cref="WatchEventType"/>.</summary>
public sealed record WatchEvent(string Type, JsonObject Object);
