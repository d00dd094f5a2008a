using Flotilla.Core.Selectors;

namespace Flotilla.ApiServer.Store;

/// <summary>List/watch parameters as Kubernetes defines them.</summary>
public sealed record ListQuery
{
    public static readonly ListQuery Everything = new();

    public LabelSelector Labels { get; init; } = LabelSelector.Everything;
    public FieldSelector Fields { get; init; } = FieldSelector.Everything;
    public int Limit { get; init; }
    public string? Continue { get; init; }
    public string? ResourceVersion { get; init; }
    /// <summary>"Exact", "NotOlderThan" or null.</summary>
    public string? ResourceVersionMatch { get; init; }
    // watch only
    public bool AllowBookmarks { get; init; }
    public TimeSpan? Timeout { get; init; }
    public bool? SendInitialEvents { get; init; }
}

/// <summary>One page of a list.</summary>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long Revision, string? Continue, long? RemainingItemCount);
