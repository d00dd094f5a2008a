using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime.Informers;

namespace Flotilla.Simulator.Controllers;

/// <summary>
/// What the bound, non-terminal pods request on each node, kept current from the pod informer's events, so the
/// scheduler reads a node's usage instead of summing every pod of the cluster for every pod it places. A pod's
/// requests never change, so an update only matters when the pod gets a node or becomes terminal.
/// </summary>
internal sealed class PodUsageIndex : IInformerHandler
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, (string Node, Dictionary<string, Quantity> Requests)> _pods = [];
    private readonly Dictionary<string, (Dictionary<string, Quantity> Requests, int Pods)> _nodes = new(StringComparer.Ordinal);

    /// <summary>An index kept current by <paramref name="pods"/> (it first sees every pod already cached).</summary>
    public static PodUsageIndex Following(Informer pods)
    {
        var index = new PodUsageIndex();
        pods.AddHandler(index);
        return index;
    }

    public void OnAdd(JsonObject obj) => Set(obj.Key(), obj);

    public void OnUpdate(JsonObject oldObj, JsonObject newObj) => Set(newObj.Key(), newObj);

    public void OnDelete(JsonObject lastKnown) => Set(lastKnown.Key(), null);

    /// <summary>Whether the pod is counted (bound and not terminal, as the cache last showed it).</summary>
    public bool Counts(ObjectKey pod)
    {
        lock (_gate) return _pods.ContainsKey(pod);
    }

    /// <summary>A copy of the usage by node name: summed requests and the number of pods.</summary>
    public Dictionary<string, (Dictionary<string, Quantity> Requests, int Pods)> Snapshot()
    {
        lock (_gate)
            return _nodes.ToDictionary(kv => kv.Key, kv => (new Dictionary<string, Quantity>(kv.Value.Requests, StringComparer.Ordinal), kv.Value.Pods),
                StringComparer.Ordinal);
    }

    private void Set(ObjectKey key, JsonObject? pod)
    {
        var node = pod is not null && PodUtil.NodeName(pod) is { } n && !PodUtil.IsTerminal(pod) ? n : null;
        lock (_gate)
        {
            var had = _pods.TryGetValue(key, out var old);
            if (had && old.Node == node) return;
            if (had)
            {
                _pods.Remove(key);
                Count(_nodes, old.Node, old.Requests, -1);
            }
            if (node is null) return;
            var requests = PodUtil.Requests(pod!["spec"] as JsonObject ?? new JsonObject());
            _pods[key] = (node, requests);
            Count(_nodes, node, requests, +1);
        }
    }

    /// <summary>Adds (<paramref name="sign"/> +1) or takes away (-1) one pod's requests on a node of
    /// <paramref name="usage"/>; a node left with no pods is removed.</summary>
    public static void Count(Dictionary<string, (Dictionary<string, Quantity> Requests, int Pods)> usage, string node,
        Dictionary<string, Quantity> requests, int sign)
    {
        if (!usage.TryGetValue(node, out var u)) u = (new Dictionary<string, Quantity>(StringComparer.Ordinal), 0);
        foreach (var (r, q) in requests)
        {
            var delta = sign > 0 ? q : -q;
            u.Requests[r] = u.Requests.TryGetValue(r, out var t) ? t + delta : delta;
        }
        u.Pods += sign;
        if (u.Pods == 0) usage.Remove(node);
        else usage[node] = u;
    }
}
