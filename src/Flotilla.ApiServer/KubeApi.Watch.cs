using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Storage;
using Microsoft.Extensions.Logging;

namespace Flotilla.ApiServer;

public sealed partial class KubeApi
{
    public const string InitialEventsEndAnnotation = "k8s.io/initial-events-end";

    /// <summary>
    /// Watches a resource (one namespace or all): ADDED/MODIFIED/DELETED after <see cref="ListQuery.ResourceVersion"/>
    /// (unset or "0": the current state as ADDED events first), objects entering or leaving the selectors as
    /// ADDED/DELETED, periodic BOOKMARKs when asked, and an ERROR event with a 410 Status when the revision was compacted.
    /// Ends at the timeout, when <paramref name="ct"/> is cancelled, or when the server stops.
    /// </summary>
    /// <remarks>Invalid parameters throw at the call, before anything is streamed. With <paramref name="stored"/>, the
    /// ADDED, MODIFIED and DELETED items carry the object as stored (storage version, no resourceVersion: the item's
    /// Revision is it) for in-process readers that build their own object, so nothing is rendered for them.</remarks>
    public IAsyncEnumerable<WatchItem> WatchAsync(ServedResource r, string? ns, ListQuery q, CancellationToken ct, bool stored = false)
    {
        FieldSelectors.Validate(r, q.Fields);
        long? startRevision = null;
        var initial = q.SendInitialEvents == true || string.IsNullOrEmpty(q.ResourceVersion) || q.ResourceVersion == "0";
        if (!initial) startRevision = ParseResourceVersion(q.ResourceVersion);
        if (q.SendInitialEvents == true && q.ResourceVersionMatch != "NotOlderThan")
            throw ApiErrors.Invalid("ListOptions", "meta.k8s.io", "", [new StatusCause(StatusReasons.FieldValueForbidden,
                "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan", "sendInitialEvents")]);
        return WatchCoreAsync(r, ns, q, initial, startRevision, stored, ct);
    }

