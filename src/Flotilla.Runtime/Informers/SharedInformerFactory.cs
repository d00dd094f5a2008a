using Flotilla.Core;
using Flotilla.Core.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Runtime.Informers;

/// <summary>
/// Hands out one <see cref="Informer"/> per (resource, namespace, selectors) over one <see cref="IKubeClient"/>, so
/// that controllers watching the same resource share a list/watch and a cache. After <see cref="Start"/>, informers
/// requested later start at once.
/// </summary>
public sealed class SharedInformerFactory(IKubeClient client, ILoggerFactory? loggerFactory = null, TimeProvider? time = null,
    InformerOptions? defaults = null) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(GroupVersionResource, string, string, string, bool), Informer> _informers = [];
    private readonly ILoggerFactory _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    private bool _started;

    public IKubeClient Client => client;

    public IReadOnlyList<Informer> Informers { get { lock (_gate) return [.. _informers.Values]; } }

    /// <summary>The shared informer for a resource; <paramref name="options"/> (selectors, resync) apply only when it
    /// is created, and its selectors are part of the identity.</summary>
    public Informer Get(GroupVersionResource resource, string? ns = null, InformerOptions? options = null)
    {
        options ??= defaults ?? new InformerOptions();
        var id = (resource, ns ?? "", options.LabelSelector ?? "", options.FieldSelector ?? "", options.MetadataOnly);
        Informer informer;
        bool start;
        lock (_gate)
        {
            if (_informers.TryGetValue(id, out var existing)) return existing;
            informer = new Informer(client, resource, ns, options, time, _loggerFactory.CreateLogger<Informer>());
            _informers[id] = informer;
            start = _started;
        }
        // Started outside the lock: handlers of other informers call Get while holding their dispatch lock, and
        // Informer.Start must never wait on the factory (lock order: an informer's locks, then the factory's, never back).
        if (start) informer.Start();
        return informer;
    }

    /// <summary>Starts every informer, and any created later.</summary>
    public void Start()
    {
        Informer[] all;
        lock (_gate)
        {
            _started = true;
            all = [.. _informers.Values];
        }
        foreach (var i in all) i.Start();
    }

    /// <summary>Waits until every informer created so far has synced.</summary>
    public Task WaitForCacheSyncAsync(CancellationToken ct) => Task.WhenAll(Informers.Select(i => i.WaitForSyncAsync(ct)));

    public async ValueTask DisposeAsync()
    {
        foreach (var i in Informers) await i.DisposeAsync().ConfigureAwait(false);
    }
}
