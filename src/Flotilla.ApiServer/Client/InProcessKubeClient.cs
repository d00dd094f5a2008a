using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Selectors;

namespace Flotilla.ApiServer.Client;

/// <summary>
/// <see cref="IKubeClient"/> over a <see cref="KubeApi"/> in the same process: no HTTP, but the same validation,
/// admission, resourceVersion and watch semantics as a REST client gets. Every object returned is a fresh copy.
/// </summary>
public sealed class InProcessKubeClient(KubeApi api) : IKubeClient
{
    public KubeApi Api => api;

    public ValueTask<IReadOnlyList<ApiResource>> DiscoverAsync(CancellationToken ct)
    {
        var all = api.Registry.All;
        var list = new List<ApiResource>(all.Count);
        foreach (var r in all) list.Add(r.Resource);
        return ValueTask.FromResult<IReadOnlyList<ApiResource>>(list);
    }

    public ValueTask<ApiResource> ResolveAsync(GroupVersionKind gvk, CancellationToken ct)
    {
        var r = api.Registry.FindByKind(gvk)
            ?? throw new ApiStatusException(404, StatusReasons.NotFound, $"no matches for kind \"{gvk.Kind}\" in version \"{gvk.ApiVersion}\"");
        return ValueTask.FromResult(r.Resource);
    }

    public async Task<JsonObject?> GetAsync(GroupVersionResource resource, string? ns, string name, CancellationToken ct)
    {
        var r = Resolve(resource);
        var found = await api.TryGetAsync(r, Ns(r, ns), name, ct).ConfigureAwait(false);
        return found?.ToObject();
    }

