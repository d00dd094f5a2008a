using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Client;
using Flotilla.Controllers.Members;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RuntimeCondition = Flotilla.Runtime.Objects.Condition;
using ConditionStatus = Flotilla.Core.Karmada.ConditionStatus;

namespace Flotilla.Controllers.Clusters;

/// <summary>
/// Karmada's cluster-status controller for Push clusters: every <see cref="ClusterControllerOptions.StatusUpdateFrequency"/>
/// probes the member's /readyz (/healthz on 404) and sets Ready (debounced by <see cref="ReadyConditionDebouncer"/>);
/// while the member is healthy also collects kubernetesVersion, apiEnablements (+ CompleteAPIEnablements),
/// nodeSummary and resourceSummary (with allocatableModelings), and renews the cluster Lease karmada-cluster/&lt;name&gt;.
/// Status is written only when it changed.
/// </summary>
public sealed partial class ClusterStatusController : IReconciler<ObjectKey>
{
    public const string MessageClusterReady = "cluster is healthy and ready to accept workloads";
    public const string MessageClusterNotReady = "cluster is reachable but health endpoint responded without ok";
    public const string MessageClusterNotReachable = "cluster is not reachable";

    private readonly IKubeClient _client;
    private readonly SharedInformerFactory _informers;
    private readonly IMemberClientProvider _members;
    private readonly IClusterProbe _probe;
    private readonly ClusterControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReadyConditionDebouncer _debouncer;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _leaseRenewed = new(StringComparer.Ordinal);

    private readonly Flotilla.Runtime.Events.IEventRecorder? _events;

