using Flotilla.Controllers.Members;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Informers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Controllers.Clusters;

/// <summary>
/// The cluster controller and the cluster-status controller, ready to run against a control plane:
/// <code>
/// await using var clusters = ClusterControllers.Create(controlPlane, members: null, loggerFactory, TimeProvider.System, new());
/// await clusters.StartAsync(ct);   // ... StopAsync on shutdown
/// </code>
/// With <c>members</c> null a <see cref="ClusterMemberClientProvider"/> over the same informers is used.
/// </summary>
public sealed class ClusterControllers : IHostedService, IAsyncDisposable
{
    private readonly bool _ownsInformers;
    private readonly ClusterMemberClientProvider? _ownedMembers;

    private ClusterControllers(SharedInformerFactory informers, bool ownsInformers, ClusterMemberClientProvider? ownedMembers,
        ControllerHost<ObjectKey> cluster, ControllerHost<ObjectKey> status, ClusterStatusController statusReconciler)
    {
        Informers = informers;
        _ownsInformers = ownsInformers;
        _ownedMembers = ownedMembers;
        ClusterHost = cluster;
        StatusHost = status;
        StatusReconciler = statusReconciler;
    }

    public SharedInformerFactory Informers { get; }
    public ControllerHost<ObjectKey> ClusterHost { get; }
    public ControllerHost<ObjectKey> StatusHost { get; }
    public ClusterStatusController StatusReconciler { get; }

    public static ClusterControllers Create(IKubeClient controlPlane, IMemberClientProvider? members, ILoggerFactory? loggerFactory,
        TimeProvider? time, ClusterControllerOptions? options, SharedInformerFactory? informers = null, IClusterProbe? probe = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        time ??= TimeProvider.System;
        options ??= new ClusterControllerOptions();
        var ownsInformers = informers is null;
        informers ??= new SharedInformerFactory(controlPlane, loggerFactory, time);
        ClusterMemberClientProvider? owned = null;
        if (members is null) members = owned = new ClusterMemberClientProvider(informers);

        var clusterReconciler = new ClusterController(controlPlane, informers, time, loggerFactory.CreateLogger<ClusterController>());
        var clusterHost = new ControllerHost<ObjectKey>("cluster", clusterReconciler, informers,
            new ControllerWatches<ObjectKey>().For(ClusterApi.Clusters), new ControllerOptions { Workers = 2 },
            loggerFactory.CreateLogger("Flotilla.Controllers.Clusters"), time);

        var statusReconciler = new ClusterStatusController(controlPlane, informers, members, options, probe, time,
            loggerFactory.CreateLogger<ClusterStatusController>(), new Flotilla.Runtime.Events.EventRecorder(controlPlane, "cluster-status-controller"));
        var statusHost = new ControllerHost<ObjectKey>("cluster-status", statusReconciler, informers,
            new ControllerWatches<ObjectKey>().For(ClusterApi.Clusters, EventPredicate.GenerationChanged),
            new ControllerOptions { Workers = Math.Max(1, options.StatusWorkers) },
            loggerFactory.CreateLogger("Flotilla.Controllers.ClusterStatus"), time);
        return new ClusterControllers(informers, ownsInformers, owned, clusterHost, statusHost, statusReconciler);
    }

    public async Task StartAsync(CancellationToken ct)
    {
        await ClusterHost.StartAsync(ct).ConfigureAwait(false);
        await StatusHost.StartAsync(ct).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await StatusHost.StopAsync(ct).ConfigureAwait(false);
        await ClusterHost.StopAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        ClusterHost.Dispose();
        StatusHost.Dispose();
        _ownedMembers?.Dispose();
        if (_ownsInformers) await Informers.DisposeAsync().ConfigureAwait(false);
    }
}
