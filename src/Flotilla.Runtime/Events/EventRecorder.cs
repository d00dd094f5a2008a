using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Runtime.Events;

/// <summary>
/// Creates core/v1 Events with source.component and reportingComponent set to the controller's name. Repeats of the
/// same event (same object, type, reason, message) are aggregated like client-go's event correlator: the existing
/// Event's count is bumped and lastTimestamp moved instead of creating a new one. The correlation cache is bounded
/// (oldest entries evicted).
/// </summary>
public sealed class EventRecorder : IEventRecorder
{
    public static readonly GroupVersionResource EventResource = new("", "v1", "events");
    private const int MaxMessageLength = 1024;

    private readonly IKubeClient _client;
    private readonly string _component;
    private readonly string _instance;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _cacheSize;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _seen = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();

    /// <param name="component">The reporting controller, e.g. "execution-controller".</param>
    /// <param name="instance">The reporting instance (defaults to the machine name).</param>
    public EventRecorder(IKubeClient client, string component, TimeProvider? time = null, ILogger? logger = null,
        string? instance = null, int cacheSize = 4096)
    {
        _client = client;
        _component = component;
        _instance = instance ?? Environment.MachineName;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _cacheSize = cacheSize;
    }

    public Task NormalAsync(JsonObject involved, string reason, string message, CancellationToken ct) =>
        RecordAsync(involved, EventTypes.Normal, reason, message, ct);

    public Task WarningAsync(JsonObject involved, string reason, string message, CancellationToken ct) =>
        RecordAsync(involved, EventTypes.Warning, reason, message, ct);

    public async Task RecordAsync(JsonObject involved, string type, string reason, string message, CancellationToken ct)
    {
        if (message.Length > MaxMessageLength) message = message[..MaxMessageLength];
        var ns = involved.Namespace() is { Length: > 0 } n ? n : WellKnownNamespaces.Default;
        var key = string.Join('\u0001', _component, involved.ApiVersion(), involved.Kind(), ns, involved.Name(), involved.Uid(), type, reason, message);
        var now = _time.GetUtcNow();
        var stamp = FormatTime(now);
        try
        {
            Entry? previous;
            lock (_gate) previous = _seen.TryGetValue(key, out var node) ? node.Value : null;
            if (previous is not null)
            {
                var count = previous.Count + 1;
                var patch = new JsonObject { ["count"] = count, ["lastTimestamp"] = stamp }.ToJsonString();
                try
                {
                    await _client.PatchAsync(EventResource, previous.Namespace, previous.Name, PatchType.Merge, patch, null, ct).ConfigureAwait(false);
                    Remember(key, previous with { Count = count });
                    return;
                }
                catch (ApiStatusException e) when (e.IsNotFound)
                {
                    // the Event expired (events have a TTL): create a fresh one below
                }
            }
            var name = $"{involved.Name()}.{(now.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000)).ToString("x", CultureInfo.InvariantCulture)}";
            var ev = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Event",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["involvedObject"] = Reference(involved),
                ["reason"] = reason,
                ["message"] = message,
                ["type"] = type,
                ["source"] = new JsonObject { ["component"] = _component },
                ["firstTimestamp"] = stamp,
                ["lastTimestamp"] = stamp,
                ["count"] = 1,
                ["reportingComponent"] = _component,
                ["reportingInstance"] = _instance,
            };
            await _client.CreateAsync(EventResource, ev, null, ct).ConfigureAwait(false);
            Remember(key, new Entry(key, ns, name, 1));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Could not record event {Reason} for {Kind} {Namespace}/{Name}", reason, involved.Kind(), ns, involved.Name());
        }
    }

    private void Remember(string key, Entry entry)
    {
        lock (_gate)
        {
            if (_seen.Remove(key, out var old)) _lru.Remove(old);
            _seen[key] = _lru.AddFirst(entry);
            while (_seen.Count > _cacheSize && _lru.Last is { } last)
            {
                _lru.RemoveLast();
                _seen.Remove(last.Value.Key);
            }
        }
    }

    private static JsonObject Reference(JsonObject involved)
    {
        var r = new JsonObject
        {
            ["apiVersion"] = involved.ApiVersion(),
            ["kind"] = involved.Kind(),
            ["name"] = involved.Name(),
        };
        if (involved.Namespace() is { Length: > 0 } ns) r["namespace"] = ns;
        if (involved.Uid() is { } uid) r["uid"] = uid;
        if (involved.ResourceVersion() is { } rv) r["resourceVersion"] = rv;
        return r;
    }

    private static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record Entry(string Key, string Namespace, string Name, int Count);
}
