using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Flotilla.Client.Http;
using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.Client;

public sealed partial class KubeRestClient
{
    /// <summary>
    /// Opens a watch (<c>?watch=true</c>) and yields its events as they arrive, parsed incrementally.
    /// Yields ADDED, MODIFIED, DELETED and BOOKMARK events; an ERROR event ends the watch with an
    /// <see cref="ApiStatusException"/> built from its Status (code 410 when the resourceVersion is too old, so the
    /// caller re-lists). The server closing the stream ends the enumeration normally; a broken connection throws
    /// <see cref="HttpRequestException"/>; cancelling <paramref name="ct"/> closes the connection at once.
    /// Only the time to the response headers is bounded by <see cref="RestConfig.Timeout"/>.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource resource, string? ns, ListOptions options,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var path = KubePaths.Resource(resource, ns) + KubePaths.ListQuery(options, watch: true);
        using var request = NewRequest(HttpMethod.Get, path, (HttpContent?)null);
        using var response = await SendWithTimeoutAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await ReadErrorBodyAsync(response, ct).ConfigureAwait(false);
            throw ErrorFromResponse(response, body);
        }
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var streamScope = stream.ConfigureAwait(false);
        // Disposing the response aborts a read in flight on every HTTP version: cancellation is prompt.
        await using var abort = ct.Register(static r => ((HttpResponseMessage)r!).Dispose(), response).ConfigureAwait(false);
        using var reader = new JsonObjectStreamReader(stream);
        while (true)
        {
            var frame = await reader.ReadNextAsync(ct).ConfigureAwait(false);
            if (frame is null) yield break;
            var type = frame.GetString("type");
            var obj = frame["object"] as JsonObject;
            if (type is null || obj is null)
                throw new ApiStatusException(500, StatusReasons.UnexpectedServerResponse, "a watch event has no type or object: " + Trim(frame.ToJsonString()));
            if (type == WatchEventType.Error) throw WatchError(obj);
            frame.Remove("object"); // detach so the caller owns the object
            yield return new WatchEvent(type, obj);
        }
    }

    /// <summary>The exception an ERROR watch event stands for; an expired resourceVersion always has code 410.</summary>
    internal static ApiStatusException WatchError(JsonObject status)
    {
        var ex = ApiStatusException.FromStatus(status, 500);
        if (ex.Code != 410 && ex.Reason is StatusReasons.Expired or StatusReasons.Gone)
            return new ApiStatusException(410, ex.Reason, ex.Message, ex.Details);
        return ex;
    }

    private async Task<byte[]> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Config.Timeout);
        try
        {
            return await response.Content.ReadAsByteArrayAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return [];
        }
    }
}
