using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Controllers.Clusters;

/// <summary>
/// Karmada's cluster controller (Push clusters): keeps the finalizer <c>karmada.io/cluster-controller</c> and the
/// execution namespace <c>karmada-es-&lt;cluster&gt;</c>; derives the not-ready / unreachable NoSchedule taints from
/// the Ready condition; on deletion removes the cluster's Works, the execution namespace and the cluster Lease,
/// then the finalizer.
/// </summary>
public sealed partial class ClusterController(IKubeClient client, SharedInformerFactory informers, TimeProvider? time = null,
    ILogger<ClusterController>? logger = null) : IReconciler<ObjectKey>
{
    private static readonly TimeSpan CleanupPoll = TimeSpan.FromSeconds(1);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<ClusterController>.Instance;

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var cached = informers.Get(ClusterApi.Clusters).Cache.Get(null, key.Name);
        if (cached is null) return ReconcileResult.Done;
        if (cached.IsDeleting()) return await RemoveClusterAsync(cached, ct).ConfigureAwait(false);

        var cluster = (await ObjectWriter.EnsureFinalizerAsync(client, ClusterApi.Clusters, cached, WellKnownFinalizers.Cluster, ct)
            .ConfigureAwait(false)).Object;
        await EnsureExecutionSpaceAsync(key.Name, ct).ConfigureAwait(false);

        var next = cluster.DeepCloneObject();
        if (ClusterTaints.ApplyConditionTaints(next, _time.GetUtcNow()))
        {
            await client.UpdateAsync(ClusterApi.Clusters, next, null, ct).ConfigureAwait(false);
            LogTaintsUpdated(_logger, key.Name, ClusterTaints.ReadyStatus(next) ?? "<none>");
        }
        return ReconcileResult.Done;
    }

    private async Task EnsureExecutionSpaceAsync(string clusterName, CancellationToken ct)
    {
        var ns = Names.ExecutionSpace(clusterName);
        if (await client.GetAsync(ClusterApi.Namespaces, null, ns, ct).ConfigureAwait(false) is not null) return;
        try
        {
            await client.CreateAsync(ClusterApi.Namespaces, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = ns },
            }, null, ct).ConfigureAwait(false);
            LogExecutionSpaceCreated(_logger, ns, clusterName);
        }
        catch (ApiStatusException e) when (e.IsAlreadyExists)
        {
        }
    }

    private async Task<ReconcileResult> RemoveClusterAsync(JsonObject cluster, CancellationToken ct)
    {
        if (!cluster.HasFinalizer(WellKnownFinalizers.Cluster)) return ReconcileResult.Done;
        var name = cluster.Name()!;
        var ns = Names.ExecutionSpace(name);
        var remaining = false;
        if (await client.GetAsync(ClusterApi.Namespaces, null, ns, ct).ConfigureAwait(false) is not null)
        {
            var works = await client.ListAsync(ClusterApi.Works, ns, null, ct).ConfigureAwait(false);
            foreach (var work in works.Items)
            {
                remaining = true;
                if (!work.IsDeleting()) await client.DeleteAsync(ClusterApi.Works, ns, work.Name()!, null, ct).ConfigureAwait(false);
            }
            remaining = true;
            await client.DeleteAsync(ClusterApi.Namespaces, null, ns, null, ct).ConfigureAwait(false);
        }
        try
        {
            await client.DeleteAsync(ClusterApi.Leases, WellKnownNamespaces.KarmadaCluster, name, null, ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
        }
        if (remaining)
        {
            // Works may carry the execution controller's finalizer and the namespace its own: wait until both are gone.
            return ReconcileResult.After(CleanupPoll);
        }
        await ObjectWriter.RemoveFinalizerAsync(client, ClusterApi.Clusters, cluster, WellKnownFinalizers.Cluster, ct).ConfigureAwait(false);
        LogClusterRemoved(_logger, name);
        return ReconcileResult.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created execution namespace {Namespace} for cluster {Cluster}")]
    private static partial void LogExecutionSpaceCreated(ILogger logger, string @namespace, string cluster);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated taints of cluster {Cluster} (Ready={Ready})")]
    private static partial void LogTaintsUpdated(ILogger logger, string cluster, string ready);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster} cleaned up; finalizer removed")]
    private static partial void LogClusterRemoved(ILogger logger, string cluster);
}
