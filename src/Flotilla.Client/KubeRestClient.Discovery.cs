using System.Text.Json.Nodes;
using Flotilla.Core;
using Microsoft.Extensions.Logging;

namespace Flotilla.Client;

public sealed partial class KubeRestClient
{
    private const int DiscoveryParallelism = 8;
    private readonly SemaphoreSlim _discoveryLock = new(1, 1);
    private volatile DiscoverySnapshot? _discovery;

    /// <summary>Every resource the server serves, from aggregated discovery when the server offers it (two requests),
    /// else legacy discovery (/api, /apis, then one request per group version); cached until a miss or
    /// <see cref="InvalidateDiscovery"/>. Group versions that fail to answer (e.g. an unavailable aggregated API)
    /// are skipped, keeping what an earlier discovery knew about them.</summary>
    public async ValueTask<IReadOnlyList<ApiResource>> DiscoverAsync(CancellationToken ct)
    {
        var snapshot = _discovery ?? await RefreshDiscoveryAsync(null, ct).ConfigureAwait(false);
        return snapshot.Resources;
    }

    /// <summary>Maps a kind to its resource; on a miss discovery is refreshed once (a CRD may have appeared).</summary>
    /// <exception cref="ApiStatusException">404 NotFound when the server does not serve the kind.</exception>
    public async ValueTask<ApiResource> ResolveAsync(GroupVersionKind gvk, CancellationToken ct)
    {
        var snapshot = _discovery;
        if (snapshot is not null && snapshot.ByGvk.TryGetValue(gvk, out var hit)) return hit;
        snapshot = await RefreshDiscoveryAsync(snapshot, ct).ConfigureAwait(false);
        if (snapshot.ByGvk.TryGetValue(gvk, out hit)) return hit;
        throw new ApiStatusException(404, StatusReasons.NotFound,
            $"no matches for kind \"{gvk.Kind}\" in version \"{gvk.ApiVersion}\"",
            new StatusDetails(null, gvk.Group, gvk.Kind));
    }

    /// <summary>Maps a resource to its discovery entry (refreshing once on a miss); null when not served.</summary>
    public async ValueTask<ApiResource?> FindResourceAsync(GroupVersionResource gvr, CancellationToken ct)
    {
        var snapshot = _discovery;
        if (snapshot is not null && snapshot.ByGvr.TryGetValue(gvr, out var hit)) return hit;
        snapshot = await RefreshDiscoveryAsync(snapshot, ct).ConfigureAwait(false);
        return snapshot.ByGvr.GetValueOrDefault(gvr);
    }

    /// <summary>Forgets the cached discovery; the next call fetches it again.</summary>
    public void InvalidateDiscovery() => _discovery = null;

    private bool IsKnownClusterScoped(GroupVersionResource gvr) =>
        _discovery is { } d && d.ByGvr.TryGetValue(gvr, out var r) && !r.Namespaced;