    private async IAsyncEnumerable<WatchItem> WatchCoreAsync(ServedResource r, string? ns, ListQuery q, bool initial, long? startRevision,
        bool stored, [EnumeratorCancellation] CancellationToken ct)
    {

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, Stopping);
        if (q.Timeout is { } timeout && timeout > TimeSpan.Zero) linked.CancelAfter(timeout);
        var token = linked.Token;
        var channel = Channel.CreateBounded<WatchItem>(new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var state = new WatchState();
        var producer = Task.Run(() => ProduceAsync(r, ns, q, initial, startRevision, stored, channel.Writer, state, token), CancellationToken.None);
        Task? bookmarks = q.AllowBookmarks ? Task.Run(() => BookmarkLoopAsync(r, channel.Writer, state, token), CancellationToken.None) : null;
        try
        {
            while (await WaitToReadAsync(channel.Reader, token).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var item)) yield return item;
            }
        }
        finally
        {
            await linked.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
            if (bookmarks is not null) await bookmarks.ConfigureAwait(false);
        }
    }

    private static async ValueTask<bool> WaitToReadAsync(ChannelReader<WatchItem> reader, CancellationToken ct)
    {
        try { return await reader.WaitToReadAsync(ct).ConfigureAwait(false); }
        catch (OperationCanceledException) { return false; }
    }

    private sealed class WatchState
    {
        public long LastRevision;
        public readonly SemaphoreSlim WriteLock = new(1, 1);
    }

    private async Task ProduceAsync(ServedResource r, string? ns, ListQuery q, bool initial, long? startRevision, bool stored,
        ChannelWriter<WatchItem> writer, WatchState state, CancellationToken ct)
    {
        try
        {
            long from;
            if (initial)
            {
                var page = await ListAsync(r, ns, q with { Limit = 0, Continue = null, ResourceVersion = null, ResourceVersionMatch = null }, ct).ConfigureAwait(false);
                foreach (var item in page.Items)
                    await WriteAsync(writer, state, new WatchItem(WatchEventType.Added, stored ? item.Json : item.ToBytes(), item.Revision), ct).ConfigureAwait(false);
                from = page.Revision;
                Volatile.Write(ref state.LastRevision, from);
                if (q.SendInitialEvents == true && q.AllowBookmarks)
                    await WriteAsync(writer, state, Bookmark(r, from, initialEventsEnd: true), ct).ConfigureAwait(false);
            }
            else
            {
                from = startRevision!.Value;
                Volatile.Write(ref state.LastRevision, from);
            }

            var filtering = !q.Labels.IsEmpty || !q.Fields.IsEmpty;
            await foreach (var batch in Storage.WatchAsync(r.Prefix(ns), from, ct).ConfigureAwait(false))
            {
                foreach (var ev in batch.Events)
                {
                    var type = Classify(r, ev, q, filtering);
                    if (type is not null)
                    {
                        var bytes = stored ? ev.Entry.Value : Watches.Render(r, ev.Entry);
                        await WriteAsync(writer, state, new WatchItem(type, bytes, ev.Revision), ct).ConfigureAwait(false);
                    }
                    Volatile.Write(ref state.LastRevision, ev.Revision);
                }
            }
        }
        catch (CompactedException e)
        {
            await TryWriteErrorAsync(writer, state, new ApiStatusException(410, StatusReasons.Expired,
                $"too old resource version: {e.Requested} ({e.CompactRevision})"), ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e)
        {
            await TryWriteErrorAsync(writer, state, e, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
        }
        catch (WatchOverflowException)
        {
            // The watcher fell behind: end the stream so the client re-lists, as kube-apiserver does.
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Watch of {Resource} failed", r.GroupResource);
            await TryWriteErrorAsync(writer, state, ApiErrors.Internal("watch failed"), ct).ConfigureAwait(false);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static async Task TryWriteErrorAsync(ChannelWriter<WatchItem> writer, WatchState state, ApiStatusException e, CancellationToken ct)
    {
        try
        {
            await WriteAsync(writer, state, new WatchItem(WatchEventType.Error, JsonSerializer.SerializeToUtf8Bytes(e.ToStatus()), 0), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        catch (ChannelClosedException) { }
    }

    private static async ValueTask WriteAsync(ChannelWriter<WatchItem> writer, WatchState state, WatchItem item, CancellationToken ct)
    {
        await state.WriteLock.WaitAsync(ct).ConfigureAwait(false);
        try { await writer.WriteAsync(item, ct).ConfigureAwait(false); }
        finally { state.WriteLock.Release(); }
    }

    private async Task BookmarkLoopAsync(ServedResource r, ChannelWriter<WatchItem> writer, WatchState state, CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(Options.BookmarkInterval, Time);
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var rev = Volatile.Read(ref state.LastRevision);
                if (rev > 0) await WriteAsync(writer, state, Bookmark(r, rev, false), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
        catch (ChannelClosedException) { }
    }

    private static WatchItem Bookmark(ServedResource r, long revision, bool initialEventsEnd)
    {
        var meta = new JsonObject { ["resourceVersion"] = FormatRevision(revision), ["creationTimestamp"] = null };
        if (initialEventsEnd) meta["annotations"] = new JsonObject { [InitialEventsEndAnnotation] = "true" };
        var obj = new JsonObject { ["kind"] = r.Kind, ["apiVersion"] = r.ApiVersion, ["metadata"] = meta };
        return new WatchItem(WatchEventType.Bookmark, JsonSerializer.SerializeToUtf8Bytes(obj), revision);
    }

    /// <summary>The event type a watcher sees for a storage event, or null when the watcher does not see it.</summary>
    private static string? Classify(ServedResource r, StorageEvent ev, ListQuery q, bool filtering)
    {
        if (!filtering)
            return ev.Kind == WatchEventKind.Delete ? WatchEventType.Deleted : ev.IsCreate ? WatchEventType.Added : WatchEventType.Modified;
        var now = MatchesObject(r, ev.Entry, q);
        if (ev.Kind == WatchEventKind.Delete)
        {
            var before = ev.Previous is { } p ? MatchesObject(r, p, q) : now;
            return before ? WatchEventType.Deleted : null;
        }
        if (ev.IsCreate) return now ? WatchEventType.Added : null;
        var was = ev.Previous is { } prev ? MatchesObject(r, prev, q) : now;
        return (was, now) switch
        {
            (true, true) => WatchEventType.Modified,
            (false, true) => WatchEventType.Added,
            (true, false) => WatchEventType.Deleted,
            _ => null,
        };
    }
}
