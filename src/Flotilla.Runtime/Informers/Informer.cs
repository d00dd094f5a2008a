using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Runtime.Informers;

/// <summary>
/// Lists and watches one resource (optionally one namespace, optionally filtered by selectors) through an
/// <see cref="IKubeClient"/>, keeps an <see cref="ObjectCache"/> and notifies handlers in order.
/// <list type="bullet">
/// <item>List (paged) then watch from the list's resourceVersion; a watch that ends is resumed from the last
/// resourceVersion seen; 410 Gone ⇒ immediate re-list; any other failure ⇒ re-list after exponential backoff.</item>
/// <item>A resource that is not served (yet), e.g. a CRD not established, is retried quietly with backoff.</item>
/// <item>A re-list reconciles the cache: new objects ⇒ OnAdd, changed ⇒ OnUpdate, vanished ⇒ OnDelete with the
/// last known object.</item>
/// <item>Handlers added late first receive OnAdd for every cached object, then live events.</item>
/// </list>
/// Cached objects are shared read-only snapshots: DeepClone before mutating.
/// </summary>
public sealed class Informer : IAsyncDisposable
{
    private readonly IKubeClient _client;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _dispatch = new();
    // Start/stop have their own lock: a handler running under _dispatch may start other informers, and starting this
    // one must not wait for a dispatch in progress.
    private readonly Lock _lifecycle = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IInformerHandler[] _handlers = [];
    private CancellationTokenSource? _cts;
    private Task? _loop;
    private ITimer? _resyncTimer;
    private string _lastResourceVersion = "";