    public async Task<ObjectList> ListAsync(GroupVersionResource resource, string? ns, ListOptions? options, CancellationToken ct)
    {
        var r = Resolve(resource);
        var page = await api.ListAsync(r, NsOrAll(r, ns), Query(options), ct).ConfigureAwait(false);
        var items = new List<JsonObject>(page.Items.Count);
        foreach (var i in page.Items) items.Add(i.ToObject());
        return new ObjectList
        {
            ResourceVersion = KubeApi.FormatRevision(page.Revision),
            Continue = page.Continue,
            RemainingItemCount = page.RemainingItemCount,
            Items = items,
        };
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource resource, string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        var r = Resolve(resource);
        // Objects come as stored and are built here once, resourceVersion included, instead of being rendered to
        // JSON with it and parsed back.
        await foreach (var ev in api.WatchAsync(r, NsOrAll(r, ns), Query(options), ct, stored: true).ConfigureAwait(false))
        {
            if (ev.Type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
            {
                yield return new WatchEvent(ev.Type, new Store.StoredObject(r, ev.Object, ev.Revision).ToObject());
                continue;
            }
            var obj = JsonNode.Parse(ev.Object.Span) as JsonObject ?? new JsonObject();
            if (ev.Type == WatchEventType.Error)
                throw ApiStatusException.FromStatus(obj, obj["code"] is JsonValue c && c.TryGetValue<int>(out var code) ? code : 500);
            yield return new WatchEvent(ev.Type, obj);
        }
    }

    public async Task<JsonObject> CreateAsync(GroupVersionResource resource, JsonObject obj, WriteOptions? options, CancellationToken ct)
    {
        var r = Resolve(resource);
        var copy = obj.DeepCloneObject();
        var created = await api.CreateAsync(r, r.Namespaced ? copy.Namespace() : null, copy, Params(options), ct).ConfigureAwait(false);
        return created.ToObject();
    }

    public async Task<JsonObject> UpdateAsync(GroupVersionResource resource, JsonObject obj, WriteOptions? options, CancellationToken ct)
    {
        var r = Resolve(resource);
        var name = obj.Name() ?? throw ApiErrors.BadRequest("metadata.name is required for an update");
        var ns = r.Namespaced ? obj.Namespace() : null;
        var p = Params(options);
        if (options?.Subresource == "scale")
        {
            var copy = obj.DeepCloneObject();
            return await api.UpdateScaleAsync(r, ns, name, _ => copy, p, ct).ConfigureAwait(false);
        }
        // KubeApi.UpdateAsync only reads the caller's object and works on its own copy of it.
        var updated = await api.UpdateAsync(r, ns, name, obj, options?.Subresource, p, ct).ConfigureAwait(false);
        return updated.ToObject();
    }

    public async Task<JsonObject> PatchAsync(GroupVersionResource resource, string? ns, string name, PatchType type, string patch, WriteOptions? options, CancellationToken ct)
    {
        var r = Resolve(resource);
        var p = Params(options);
        if (type == PatchType.Apply && p.FieldManager is null) p = p with { FieldManager = "flotilla" };
        var bytes = Encoding.UTF8.GetBytes(patch);
        if (options?.Subresource == "scale")
            return await api.UpdateScaleAsync(r, Ns(r, ns), name, cur => PatchSupport.PatchApplier.Apply(type, cur, bytes, r, p, api.Time.GetUtcNow(), Patch.BuiltInPatchMeta.Instance, "scale"), p, ct).ConfigureAwait(false);
        var patched = await api.PatchAsync(r, Ns(r, ns), name, type, bytes, options?.Subresource, p, ct).ConfigureAwait(false);
        return patched.ToObject();
    }

    public async Task<JsonObject?> DeleteAsync(GroupVersionResource resource, string? ns, string name, DeleteOptions? options, CancellationToken ct)
    {
        var r = Resolve(resource);
        try
        {
            var result = await api.DeleteAsync(r, Ns(r, ns), name, new DeleteParams
            {
                PropagationPolicy = options?.PropagationPolicy,
                PreconditionUid = options?.PreconditionUid,
                PreconditionResourceVersion = options?.PreconditionResourceVersion,
                GracePeriodSeconds = options?.GracePeriodSeconds,
                DryRun = options?.DryRun ?? false,
            }, ct).ConfigureAwait(false);
            return result.Object.ToObject();
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private ServedResource Resolve(GroupVersionResource gvr) =>
        api.Registry.Find(gvr) ?? throw new ApiStatusException(404, StatusReasons.NotFound, "the server could not find the requested resource",
            new StatusDetails(null, gvr.Group, gvr.Resource));

    private static string? Ns(ServedResource r, string? ns)
    {
        if (!r.Namespaced) return null;
        return string.IsNullOrEmpty(ns) ? throw ApiErrors.BadRequest("a namespace is required for " + r.GroupResource) : ns;
    }

    private static string? NsOrAll(ServedResource r, string? ns) => r.Namespaced && !string.IsNullOrEmpty(ns) ? ns : null;

    private static WriteParams Params(WriteOptions? o) => o is null ? new WriteParams() : new WriteParams
    {
        DryRun = o.DryRun,
        FieldManager = o.FieldManager,
        FieldValidation = o.FieldValidation ?? "Warn",
        Force = o.Force ?? false,
    };

    private static ListQuery Query(ListOptions? o)
    {
        if (o is null) return ListQuery.Everything;
        try
        {
            return new ListQuery
            {
                Labels = LabelSelector.Parse(o.LabelSelector),
                Fields = FieldSelector.Parse(o.FieldSelector),
                Limit = o.Limit ?? 0,
                Continue = o.Continue,
                ResourceVersion = o.ResourceVersion,
                ResourceVersionMatch = o.ResourceVersionMatch,
                Timeout = o.TimeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : null,
                AllowBookmarks = o.AllowWatchBookmarks,
            };
        }
        catch (FormatException e)
        {
            throw ApiErrors.BadRequest(e.Message);
        }
    }

    /// <summary>The Status a REST server would send for an exception (for callers that need the wire form).</summary>
    public static string StatusJson(ApiStatusException e) => JsonSerializer.Serialize(e.ToStatus());
}
