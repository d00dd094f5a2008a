using Flotilla.Core.Client;
using Flotilla.Runtime.Informers;
using Microsoft.Extensions.Logging;

namespace Flotilla.Simulator;

/// <summary>What every simulated controller of one member shares: its API (in-process), informers, clock,
/// shape and faults.</summary>
public sealed class SimContext(string clusterName, IKubeClient client, SharedInformerFactory informers, MemberOptions options,
    FaultState faults, TimeProvider time, ILoggerFactory loggerFactory)
{
    public string ClusterName { get; } = clusterName;
    public IKubeClient Client { get; } = client;
    public SharedInformerFactory Informers { get; } = informers;
    /// <summary>Mutable: capacity faults change node sizes.</summary>
    public MemberOptions Options { get; } = options;
    public FaultState Faults { get; } = faults;
    public TimeProvider Time { get; } = time;
    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    /// <summary>Cache index of objects by their controller owner's uid.</summary>
    public const string ControllerUidIndex = "sim.controller-uid";

    public Informer Informer(Flotilla.Core.GroupVersionResource gvr) => Informers.Get(gvr);

    /// <summary>The cached objects of a kind whose controller owner has <paramref name="uid"/> (an indexed lookup, as
    /// the kube-controller-manager's controllers do, instead of a scan of the namespace).</summary>
    public IReadOnlyList<System.Text.Json.Nodes.JsonObject> OwnedBy(Flotilla.Core.GroupVersionResource gvr, string? uid)
    {
        if (string.IsNullOrEmpty(uid)) return [];
        var cache = Informer(gvr).Cache;
        cache.EnsureIndexer(ControllerUidIndex, o => PodUtil.ControllerUid(o) is { } u ? [u] : []);
        return cache.ByIndex(ControllerUidIndex, uid);
    }

    public DateTimeOffset Now => Time.GetUtcNow();

    public string NowText => Flotilla.Runtime.Objects.Conditions.FormatTime(Time.GetUtcNow());
}
