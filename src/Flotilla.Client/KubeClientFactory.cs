using Microsoft.Extensions.Logging;

namespace Flotilla.Client;

/// <summary>
/// Creates <see cref="KubeRestClient"/>s and keeps one per key (e.g. per member cluster), so that every controller
/// talking to a cluster shares one connection pool. A key whose configuration changed (rotated token, new CA, new
/// endpoint) gets a fresh client; the old one is disposed, which aborts its in-flight requests and watches — their
/// callers see errors and retry with the new client.
/// </summary>
public sealed class KubeClientFactory : IDisposable
{
    private readonly ILoggerFactory? _loggerFactory;
    private readonly Dictionary<string, KubeRestClient> _clients = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _disposed;

    public KubeClientFactory(ILoggerFactory? loggerFactory = null) => _loggerFactory = loggerFactory;

    /// <summary>A new client the caller owns (and disposes).</summary>
    public KubeRestClient Create(RestConfig config) => new(config, _loggerFactory?.CreateLogger<KubeRestClient>());

    /// <summary>The shared client for <paramref name="key"/>; created, or replaced when <paramref name="config"/> differs.
    /// The factory owns it: do not dispose it.</summary>
    public KubeRestClient GetOrCreate(string key, RestConfig config)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(config);
        KubeRestClient? stale;
        KubeRestClient fresh;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_clients.TryGetValue(key, out stale) && stale.Config.Equals(config)) return stale;
            fresh = Create(config);
            _clients[key] = fresh;
        }
        stale?.Dispose();
        return fresh;
    }

    public bool TryGet(string key, out KubeRestClient? client)
    {
        lock (_lock) return _clients.TryGetValue(key, out client);
    }

    /// <summary>Forgets and disposes the client of <paramref name="key"/> (e.g. the cluster was unjoined).</summary>
    public bool Remove(string key)
    {
        KubeRestClient? client;
        lock (_lock)
        {
            if (!_clients.Remove(key, out client)) return false;
        }
        client.Dispose();
        return true;
    }

    public void Dispose()
    {
        List<KubeRestClient> all;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            all = [.. _clients.Values];
            _clients.Clear();
        }
        foreach (var c in all) c.Dispose();
    }
}
