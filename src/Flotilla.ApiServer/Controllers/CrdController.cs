using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;
using Microsoft.Extensions.Logging;

namespace Flotilla.ApiServer.Controllers;

/// <summary>
/// CRD establishing and cleanup, as kube-apiserver's apiextensions controllers: a CRD gets status.acceptedNames and
/// the conditions NamesAccepted and Established; a deleted CRD (held by the customresourcecleanup finalizer) has
/// all its objects deleted, then the finalizer goes and the kind is no longer served.
/// </summary>
internal sealed class CrdController(KubeApi api)
{
    private readonly ILogger _logger = api.CreateLogger<CrdController>();
    private readonly DelayedQueue<string> _queue = new(api.Time);

    /// <summary>Serves the CRDs already stored (at start, before requests are accepted).</summary>
    public static async Task ServeStoredCrdsAsync(KubeApi api, CancellationToken ct)
    {
        var page = await api.ListAsync(api.CrdResource, null, ListQuery.Everything, ct).ConfigureAwait(false);
        foreach (var item in page.Items)
        {
            var crd = item.ToObject();
            api.ServeCrd(crd);
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var watch = ListWatchLoop.RunAsync(api, () => api.CrdResource, (type, crd, _) =>
        {
            if (type == WatchEventType.Deleted)
            {
                if (api.Registry.RemoveCrd(crd.Name()!)) api.Schemas.UnregisterCrd(crd);
            }
            else
            {
                if (!crd.IsDeleting()) api.ServeCrd(crd);
                _queue.Add(crd.Name()!);
            }
            return Task.CompletedTask;
        }, _logger, ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var name = await _queue.TakeAsync(ct).ConfigureAwait(false);
                try
                {
                    if (!await SyncAsync(name, ct).ConfigureAwait(false)) _queue.AddAfter(name, TimeSpan.FromMilliseconds(500), ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
                catch (ApiStatusException e) when (e.IsConflict) { _queue.Add(name); }
                catch (Exception e)
                {
                    _logger.LogWarning(e, "Syncing CustomResourceDefinition {Name} failed; retrying", name);
                    _queue.AddAfter(name, TimeSpan.FromSeconds(1), ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await watch.ConfigureAwait(false);
    }

    private async Task<bool> SyncAsync(string name, CancellationToken ct)
    {
        var r = api.CrdResource;
        var stored = await api.TryGetAsync(r, null, name, ct).ConfigureAwait(false);
        if (stored is null) return true;
        var crd = stored.ToObject();
        if (crd.IsDeleting()) return await CleanupAsync(crd, ct).ConfigureAwait(false);
        if (!crd.HasFinalizer(CrdSupport.CleanupFinalizer))
        {
            await api.UpdateCoreAsync(r, null, name, null, WriteParams.Default, null, c => { c.AddFinalizer(CrdSupport.CleanupFinalizer); return c; }, ct).ConfigureAwait(false);
        }
        var names = (crd["spec"] as JsonObject)?["names"]?.DeepClone() as JsonObject ?? new JsonObject();
        if (names["singular"] is null && names.GetString("kind") is { } k) names["singular"] = k.ToLowerInvariant();
        if (names["listKind"] is null && names.GetString("kind") is { } lk) names["listKind"] = lk + "List";
        var status = crd["status"] as JsonObject;
        if (Established(status) && JsonNode.DeepEquals(status?["acceptedNames"], names)) return true;
        await api.UpdateCoreAsync(r, null, name, "status", WriteParams.Default, null, c =>
        {
            var now = api.Now();
            var versions = (c["spec"] as JsonObject)?["versions"] as JsonArray;
            var storedVersions = new JsonArray();
            foreach (var v in versions?.OfType<JsonObject>() ?? [])
                if (v["storage"] is JsonValue sv && sv.TryGetValue<bool>(out var s) && s) storedVersions.Add(v.GetString("name"));
            c["status"] = new JsonObject
            {
                ["acceptedNames"] = names.DeepClone(),
                ["conditions"] = new JsonArray(
                    Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                    Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
                ["storedVersions"] = storedVersions,
            };
            return c;
        }, ct).ConfigureAwait(false);
        return true;
    }

    private static bool Established(JsonObject? status)
    {
        if (status?["conditions"] is not JsonArray conds) return false;
        var n = 0;
        foreach (var c in conds.OfType<JsonObject>())
            if (c.GetString("type") is "Established" or "NamesAccepted" && c.GetString("status") == "True") n++;
        return n == 2;
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = now, ["reason"] = reason, ["message"] = message,
    };

    private async Task<bool> CleanupAsync(JsonObject crd, CancellationToken ct)
    {
        var name = crd.Name()!;
        var group = (crd["spec"] as JsonObject).GetString("group") ?? "";
        var plural = ((crd["spec"] as JsonObject)?["names"] as JsonObject).GetString("plural") ?? "";
        var resource = api.Registry.FindStored(group, plural);
        if (resource is not null && resource.CrdName == name)
        {
            var page = await api.ListAsync(resource, null, ListQuery.Everything, ct).ConfigureAwait(false);
            if (page.Items.Count > 0)
            {
                foreach (var item in page.Items)
                {
                    var obj = item.ToObject();
                    if (obj.IsDeleting()) continue;
                    try
                    {
                        await api.DeleteAsync(resource, obj.Namespace(), obj.Name()!, DeleteParams.Default, ct).ConfigureAwait(false);
                    }
                    catch (ApiStatusException e) when (e.IsNotFound || e.IsConflict) { }
                }
                return false;
            }
        }
        await api.UpdateCoreAsync(api.CrdResource, null, name, null, WriteParams.Default, null, c =>
        {
            c.RemoveFinalizer(CrdSupport.CleanupFinalizer);
            return c;
        }, ct).ConfigureAwait(false);
        return true;
    }
}
