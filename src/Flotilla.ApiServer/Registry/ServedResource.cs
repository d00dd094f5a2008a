using System.Text.Json.Nodes;
using Flotilla.ApiServer.Conversion;
using Flotilla.Core;

namespace Flotilla.ApiServer.Registry;

/// <summary>
/// One resource as the server serves it at one group/version: the discovery entry plus storage layout and the
/// per-kind rules of the generic registry. Immutable; the registry swaps whole snapshots when CRDs change.
/// </summary>
public sealed class ServedResource
{
    public ServedResource(ApiResource resource, NameRule nameRule = NameRule.Subdomain, IReadOnlyList<string>? extraSubresources = null,
        string? crdName = null, bool setsGeneration = true, VersionConversion? conversion = null)
    {
        Conversion = conversion;
        Resource = resource;
        NameRule = nameRule;
        ExtraSubresources = extraSubresources ?? [];
        CrdName = crdName;
        SetsGeneration = setsGeneration;
        var storageGroup = conversion?.StorageGroup ?? resource.Group;
        StoragePrefix = "/registry/" + (storageGroup.Length == 0 ? "core" : storageGroup) + "/" + resource.Plural + "/";
        StorageApiVersion = resource.StorageVersion is { } sv
            ? (storageGroup.Length == 0 ? sv : storageGroup + "/" + sv)
            : resource.ApiVersion;
    }

    public ApiResource Resource { get; }
    /// <summary>Set when this version is stored as another group's objects (fields converted on the way).</summary>
    public VersionConversion? Conversion { get; }
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

    /// <summary>The object as it is stored (storage apiVersion, fields converted when needed). May return a new object.</summary>
    public JsonObject ToStorage(JsonObject served)
    {
        if (Conversion is { } c) return c.ToStorage(served);
        served["apiVersion"] = StorageApiVersion;
        return served;
    }

    /// <summary>The stored object as this version serves it. May return a new object.</summary>
    public JsonObject FromStorage(JsonObject stored)
    {
        if (Conversion is { } c) return c.FromStorage(stored);
        if (ApiVersion != StorageApiVersion) stored["apiVersion"] = ApiVersion;
        return stored;
    }

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
