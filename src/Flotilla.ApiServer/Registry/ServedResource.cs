using Flotilla.Core;

namespace Flotilla.ApiServer.Registry;

/// <summary>
/// One resource as the server serves it at one group/version: the discovery entry plus storage layout and the
/// per-kind rules of the generic registry. Immutable; the registry swaps whole snapshots when CRDs change.
/// </summary>
public sealed class ServedResource
{
    public ServedResource(ApiResource resource, NameRule nameRule = NameRule.Subdomain, IReadOnlyList<string>? extraSubresources = null,
        string? crdName = null, bool setsGeneration = true)
    {
        Resource = resource;
        NameRule = nameRule;
        ExtraSubresources = extraSubresources ?? [];
        CrdName = crdName;
        SetsGeneration = setsGeneration;
        var group = resource.Group.Length == 0 ? "core" : resource.Group;
        StoragePrefix = "/registry/" + group + "/" + resource.Plural + "/";
        StorageApiVersion = resource.StorageVersion is { } sv
            ? (resource.Group.Length == 0 ? sv : resource.Group + "/" + sv)
            : resource.ApiVersion;
    }

    public ApiResource Resource { get; }
    public NameRule NameRule { get; }
    /// <summary>Subresources beyond status and scale (e.g. "proxy" for Karmada's clusters).</summary>
    public IReadOnlyList<string> ExtraSubresources { get; }
    /// <summary>The CustomResourceDefinition's name when the kind comes from a CRD.</summary>
    public string? CrdName { get; }
    public bool IsCrd => CrdName is not null;
    /// <summary>Whether metadata.generation is maintained (kinds with a spec).</summary>
    public bool SetsGeneration { get; }
    /// <summary>"/registry/apps/deployments/": shared by every version of the resource.</summary>
    public string StoragePrefix { get; }
    /// <summary>The apiVersion objects are stored with.</summary>
    public string StorageApiVersion { get; }

    public string Group => Resource.Group;
    public string Version => Resource.Version;
    public string Kind => Resource.Kind;
    public string Plural => Resource.Plural;
    public bool Namespaced => Resource.Namespaced;
    public bool HasStatus => Resource.HasStatus;
    public string ApiVersion => Resource.ApiVersion;
    public string GroupResource => Resource.GroupResource;

    /// <summary>Storage key of one object.</summary>
    public string Key(string? ns, string name) =>
        Namespaced ? StoragePrefix + ns + "/" + name : StoragePrefix + name;

    /// <summary>List/watch prefix: one namespace or, with null, all of them.</summary>
    public string Prefix(string? ns) => Namespaced && !string.IsNullOrEmpty(ns) ? StoragePrefix + ns + "/" : StoragePrefix;

    public bool HasSubresource(string sub) => sub switch
    {
        "status" => HasStatus,
        "scale" => Resource.Scale is not null,
        _ => ExtraSubresources.Contains(sub),
    };

    public override string ToString() => Resource.Gvr.ToString();
}