    public ClusterStatusController(IKubeClient controlPlane, SharedInformerFactory informers, IMemberClientProvider members,
        ClusterControllerOptions? options = null, IClusterProbe? probe = null, TimeProvider? time = null, ILogger<ClusterStatusController>? logger = null,
        Flotilla.Runtime.Events.IEventRecorder? events = null)
    {
        _events = events;
        _client = controlPlane;
        _informers = informers;
        _members = members;
        _options = options ?? new ClusterControllerOptions();
        _probe = probe ?? RestClusterProbe.Instance;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ClusterStatusController>.Instance;
        _debouncer = new ReadyConditionDebouncer(_time, _options.SuccessThreshold, _options.FailureThreshold);
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var cluster = _informers.Get(ClusterApi.Clusters).Cache.Get(null, key.Name);
        if (cluster is null || cluster.IsDeleting())
        {
            _debouncer.Forget(key.Name);
            _leaseRenewed.TryRemove(key.Name, out _);
            return ReconcileResult.Done;
        }
        if ((cluster["spec"] as JsonObject).GetString("syncMode") == ClusterSyncModes.Pull) return ReconcileResult.Done;

        IKubeClient? member = null;
        HealthProbeResult? health = null;
        string observedStatus, reason, message;
        try
        {
            member = await _members.GetAsync(key.Name, ct).ConfigureAwait(false);
            using var probeTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            probeTimeout.CancelAfter(_options.ProbeTimeout);
            health = await _probe.ProbeHealthAsync(member, probeTimeout.Token).ConfigureAwait(false);
        }
        catch (MemberClusterUnavailableException e)
        {
            LogNoClient(_logger, e, key.Name);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            health = new HealthProbeResult { StatusCode = null, Path = "/readyz" }; // no answer within the probe timeout
        }
        if (health is null)
        {
            (observedStatus, reason, message) = (ConditionStatus.False, ClusterConditions.ReasonClusterNotReachable, MessageClusterNotReachable);
        }
        else if (!health.Reachable)
        {
            (observedStatus, reason, message) = (ConditionStatus.False, ClusterConditions.ReasonClusterNotReachable, MessageClusterNotReachable);
        }
        else if (!health.Healthy)
        {
            (observedStatus, reason, message) = (ConditionStatus.False, ClusterConditions.ReasonClusterNotReady, MessageClusterNotReady);
        }
        else
        {
            (observedStatus, reason, message) = (ConditionStatus.True, ClusterConditions.ReasonClusterReady, MessageClusterReady);
        }

        var current = Conditions.Get(cluster, ClusterConditions.Ready);
        var adjusted = _debouncer.Adjust(key.Name, current.GetString("status"), observedStatus);
        var now = _time.GetUtcNow();
        var status = cluster["status"] is JsonObject s ? (JsonObject)s.DeepClone() : new JsonObject();
        if (adjusted == observedStatus)
            Conditions.Set(EnsureConditions(status),
                new RuntimeCondition(ClusterConditions.Ready, observedStatus, reason, message), now);

        if (health is { Healthy: true } && member is not null)
        {
            try
            {
                await CollectAsync(cluster, member, status, now, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ApiStatusException or HttpRequestException or NotSupportedException or TimeoutException)
            {
                LogCollectFailed(_logger, e, key.Name);
            }
        }

        var outcome = await ObjectWriter.UpdateStatusIfChangedAsync(_client, ClusterApi.Clusters, cluster, status, ct).ConfigureAwait(false);
        if (outcome.Result == OperationResult.Updated && current.GetString("status") != Conditions.Find(EnsureConditions(status), ClusterConditions.Ready).GetString("status"))
        {
            LogReadyChanged(_logger, key.Name, adjusted, reason);
            // kubectl describe cluster shows the transitions
            if (_events is not null)
                await _events.RecordAsync(outcome.Object, adjusted == ConditionStatus.True ? Flotilla.Runtime.Events.EventTypes.Normal : Flotilla.Runtime.Events.EventTypes.Warning,
                    reason, message, ct).ConfigureAwait(false);
        }

        if (observedStatus == ConditionStatus.True) await RenewLeaseAsync(cluster, now, ct).ConfigureAwait(false);
        return ReconcileResult.After(_options.StatusUpdateFrequency);
    }

    private static JsonArray EnsureConditions(JsonObject status)
    {
        if (status["conditions"] is not JsonArray list) status["conditions"] = list = [];
        return list;
    }

    private async Task CollectAsync(JsonObject cluster, IKubeClient member, JsonObject status, DateTimeOffset now, CancellationToken ct)
    {
        status["kubernetesVersion"] = await _probe.GetVersionAsync(member, ct).ConfigureAwait(false);

        if (member is KubeRestClient rest) rest.InvalidateDiscovery();
        var resources = await member.DiscoverAsync(ct).ConfigureAwait(false);
        var enablements = ClusterStatusBuilder.ApiEnablements(resources);
        status["apiEnablements"] = enablements;
        var (reason, message) = enablements.Count == 0
            ? ("Empty", "collected empty APIEnablements from the cluster")
            : ("Complete", "collected complete APIEnablements from the cluster");
        Conditions.Set(EnsureConditions(status), new RuntimeCondition(ClusterConditions.CompleteApiEnablements,
            enablements.Count == 0 ? ConditionStatus.False : ConditionStatus.True, reason, message), now);

        var nodes = (await member.ListAllAsync(ClusterApi.Nodes, null, null, ct).ConfigureAwait(false)).Items;
        var pods = (await member.ListAllAsync(ClusterApi.Pods, null, null, ct).ConfigureAwait(false)).Items;
        status["nodeSummary"] = ClusterStatusBuilder.NodeSummary(nodes);
        var models = _options.EnableResourceModeling
            ? ResourceModels.Parse((cluster["spec"] as JsonObject)?["resourceModels"] as JsonArray) ?? ResourceModels.Defaults
            : null;
        status["resourceSummary"] = ClusterStatusBuilder.ResourceSummary(nodes, pods, models);
    }

    private async Task RenewLeaseAsync(JsonObject cluster, DateTimeOffset now, CancellationToken ct)
    {
        var name = cluster.Name()!;
        var interval = TimeSpan.FromTicks((long)(_options.LeaseDuration.Ticks * _options.LeaseRenewIntervalFraction));
        if (_leaseRenewed.TryGetValue(name, out var last) && now - last < interval) return;
        var renewTime = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        try
        {
            var lease = await _client.GetAsync(ClusterApi.Leases, WellKnownNamespaces.KarmadaCluster, name, ct).ConfigureAwait(false);
            if (lease is null)
            {
                await _client.CreateAsync(ClusterApi.Leases, new JsonObject
                {
                    ["apiVersion"] = "coordination.k8s.io/v1",
                    ["kind"] = "Lease",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = name,
                        ["namespace"] = WellKnownNamespaces.KarmadaCluster,
                        ["ownerReferences"] = new JsonArray(new JsonObject
                        {
                            ["apiVersion"] = cluster.ApiVersion(),
                            ["kind"] = "Cluster",
                            ["name"] = name,
                            ["uid"] = cluster.Uid(),
                        }),
                    },
                    ["spec"] = new JsonObject
                    {
                        ["holderIdentity"] = name,
                        ["leaseDurationSeconds"] = (int)_options.LeaseDuration.TotalSeconds,
                        ["renewTime"] = renewTime,
                    },
                }, null, ct).ConfigureAwait(false);
            }
            else
            {
                lease.Ensure("spec")["renewTime"] = renewTime;
                await _client.UpdateAsync(ClusterApi.Leases, lease, null, ct).ConfigureAwait(false);
            }
            _leaseRenewed[name] = now;
        }
        catch (ApiStatusException e)
        {
            // No karmada-cluster namespace (declarative registration elsewhere) or a concurrent write: try next time.
            LogLeaseFailed(_logger, e, name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No client for cluster {Cluster}")]
    private static partial void LogNoClient(ILogger logger, Exception e, string cluster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collecting the status of cluster {Cluster} failed")]
    private static partial void LogCollectFailed(ILogger logger, Exception e, string cluster);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster} Ready={Ready} ({Reason})")]
    private static partial void LogReadyChanged(ILogger logger, string cluster, string ready, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Renewing the lease of cluster {Cluster} failed")]
    private static partial void LogLeaseFailed(ILogger logger, Exception e, string cluster);
}
