using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;
using Microsoft.Extensions.Logging;

namespace Flotilla.ApiServer.Controllers;

/// <summary>List then watch one resource through the object store (like an informer), re-listing when the watch
/// ends or fails; calls the handler with every object (type ADDED/MODIFIED/DELETED).</summary>
internal static class ListWatchLoop
{
    public static async Task RunAsync(KubeApi api, Func<ServedResource> resource, Func<string, System.Text.Json.Nodes.JsonObject, CancellationToken, Task> handler,
        ILogger logger, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var r = resource();
                var page = await api.ListAsync(r, null, ListQuery.Everything, ct).ConfigureAwait(false);
                foreach (var item in page.Items) await handler(WatchEventType.Added, item.ToObject(), ct).ConfigureAwait(false);
                var q = new ListQuery { ResourceVersion = KubeApi.FormatRevision(page.Revision) };
                await foreach (var ev in api.WatchAsync(r, null, q, ct).ConfigureAwait(false))
                {
                    if (ev.Type == WatchEventType.Error) break;
                    if (ev.Type == WatchEventType.Bookmark) continue;
                    var obj = System.Text.Json.Nodes.JsonNode.Parse(ev.Object.Span) as System.Text.Json.Nodes.JsonObject;
                    if (obj is not null) await handler(ev.Type, obj, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "List/watch loop failed; re-listing");
            }
            try { await Task.Delay(TimeSpan.FromMilliseconds(200), api.Time, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }
}
