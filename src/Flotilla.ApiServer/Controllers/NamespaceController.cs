using System.Text.Json.Nodes;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Microsoft.Extensions.Logging;

namespace Flotilla.ApiServer.Controllers;

/// <summary>
/// Namespace lifecycle as kube-controller-manager's namespace controller: a namespace with a deletionTimestamp has
/// its contents deleted; when nothing is left the <c>kubernetes</c> finalizer is removed from spec.finalizers
/// (through /finalize) and the namespace goes.
/// </summary>
internal sealed class NamespaceController(KubeApi api)
{
    private readonly ILogger _logger = api.CreateLogger<NamespaceController>();
    private readonly DelayedQueue<string> _queue = new(api.Time);

    public async Task RunAsync(CancellationToken ct)
    {
        var watch = ListWatchLoop.RunAsync(api, () => api.NamespaceResource, (type, ns, _) =>
        {
            var name = ns.Name()!;
            if (type == WatchEventType.Deleted) api.NoteNamespace(name, exists: false, terminating: false);
            else
            {
                api.NoteNamespace(name, exists: true, terminating: ns.IsDeleting());
                if (ns.IsDeleting()) _queue.Add(name);
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
                catch (Exception e)
                {
                    _logger.LogWarning(e, "Deleting the contents of namespace {Namespace} failed; retrying", name);
                    _queue.AddAfter(name, TimeSpan.FromSeconds(1), ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await watch.ConfigureAwait(false);
    }

    /// <summary>Returns true when done (namespace gone or finalized), false to retry later.</summary>
    private async Task<bool> SyncAsync(string name, CancellationToken ct)
    {
        var stored = await api.TryGetAsync(api.NamespaceResource, null, name, ct).ConfigureAwait(false);
        if (stored is null) return true;
        var ns = stored.ToObject();
        if (!ns.IsDeleting()) return true;
        var remaining = 0;
        foreach (var r in api.Registry.StoredResources)
        {
            if (!r.Namespaced) continue;
            var page = await api.ListAsync(r, name, ListQuery.Everything, ct).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                remaining++;
                var obj = item.ToObject();
                if (obj.IsDeleting()) continue;
                try
                {
                    await api.DeleteAsync(r, name, obj.Name()!, new DeleteParams { PropagationPolicy = KubeApi.PropagationBackground }, ct).ConfigureAwait(false);
                }
                catch (ApiStatusException e) when (e.IsNotFound || e.IsConflict) { }
            }
        }
        if (remaining > 0) return false;
        await api.UpdateCoreAsync(api.NamespaceResource, null, name, "finalize", WriteParams.Default, null, cur =>
        {
            var spec = cur["spec"] as JsonObject ?? new JsonObject();
            cur["spec"] = spec;
            if (spec["finalizers"] is JsonArray f)
            {
                for (var i = f.Count - 1; i >= 0; i--)
                    if (f[i]?.GetValue<string>() == WellKnownFinalizers.Kubernetes) f.RemoveAt(i);
                if (f.Count == 0) spec.Remove("finalizers");
            }
            return cur;
        }, ct).ConfigureAwait(false);
        return true;
    }
}
