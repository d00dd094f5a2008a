using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.Controllers;

/// <summary>
/// Reads the object an <c>{apiVersion, kind, namespace, name}</c> reference points at (a binding's spec.resource, a
/// dependency) from the API. Templates are not cached in full by the controllers (the detector watches them as
/// metadata only), so the few passes that need a whole template ask the in-process API for it.
/// </summary>
internal static class ReferencedObjects
{
    /// <summary>The live object and its resource, or null when its kind is not served, it does not exist or it is
    /// being deleted.</summary>
    public static async Task<(JsonObject Obj, ApiResource Api)?> GetAsync(IKubeClient client, JsonObject? reference, CancellationToken ct)
    {
        if (reference is null) return null;
        var gvk = GroupVersionKind.From(reference.GetString("apiVersion") ?? "", reference.GetString("kind") ?? "");
        ApiResource api;
        try { api = await client.ResolveAsync(gvk, ct).ConfigureAwait(false); }
        catch (ApiStatusException e) when (e.IsNotFound) { return null; }
        var ns = api.Namespaced ? reference.GetString("namespace") : null;
        var obj = await client.GetAsync(api.Gvr, ns, reference.GetString("name") ?? "", ct).ConfigureAwait(false);
        return obj is null || obj.IsDeleting() ? null : (obj, api);
    }
}