    private async Task<DiscoverySnapshot> RefreshDiscoveryAsync(DiscoverySnapshot? seen, CancellationToken ct)
    {
        await _discoveryLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = _discovery;
            // Someone refreshed while we waited, or a refresh just happened: do not hammer the server.
            if (current is not null && (current != seen || Environment.TickCount64 - current.FetchedAt < Config.DiscoveryMinRefreshInterval.TotalMilliseconds))
                return current;
            var fresh = await FetchDiscoveryAsync(current ?? seen, ct).ConfigureAwait(false);
            _discovery = fresh;
            return fresh;
        }
        finally
        {
            _discoveryLock.Release();
        }
    }

    /// <summary>Asks for aggregated discovery (one document per root, Kubernetes 1.26+), falling back to legacy JSON.</summary>
    private const string AggregatedDiscoveryAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    private async Task<DiscoverySnapshot> FetchDiscoveryAsync(DiscoverySnapshot? previous, CancellationToken ct)
    {
        var groupVersions = new List<(string Group, string Version)>();
        var aggregated = new List<ApiResource>();
        var core = await SendForJsonAsync(HttpMethod.Get, "/api", null, nullOn404: true, ct, AggregatedDiscoveryAccept).ConfigureAwait(false) as JsonObject;
        if (IsAggregated(core))
        {
            aggregated.AddRange(ParseAggregatedDiscovery(core!));
        }
        else if (core?["versions"] is JsonArray coreVersions)
        {
            foreach (var v in coreVersions)
                if (v is JsonValue jv && jv.TryGetValue<string>(out var s)) groupVersions.Add(("", s));
        }
        var apis = await SendForJsonAsync(HttpMethod.Get, "/apis", null, nullOn404: true, ct, AggregatedDiscoveryAccept).ConfigureAwait(false) as JsonObject;
        if (core is null && apis is null)
            throw new ApiStatusException(404, StatusReasons.NotFound, $"{_base} serves neither /api nor /apis: it is not a Kubernetes API server");
        if (IsAggregated(apis))
        {
            aggregated.AddRange(ParseAggregatedDiscovery(apis!));
        }
        else if (apis?["groups"] is JsonArray groups)
        {
            foreach (var g in groups.OfType<JsonObject>())
            {
                var name = g.GetString("name") ?? "";
                if (g["versions"] is not JsonArray versions) continue;
                foreach (var v in versions.OfType<JsonObject>())
                    if (v.GetString("version") is { } ver) groupVersions.Add((name, ver));
            }
        }

        var results = new List<ApiResource>?[groupVersions.Count];
        using var gate = new SemaphoreSlim(DiscoveryParallelism);
        var tasks = new Task[groupVersions.Count];
        for (var i = 0; i < groupVersions.Count; i++)
        {
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    results[index] = await FetchGroupVersionAsync(groupVersions[index].Group, groupVersions[index].Version, ct).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }, ct);
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);

        var all = aggregated;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i] is { } list)
            {
                all.AddRange(list);
            }
            else if (previous is not null)
            {
                var (g, v) = groupVersions[i];
                all.AddRange(previous.Resources.Where(r => r.Group == g && r.Version == v));
            }
        }
        return new DiscoverySnapshot(all, Environment.TickCount64);
    }

    private async Task<List<ApiResource>?> FetchGroupVersionAsync(string group, string version, CancellationToken ct)
    {
        JsonNode? node;
        try
        {
            node = await SendForJsonAsync(HttpMethod.Get, KubePaths.GroupVersionPath(group, version), null, nullOn404: true, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ApiStatusException or HttpRequestException)
        {
            _logger.LogWarning(e, "Discovery of {GroupVersion} failed; skipping it", group.Length == 0 ? version : group + "/" + version);
            return null;
        }
        return node is JsonObject list ? ParseResourceList(group, version, list) : [];
    }

    /// <summary>Parses an APIResourceList: top-level resources become <see cref="ApiResource"/>s, subresource entries
    /// ("deployments/status", "deployments/scale") only set <see cref="ApiResource.HasStatus"/> / <see cref="ApiResource.Scale"/>.</summary>
    public static List<ApiResource> ParseResourceList(string group, string version, JsonObject list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var entries = list["resources"] as JsonArray ?? [];
        var subresources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries.OfType<JsonObject>())
            if (e.GetString("name") is { } n && n.Contains('/', StringComparison.Ordinal)) subresources.Add(n);

        var result = new List<ApiResource>();
        foreach (var e in entries.OfType<JsonObject>())
        {
            var name = e.GetString("name");
            if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal)) continue;
            var kind = e.GetString("kind") ?? "";
            var singular = e.GetString("singularName");
            result.Add(new ApiResource
            {
                Group = group,
                Version = version,
                Kind = kind,
                Plural = name,
                Singular = string.IsNullOrEmpty(singular) ? kind.ToLowerInvariant() : singular,
                Namespaced = e["namespaced"] is JsonValue nv && nv.TryGetValue<bool>(out var ns) && ns,
                ShortNames = Strings(e["shortNames"]),
                Categories = Strings(e["categories"]),
                Verbs = Strings(e["verbs"]),
                HasStatus = subresources.Contains(name + "/status"),
                Scale = subresources.Contains(name + "/scale") ? new ScaleSubresource(".spec.replicas", ".status.replicas", null) : null,
            });
        }
        return result;
    }

    private static bool IsAggregated(JsonObject? root) => root?.GetString("kind") == "APIGroupDiscoveryList";

    /// <summary>
    /// Parses an aggregated discovery document (apidiscovery.k8s.io v2/v2beta1 APIGroupDiscoveryList): groups, their
    /// versions and resources with scope and subresources inline.
    /// </summary>
    public static List<ApiResource> ParseAggregatedDiscovery(JsonObject list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var result = new List<ApiResource>();
        foreach (var group in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var groupName = (group["metadata"] as JsonObject).GetString("name") ?? "";
            foreach (var version in (group["versions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var v = version.GetString("version");
                if (string.IsNullOrEmpty(v)) continue;
                foreach (var r in (version["resources"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var plural = r.GetString("resource");
                    var kind = (r["responseKind"] as JsonObject).GetString("kind");
                    if (string.IsNullOrEmpty(plural) || string.IsNullOrEmpty(kind)) continue;
                    var subs = (r["subresources"] as JsonArray ?? []).OfType<JsonObject>().Select(x => x.GetString("subresource")).ToHashSet(StringComparer.Ordinal);
                    var singular = r.GetString("singularResource");
                    result.Add(new ApiResource
                    {
                        Group = groupName,
                        Version = v,
                        Kind = kind,
                        Plural = plural,
                        Singular = string.IsNullOrEmpty(singular) ? kind.ToLowerInvariant() : singular,
                        Namespaced = r.GetString("scope") == "Namespaced",
                        ShortNames = Strings(r["shortNames"]),
                        Categories = Strings(r["categories"]),
                        Verbs = Strings(r["verbs"]),
                        HasStatus = subs.Contains("status"),
                        Scale = subs.Contains("scale") ? new ScaleSubresource(".spec.replicas", ".status.replicas", null) : null,
                    });
                }
            }
        }
        return result;
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray a ? a.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToArray() : [];

    private sealed class DiscoverySnapshot
    {
        public DiscoverySnapshot(List<ApiResource> resources, long fetchedAt)
        {
            Resources = resources;
            FetchedAt = fetchedAt;
            foreach (var r in resources)
            {
                ByGvk.TryAdd(r.Gvk, r);
                ByGvr.TryAdd(r.Gvr, r);
            }
        }

        public IReadOnlyList<ApiResource> Resources { get; }
        public long FetchedAt { get; }
        public Dictionary<GroupVersionKind, ApiResource> ByGvk { get; } = [];
        public Dictionary<GroupVersionResource, ApiResource> ByGvr { get; } = [];
    }
}
