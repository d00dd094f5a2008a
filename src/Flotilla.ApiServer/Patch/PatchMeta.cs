namespace Flotilla.ApiServer.Patch;

/// <summary>
/// Patch metadata of one field, as Kubernetes' Go struct tags carry it (<c>patchStrategy:"merge"
/// patchMergeKey:"name"</c>) together with the server-side-apply list keys (<c>x-kubernetes-list-map-keys</c>).
/// </summary>
/// <param name="Strategy">"merge", "retainKeys", "merge,retainKeys", "replace" (comma-separated as in the tag).</param>
/// <param name="MergeKey">The strategic-merge key of list elements (null for primitive lists and maps).</param>
/// <param name="ListMapKeys">Keys identifying list elements for server-side apply; defaults to <see cref="MergeKey"/>.</param>
/// <param name="KeyDefaults">Values the server defaults for missing list-map keys (e.g. protocol = TCP).</param>
public sealed record PatchMeta(
    string Strategy,
    string? MergeKey = null,
    IReadOnlyList<string>? ListMapKeys = null,
    IReadOnlyDictionary<string, string>? KeyDefaults = null)
{
    public bool IsMerge => HasStrategy("merge");
    public bool IsRetainKeys => HasStrategy("retainKeys");

    /// <summary>The keys identifying a list element for server-side apply (empty for sets and atomic lists).</summary>
    public IReadOnlyList<string> AssociativeKeys => ListMapKeys ?? (MergeKey is null ? [] : [MergeKey]);

    public static PatchMeta MergeBy(string key, params string[] listMapKeys) =>
        new("merge", key, listMapKeys.Length == 0 ? null : listMapKeys);

    /// <summary>A list of primitives merged as a set (finalizers).</summary>
    public static readonly PatchMeta MergeSet = new("merge");

    public static readonly PatchMeta RetainKeys = new("retainKeys");

    private bool HasStrategy(string s)
    {
        foreach (var part in Strategy.Split(','))
            if (part.Trim() == s) return true;
        return false;
    }
}
