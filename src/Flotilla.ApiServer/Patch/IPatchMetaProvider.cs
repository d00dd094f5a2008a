using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>Where the patch engines learn how lists and maps of a kind merge.</summary>
public interface IPatchMetaProvider
{
    /// <summary>True when the kind has patch metadata, i.e. strategic merge patch is accepted for it.</summary>
    bool HasSchema(GroupVersionKind gvk);

    /// <summary>
    /// Patch metadata of the field at <paramref name="path"/> (field names only, list elements skipped; e.g.
    /// ["spec","template","spec","containers"]), or null when the field has none (plain merge / atomic replace).
    /// </summary>
    PatchMeta? Lookup(GroupVersionKind gvk, IReadOnlyList<string> path);

    /// <summary>True when the field at <paramref name="path"/> is a string map (labels, annotations, nodeSelector...).</summary>
    bool IsMap(GroupVersionKind gvk, IReadOnlyList<string> path) => false;

    /// <summary>True when the field at <paramref name="path"/> is an atomic struct (<c>+structType=atomic</c>, e.g.
    /// a LabelSelector): server-side apply owns and replaces it whole.</summary>
    bool IsAtomic(GroupVersionKind gvk, IReadOnlyList<string> path) => false;
}
