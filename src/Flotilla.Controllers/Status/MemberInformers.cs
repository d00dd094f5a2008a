using System.Text.Json.Nodes;
using Flotilla.Controllers.Members;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Informers;
using Microsoft.Extensions.Logging;

namespace Flotilla.Controllers.Status;

/// <summary>
/// Informers on member clusters, one per (cluster, resource) of objects Flotilla propagated (label
/// karmada.io/managed=true). Each member object's events are mapped through its work.karmada.io/namespace|name
/// annotations to the Work's key and handed to <see cref="WorkChanged"/>. A cluster whose client was rebuilt (new
/// credentials) gets fresh informers.
/// </summary>
public sealed class MemberInformers(IMemberClientProvider members, ILoggerFactory? loggerFactory = null, TimeProvider? time = null) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (IKubeClient Client, SharedInformerFactory Factory, HashSet<GroupVersionResource> Hooked)> _clusters = new(StringComparer.Ordinal);

    /// <summary>Called with the Work key of every member object event.</summary>
    public Action<ObjectKey>? WorkChanged { get; set; }

    /// <summary>The member's client.</summary>
    public ValueTask<IKubeClient> ClientAsync(string cluster, CancellationToken ct) => members.GetAsync(cluster, ct);

    /// <summary>The informer for <paramref name="resource"/> in <paramref name="cluster"/>, started and with the Work handler attached.</summary>
    public async ValueTask<(IKubeClient Client, Informer Informer)> GetAsync(string cluster, GroupVersionResource resource, CancellationToken ct)
    {
        var client = await members.GetAsync(cluster, ct).ConfigureAwait(false);
        SharedInformerFactory? stale = null;
        Informer informer;
        lock (_gate)
        {
            if (!_clusters.TryGetValue(cluster, out var entry) || !ReferenceEquals(entry.Client, client))
            {
                stale = entry.Factory;
                entry = (client, new SharedInformerFactory(client, loggerFactory, time,
                    new InformerOptions { LabelSelector = WellKnownLabels.Managed + "=" + WorkAnnotationValues.ManagedTrue }), []);
                _clusters[cluster] = entry;
            }
            informer = entry.Factory.Get(resource);
            if (entry.Hooked.Add(resource))
            {
                informer.AddHandler(new InformerHandler(Notify, (_, n) => Notify(n), Notify));
                entry.Factory.Start();
            }
        }
        if (stale is not null) await stale.DisposeAsync().ConfigureAwait(false);
        return (client, informer);
    }

    /// <summary>Stops watching a cluster (unjoined).</summary>
    public async Task RemoveAsync(string cluster)
    {
        SharedInformerFactory? f = null;
        lock (_gate)
            if (_clusters.Remove(cluster, out var e)) f = e.Factory;
        if (f is not null) await f.DisposeAsync().ConfigureAwait(false);
    }

    private void Notify(JsonObject obj)
    {
        if (obj.Annotation(WellKnownAnnotations.WorkNamespace) is { Length: > 0 } ns && obj.Annotation(WellKnownAnnotations.WorkName) is { Length: > 0 } name)
            WorkChanged?.Invoke(new ObjectKey(ns, name));
    }

    public async ValueTask DisposeAsync()
    {
        List<SharedInformerFactory> all;
        lock (_gate)
        {
            all = _clusters.Values.Select(e => e.Factory).ToList();
            _clusters.Clear();
        }
        foreach (var f in all) await f.DisposeAsync().ConfigureAwait(false);
    }
}
