using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>Asks several providers in turn (e.g. built-in kinds first, then CRD schemas); the first answer wins.</summary>
public sealed class CompositePatchMeta(params IPatchMetaProvider[] providers) : IPatchMetaProvider
{
    public bool HasSchema(GroupVersionKind gvk) => providers.Any(p => p.HasSchema(gvk));

    public PatchMeta? Lookup(GroupVersionKind gvk, IReadOnlyList<string> path)
    {
        foreach (var p in providers)
            if (p.Lookup(gvk, path) is { } m) return m;
        return null;
    }

    public bool IsMap(GroupVersionKind gvk, IReadOnlyList<string> path) => providers.Any(p => p.IsMap(gvk, path));

    public bool IsAtomic(GroupVersionKind gvk, IReadOnlyList<string> path) => providers.Any(p => p.IsAtomic(gvk, path));
}
