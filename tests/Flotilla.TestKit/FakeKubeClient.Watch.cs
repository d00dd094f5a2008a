using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.TestKit.Fakes;

namespace Flotilla.TestKit;

public sealed partial class FakeKubeClient
{
    private readonly List<HistoryEntry> _history = [];
    private readonly List<Watcher> _watchers = [];
    private long _compactedRevision;

    /// <summary>Number of watches currently open.</summary>
    public int OpenWatchCount { get { lock (_gate) return _watchers.Count; } }

    /// <summary>Forgets history up to the current revision: a watch from an older resourceVersion answers 410 Gone.</summary>
    public void CompactHistory()
    {
        lock (_gate)
        {
            _compactedRevision = _revision;
            _history.Clear();
        }
    }

    /// <summary>Ends every open watch with a 410 Gone error (as when the server's watch cache drops a watcher), and
    /// compacts the history so that resuming from the old resourceVersion also answers 410.</summary>
    public void ExpireWatches()
    {
        lock (_gate)
        {
            CompactHistory();
            foreach (var w in _watchers) w.Close(ApiErrors.Gone());
            _watchers.Clear();
        }
    }

    /// <summary>Ends every open watch normally (as when the server's watch timeout elapses).</summary>
    public void CloseWatches()
    {
        lock (_gate)
        {
            foreach (var w in _watchers) w.Close(null);
            _watchers.Clear();
        }
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource resource, string? ns, ListOptions options,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var watcher = Subscribe(resource, ns, options);
        try
        {
            while (true)
            {
                bool more;
                try { more = await watcher.Channel.Reader.WaitToReadAsync(ct); }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { yield break; }
                if (!more) break;
                while (watcher.Channel.Reader.TryRead(out var e)) yield return e;
            }
            if (watcher.Error is { } error) throw error;
        }
        finally
        {
            lock (_gate) _watchers.Remove(watcher);
        }
    }

    private Watcher Subscribe(GroupVersionResource resource, string? ns, ListOptions options)
    {
        lock (_gate)
        {
            var res = Begin(FakeVerbs.Watch, resource, null, ns, null);
            var watcher = new Watcher(res.Gvr, new Filter(res, ns, options));
            var rv = options.ResourceVersion;
            if (string.IsNullOrEmpty(rv) || rv == "0")
            {
                foreach (var obj in Store(res).Values) watcher.Offer(WatchEventType.Added, obj, null);
            }
            else
            {
                if (!long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                    throw ApiErrors.BadRequest($"invalid resource version: {rv}");
                if (from < _compactedRevision) throw ApiErrors.Gone($"too old resource version: {from} ({_compactedRevision})");
                foreach (var h in _history)
                    if (h.Revision > from && h.Gvr == res.Gvr) watcher.Offer(h.Type, h.Object, h.Old);
            }
            _watchers.Add(watcher);
            return watcher;
        }
    }

    private void Publish(GroupVersionResource gvr, string type, JsonObject obj, JsonObject? old)
    {
        var entry = new HistoryEntry(long.Parse(obj.ResourceVersion()!, CultureInfo.InvariantCulture), gvr, type, obj.DeepCloneObject(), old?.DeepCloneObject());
        _history.Add(entry);
        foreach (var w in _watchers)
            if (w.Gvr == gvr) w.Offer(type, entry.Object, entry.Old);
    }

    private sealed record HistoryEntry(long Revision, GroupVersionResource Gvr, string Type, JsonObject Object, JsonObject? Old);

    private sealed class Watcher(GroupVersionResource gvr, Filter filter)
    {
        public GroupVersionResource Gvr { get; } = gvr;
        public Channel<WatchEvent> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
        public Exception? Error { get; private set; }

        /// <summary>Delivers an event as this watcher's selectors see it: an object entering the selection is ADDED,
        /// one leaving it is DELETED.</summary>
        public void Offer(string type, JsonObject obj, JsonObject? old)
        {
            var now = filter.Matches(obj);
            var before = old is not null && filter.Matches(old);
            var effective = type switch
            {
                WatchEventType.Added => now ? WatchEventType.Added : null,
                WatchEventType.Deleted => now || before ? WatchEventType.Deleted : null,
                _ => (before, now) switch
                {
                    (true, true) => WatchEventType.Modified,
                    (false, true) => WatchEventType.Added,
                    (true, false) => WatchEventType.Deleted,
                    _ => null,
                },
            };
            if (effective is not null) Channel.Writer.TryWrite(new WatchEvent(effective, obj.DeepCloneObject()));
        }

        public void Close(Exception? error)
        {
            Error = error;
            Channel.Writer.TryComplete();
        }
    }
}
