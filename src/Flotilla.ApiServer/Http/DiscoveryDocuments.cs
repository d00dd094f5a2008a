using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;

namespace Flotilla.ApiServer.Http;

/// <summary>Discovery documents (legacy and aggregated v2/v2beta1), rendered once per registry generation.</summary>
internal sealed class DiscoveryDocuments(ResourceRegistry registry)
{
    private Cache? _cache;

    private sealed class Cache(long generation)
    {
        public long Generation { get; } = generation;
        public byte[]? Api;
        public byte[]? Apis;
        public readonly Dictionary<string, byte[]> Aggregated = new(StringComparer.Ordinal);
        public readonly Dictionary<string, byte[]?> Groups = new(StringComparer.Ordinal);
        public readonly Dictionary<string, byte[]?> ResourceLists = new(StringComparer.Ordinal);
    }

    private Cache Current()
    {
        var c = _cache;
        var gen = registry.Generation;
        if (c is null || c.Generation != gen) _cache = c = new Cache(gen);
        return c;
    }

    public byte[] Api()
    {
        var c = Current();
        lock (c)
            return c.Api ??= Serialize(new JsonObject
            {
                ["kind"] = "APIVersions",
                ["versions"] = new JsonArray("v1"),
                ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1:443" }),
            });
    }

    public byte[] Apis()
    {
        var c = Current();
        lock (c)
        {
            if (c.Apis is not null) return c.Apis;
            var groups = new JsonArray();
            foreach (var g in registry.Groups)
                if (g.Name.Length > 0) groups.Add(GroupObject(g));
            return c.Apis = Serialize(new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups });
        }
    }

    public byte[]? Group(string name)
    {
        var c = Current();
        lock (c)
        {
            if (c.Groups.TryGetValue(name, out var b)) return b;
            var g = registry.Groups.FirstOrDefault(x => x.Name == name && name.Length > 0);
            b = g is null ? null : Serialize(Merge(new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1" }, GroupObject(g)));
            c.Groups[name] = b;
            return b;
        }
    }

    public byte[]? ResourceList(string group, string version)
    {
        var c = Current();
        var key = group + "/" + version;
        lock (c)
        {
            if (c.ResourceLists.TryGetValue(key, out var b)) return b;
            var g = registry.Groups.FirstOrDefault(x => x.Name == group);
            if (g is null || !g.ResourcesByVersion.TryGetValue(version, out var list)) { c.ResourceLists[key] = null; return null; }
            var resources = new JsonArray();
            foreach (var r in list)
            {
                var e = new JsonObject
                {
                    ["name"] = r.Plural,
                    ["singularName"] = r.Resource.Singular,
                    ["namespaced"] = r.Namespaced,
                    ["kind"] = r.Kind,
                    ["verbs"] = Strings(r.Resource.Verbs),
                };
                if (r.Resource.ShortNames.Count > 0) e["shortNames"] = Strings(r.Resource.ShortNames);
                if (r.Resource.Categories.Count > 0) e["categories"] = Strings(r.Resource.Categories);
                e["storageVersionHash"] = StorageVersionHash(r);
                resources.Add(e);
                foreach (var (sub, kind, grp, ver, verbs) in Subresources(r))
                {
                    var s = new JsonObject { ["name"] = r.Plural + "/" + sub, ["singularName"] = "", ["namespaced"] = r.Namespaced };
                    if (grp is not null) { s["group"] = grp; s["version"] = ver; }
                    s["kind"] = kind;
                    s["verbs"] = Strings(verbs);
                    resources.Add(s);
                }
            }
            b = Serialize(new JsonObject
            {
                ["kind"] = "APIResourceList",
                ["apiVersion"] = "v1",
                ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
                ["resources"] = resources,
            });
            c.ResourceLists[key] = b;
            return b;
        }
    }

    /// <summary>apidiscovery.k8s.io APIGroupDiscoveryList for /api (core) or /apis (every other group).</summary>
    public byte[] Aggregated(bool core, string apiVersion)
    {
        var c = Current();
        var key = (core ? "api/" : "apis/") + apiVersion;
        lock (c)
        {
            if (c.Aggregated.TryGetValue(key, out var b)) return b;
            var items = new JsonArray();
            foreach (var g in registry.Groups)
            {
                if (core != (g.Name.Length == 0)) continue;
                var versions = new JsonArray();
                foreach (var v in g.Versions)
                {
                    var resources = new JsonArray();
                    foreach (var r in g.ResourcesByVersion[v])
                    {
                        var e = new JsonObject
                        {
                            ["resource"] = r.Plural,
                            ["responseKind"] = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind },
                            ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
                            ["singularResource"] = r.Resource.Singular,
                            ["verbs"] = Strings(r.Resource.Verbs),
                        };
                        if (r.Resource.ShortNames.Count > 0) e["shortNames"] = Strings(r.Resource.ShortNames);
                        if (r.Resource.Categories.Count > 0) e["categories"] = Strings(r.Resource.Categories);
                        var subs = new JsonArray();
                        foreach (var (sub, kind, grp, ver, verbs) in Subresources(r))
                            subs.Add(new JsonObject
                            {
                                ["subresource"] = sub,
                                ["responseKind"] = new JsonObject { ["group"] = grp ?? r.Group, ["version"] = ver ?? r.Version, ["kind"] = kind },
                                ["verbs"] = Strings(verbs),
                            });
                        if (subs.Count > 0) e["subresources"] = subs;
                        resources.Add(e);
                    }
                    versions.Add(new JsonObject { ["version"] = v, ["resources"] = resources, ["freshness"] = "Current" });
                }
                items.Add(new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = g.Name, ["creationTimestamp"] = null },
                    ["versions"] = versions,
                });
            }
            b = Serialize(new JsonObject
            {
                ["kind"] = "APIGroupDiscoveryList",
                ["apiVersion"] = "apidiscovery.k8s.io/" + apiVersion,
                ["metadata"] = new JsonObject(),
                ["items"] = items,
            });
            c.Aggregated[key] = b;
            return b;
        }
    }

    private static readonly string[] StatusVerbs = ["get", "patch", "update"];
    private static readonly string[] ProxyVerbs = ["create", "delete", "get", "patch", "update"];
    private static readonly string[] FinalizeVerbs = ["update"];

    private static IEnumerable<(string Sub, string Kind, string? Group, string? Version, string[] Verbs)> Subresources(ServedResource r)
    {
        if (r.HasStatus) yield return ("status", r.Kind, null, null, StatusVerbs);
        if (r.Resource.Scale is not null) yield return ("scale", "Scale", "autoscaling", "v1", StatusVerbs);
        if (r.Group.Length == 0 && r.Plural == "namespaces") yield return ("finalize", r.Kind, null, null, FinalizeVerbs);
        foreach (var extra in r.ExtraSubresources)
            yield return (extra, extra == "proxy" ? r.Kind + "ProxyOptions" : r.Kind, null, null, ProxyVerbs);
    }

    private static JsonObject GroupObject(ResourceRegistry.GroupInfo g)
    {
        var versions = new JsonArray();
        foreach (var v in g.Versions) versions.Add(new JsonObject { ["groupVersion"] = g.Name + "/" + v, ["version"] = v });
        return new JsonObject
        {
            ["name"] = g.Name,
            ["versions"] = versions,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = g.Name + "/" + g.PreferredVersion, ["version"] = g.PreferredVersion },
        };
    }

    private static JsonObject Merge(JsonObject a, JsonObject b)
    {
        foreach (var (k, v) in b.ToList()) { b.Remove(k); a[k] = v; }
        return a;
    }

    private static JsonArray Strings(IEnumerable<string> s)
    {
        var a = new JsonArray();
        foreach (var x in s) a.Add(x);
        return a;
    }

    private static string StorageVersionHash(ServedResource r)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(r.Group + "/" + (r.Resource.StorageVersion ?? r.Version) + "/" + r.Kind));
        return Convert.ToBase64String(bytes, 0, 8);
    }

    private static byte[] Serialize(JsonObject o) => JsonSerializer.SerializeToUtf8Bytes(o);
}