    public Informer(IKubeClient client, GroupVersionResource resource, string? ns = null, InformerOptions? options = null,
        TimeProvider? time = null, ILogger? logger = null)
    {
        _client = client;
        Resource = resource;
        Namespace = string.IsNullOrEmpty(ns) ? null : ns;
        _options = options ?? new InformerOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public GroupVersionResource Resource { get; }

    /// <summary>The namespace watched, or null for all namespaces / cluster-scoped resources.</summary>
    public string? Namespace { get; }

    public ObjectCache Cache { get; } = new();

    /// <summary>True once the first list has been stored in the cache.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion of the last list or watch event applied.</summary>
    public string LastSyncResourceVersion { get { lock (_dispatch) return _lastResourceVersion; } }

    /// <summary>How many lists the informer has made (1 after the initial sync; more after 410s or failures).</summary>
    public int ListCount => Volatile.Read(ref _listCount);
    private int _listCount;

    public Task WaitForSyncAsync(CancellationToken ct) => _synced.Task.WaitAsync(ct);

    /// <summary>Registers a handler; it first gets OnAdd for every object already cached. Dispose to unregister.</summary>
    public IDisposable AddHandler(IInformerHandler handler)
    {
        lock (_dispatch)
        {
            _handlers = [.. _handlers, handler];
            foreach (var obj in Cache.List()) Safe(() => handler.OnAdd(obj));
        }
        return new Registration(this, handler);
    }

    /// <summary>Starts the list/watch loop in the background (idempotent).</summary>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_loop is not null) return;
            _cts = new CancellationTokenSource();
            var ct = _cts.Token;
            _loop = Task.Run(() => RunAsync(ct), CancellationToken.None);
            if (_options.ResyncPeriod is { } period && period > TimeSpan.Zero)
                _resyncTimer = _time.CreateTimer(static s => ((Informer)s!).Resync(), this, period, period);
        }
    }

    /// <summary>Stops the loop and waits for it to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_lifecycle)
        {
            loop = _loop;
            _cts?.Cancel();
            _resyncTimer?.Dispose();
        }
        if (loop is not null) await loop.ConfigureAwait(false);
        _cts?.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var backoff = _options.InitialBackoff;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var rv = await ListAndReplaceAsync(ct).ConfigureAwait(false);
                backoff = _options.InitialBackoff;
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    var started = _time.GetTimestamp();
                    var before = rv;
                    rv = await WatchAsync(rv, ct).ConfigureAwait(false);
                    // a server that keeps ending watches at once must not make us spin
                    if (rv == before && _time.GetElapsedTime(started) < TimeSpan.FromSeconds(1))
                        await Task.Delay(_options.InitialBackoff, _time, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (ApiStatusException e) when (e.IsGone)
            {
                _logger.LogDebug("Watch of {Resource} expired ({Message}); re-listing", Resource, e.Message);
                continue;
            }
            catch (ApiStatusException e) when (e.Code == 404)
            {
                _logger.LogDebug("Resource {Resource} is not served yet; retrying in {Delay}", Resource, backoff);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "List/watch of {Resource} failed; retrying in {Delay}", Resource, backoff);
            }
            try
            {
                await Task.Delay(backoff, _time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    private async Task<string> ListAndReplaceAsync(CancellationToken ct)
    {
        var items = new List<JsonObject>();
        string? cont = null;
        string rv;
        do
        {
            var page = await _client.ListAsync(Resource, Namespace, new ListOptions
            {
                LabelSelector = _options.LabelSelector,
                FieldSelector = _options.FieldSelector,
                Limit = _options.PageSize > 0 ? _options.PageSize : null,
                Continue = cont,
            }, ct).ConfigureAwait(false);
            items.AddRange(_options.MetadataOnly ? page.Items.Select(InformerOptions.MetadataOf) : page.Items);
            cont = page.Continue;
            rv = page.ResourceVersion;
        } while (!string.IsNullOrEmpty(cont));
        Interlocked.Increment(ref _listCount);

        lock (_dispatch)
        {
            var seen = new HashSet<ObjectKey>();
            foreach (var item in items)
            {
                seen.Add(item.Key());
                var old = Cache.Upsert(item);
                if (old is null) Notify(h => h.OnAdd(item));
                else if (old.ResourceVersion() != item.ResourceVersion()) Notify(h => h.OnUpdate(old, item));
            }
            foreach (var key in Cache.Keys())
            {
                if (seen.Contains(key)) continue;
                if (Cache.Remove(key) is { } gone) Notify(h => h.OnDelete(gone));
            }
            _lastResourceVersion = rv;
        }
        if (_synced.TrySetResult())
            _logger.LogDebug("Informer for {Resource} synced with {Count} objects at {Revision}", Resource, items.Count, rv);
        return rv;
    }

    /// <summary>Watches from <paramref name="rv"/> until the server ends the watch; returns the last resourceVersion.</summary>
    private async Task<string> WatchAsync(string rv, CancellationToken ct)
    {
        var options = new ListOptions
        {
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            ResourceVersion = rv,
            AllowWatchBookmarks = true,
            TimeoutSeconds = (int)Math.Max(1, _options.WatchTimeout.TotalSeconds),
        };
        await foreach (var e in _client.WatchAsync(Resource, Namespace, options, ct).ConfigureAwait(false))
        {
            if (e.Type == WatchEventType.Error)
                throw ApiStatusException.FromStatus(e.Object, e.Object["code"] is JsonValue c && c.TryGetValue<int>(out var code) ? code : 500);
            var eventRv = e.Object.ResourceVersion();
            lock (_dispatch)
            {
                switch (e.Type)
                {
                    case WatchEventType.Added:
                    case WatchEventType.Modified:
                    {
                        var obj = _options.MetadataOnly ? InformerOptions.MetadataOf(e.Object) : e.Object;
                        var old = Cache.Upsert(obj);
                        if (old is null) Notify(h => h.OnAdd(obj));
                        else Notify(h => h.OnUpdate(old, obj));
                        break;
                    }
                    case WatchEventType.Deleted:
                    {
                        var obj = _options.MetadataOnly ? InformerOptions.MetadataOf(e.Object) : e.Object;
                        Cache.Remove(obj.Key());
                        Notify(h => h.OnDelete(obj));
                        break;
                    }
                }
                if (!string.IsNullOrEmpty(eventRv)) _lastResourceVersion = rv = eventRv;
            }
        }
        return rv;
    }

    private void Resync()
    {
        if (!HasSynced) return;
        lock (_dispatch)
            foreach (var obj in Cache.List()) Notify(h => h.OnUpdate(obj, obj));
    }

    private void Notify(Action<IInformerHandler> action)
    {
        foreach (var h in _handlers) Safe(() => action(h));
    }

    private void Safe(Action action)
    {
        try { action(); }
        catch (Exception e) { _logger.LogError(e, "Informer handler for {Resource} failed", Resource); }
    }

    private sealed class Registration(Informer owner, IInformerHandler handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._dispatch) owner._handlers = owner._handlers.Where(h => !ReferenceEquals(h, handler)).ToArray();
        }
    }

    public override string ToString() =>
        Namespace is null ? Resource.ToString() : string.Create(CultureInfo.InvariantCulture, $"{Resource} in {Namespace}");
}
