using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.Client;

/// <summary>Conveniences over any <see cref="IKubeClient"/> (REST or in-process).</summary>
public static class KubeClientExtensions
{
    /// <summary>Page size <see cref="ListAllAsync"/> uses when the options give none.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>
    /// Lists every object, following continue tokens. The result's ResourceVersion is the last page's (all pages
    /// are served from the first page's snapshot). A 410 on a later page (the continue token expired) propagates.
    /// </summary>
    public static async Task<ObjectList> ListAllAsync(this IKubeClient client, GroupVersionResource resource, string? ns, ListOptions? options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = (options ?? new ListOptions()) with { Continue = null };
        if (page.Limit is null) page = page with { Limit = DefaultPageSize };
        var items = new List<JsonObject>();
        while (true)
        {
            var list = await client.ListAsync(resource, ns, page, ct).ConfigureAwait(false);
            items.AddRange(list.Items);
            if (string.IsNullOrEmpty(list.Continue))
                return new ObjectList { ResourceVersion = list.ResourceVersion, Items = items };
            // Later pages must not carry resourceVersion: the continue token pins the snapshot.
            page = page with { Continue = list.Continue, ResourceVersion = null, ResourceVersionMatch = null };
        }
    }

    /// <summary>
    /// Server-side apply (PATCH application/apply-patch+yaml) of <paramref name="obj"/> under
    /// <paramref name="fieldManager"/>; namespace and name come from the object. JSON is valid YAML, so the object is
    /// sent as JSON.
    /// </summary>
    public static Task<JsonObject> ApplyAsync(this IKubeClient client, GroupVersionResource resource, JsonObject obj, string fieldManager,
        bool force, WriteOptions? options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentException.ThrowIfNullOrEmpty(fieldManager);
        var name = obj.Name();
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("an applied object needs metadata.name", nameof(obj));
        var write = (options ?? new WriteOptions()) with { FieldManager = fieldManager, Force = force };
        return client.PatchAsync(resource, obj.Namespace(), name, PatchType.Apply, obj.ToJsonString(), write, ct);
    }

    /// <summary>Gets an object by kind (resolved through discovery); null when it does not exist.</summary>
    public static async Task<JsonObject?> GetAsync(this IKubeClient client, GroupVersionKind kind, string? ns, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var resource = await client.ResolveAsync(kind, ct).ConfigureAwait(false);
        return await client.GetAsync(resource.Gvr, resource.Namespaced ? ns : null, name, ct).ConfigureAwait(false);
    }
}
