using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Runtime.LeaderElection;

/// <summary>
/// Leader election over a coordination.k8s.io/v1 Lease, following client-go: try to acquire every retryPeriod; a
/// lease held by another is considered expired only when its record has not changed for leaseDuration as observed
/// on <b>this</b> candidate's clock (no cross-machine clock comparison); the leader renews every retryPeriod and gives
/// up when it could not renew for renewDeadline; on shutdown it releases the lease.
/// </summary>
public sealed class LeaderElector
{
    public static readonly GroupVersionResource LeaseResource = new("coordination.k8s.io", "v1", "leases");

    private readonly IKubeClient _client;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private string? _observedRecord;
    private DateTimeOffset _observedTime;
    private volatile bool _isLeader;
    private volatile string? _leader;

    public LeaderElector(IKubeClient client, LeaderElectionOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        options.Validate();
        _client = client;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Identity => _options.Identity;

    public bool IsLeader => _isLeader;

    /// <summary>The holder last observed in the lease (may be another candidate).</summary>
    public string? CurrentLeader => _leader;

    /// <summary>
    /// Campaigns until <paramref name="ct"/> is cancelled. Each time leadership is won, <paramref name="onStartedLeading"/>
    /// runs with a token that is cancelled when leadership is lost (or on shutdown); the elector awaits it before
    /// campaigning again.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> onStartedLeading, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (!await AcquireAsync(ct).ConfigureAwait(false)) return;
            _logger.LogInformation("Became leader of lease {Namespace}/{Lease} as {Identity}", _options.LeaseNamespace, _options.LeaseName, Identity);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var work = RunLeadingAsync(onStartedLeading, leading.Token);
            await RenewUntilLostAsync(leading, ct).ConfigureAwait(false);
            _isLeader = false;
            await leading.CancelAsync().ConfigureAwait(false);
            await work.ConfigureAwait(false);
            if (ct.IsCancellationRequested)
            {
                if (_options.ReleaseOnCancel) await ReleaseAsync().ConfigureAwait(false);
                return;
            }
            _logger.LogWarning("Lost leadership of lease {Namespace}/{Lease}", _options.LeaseNamespace, _options.LeaseName);
        }
    }

    private async Task RunLeadingAsync(Func<CancellationToken, Task> onStartedLeading, CancellationToken ct)
    {
        try
        {
            await onStartedLeading(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Leader work failed");
        }
    }

    /// <summary>Retries until acquired (true) or cancelled (false).</summary>
    private async Task<bool> AcquireAsync(CancellationToken ct)
    {
        while (true)
        {
            if (await TryAcquireOrRenewAsync(ct).ConfigureAwait(false)) return true;
            try { await Task.Delay(_options.RetryPeriod, _time, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return false; }
        }
    }

    /// <summary>Renews every retryPeriod; returns when renewing failed for renewDeadline, or on cancellation.</summary>
    private async Task RenewUntilLostAsync(CancellationTokenSource leading, CancellationToken ct)
    {
        var lastRenew = _time.GetUtcNow();
        while (true)
        {
            try { await Task.Delay(_options.RetryPeriod, _time, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            if (await TryAcquireOrRenewAsync(ct).ConfigureAwait(false)) lastRenew = _time.GetUtcNow();
            else if (!_isLeader || _time.GetUtcNow() - lastRenew >= _options.RenewDeadline) return;
            if (leading.IsCancellationRequested) return;
        }
    }

    /// <summary>One attempt (client-go's tryAcquireOrRenew). Never throws except on cancellation.</summary>
    public async Task<bool> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        try
        {
            var lease = await _client.GetAsync(LeaseResource, _options.LeaseNamespace, _options.LeaseName, ct).ConfigureAwait(false);
            if (lease is null)
            {
                var created = new JsonObject
                {
                    ["apiVersion"] = "coordination.k8s.io/v1",
                    ["kind"] = "Lease",
                    ["metadata"] = new JsonObject { ["name"] = _options.LeaseName, ["namespace"] = _options.LeaseNamespace },
                    ["spec"] = Spec(now, now, 0),
                };
                await _client.CreateAsync(LeaseResource, created, null, ct).ConfigureAwait(false);
                return Won(created, now);
            }

            var spec = lease["spec"] as JsonObject ?? [];
            var holder = spec.GetString("holderIdentity") ?? "";
            var record = spec.ToJsonString();
            if (record != _observedRecord)
            {
                _observedRecord = record;
                _observedTime = now;
            }
            _leader = holder.Length == 0 ? null : holder;
            var duration = spec["leaseDurationSeconds"] is JsonValue d && d.TryGetValue<int>(out var secs) ? TimeSpan.FromSeconds(secs) : _options.LeaseDuration;
            if (holder.Length > 0 && holder != Identity && _observedTime + duration > now)
            {
                _isLeader = false;
                return false;
            }

            var transitions = spec["leaseTransitions"] is JsonValue t && t.TryGetValue<int>(out var tr) ? tr : 0;
            var acquire = holder == Identity ? ParseTime(spec.GetString("acquireTime")) ?? now : now;
            if (holder != Identity) transitions++;
            var updated = lease.DeepCloneObject();
            updated["spec"] = Spec(acquire, now, transitions);
            await _client.UpdateAsync(LeaseResource, updated, null, ct).ConfigureAwait(false);
            return Won(updated, now);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // conflicts (another candidate wrote first) and API errors: not leader this round
            _logger.LogDebug("Lease {Namespace}/{Lease} acquire/renew failed: {Message}", _options.LeaseNamespace, _options.LeaseName, e.Message);
            return false;
        }
    }

    private bool Won(JsonObject lease, DateTimeOffset now)
    {
        _observedRecord = (lease["spec"] as JsonObject)?.ToJsonString();
        _observedTime = now;
        _leader = Identity;
        _isLeader = true;
        return true;
    }

    private async Task ReleaseAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(_options.RenewDeadline);
            var lease = await _client.GetAsync(LeaseResource, _options.LeaseNamespace, _options.LeaseName, cts.Token).ConfigureAwait(false);
            if (lease?["spec"] is not JsonObject spec || spec.GetString("holderIdentity") != Identity) return;
            var now = _time.GetUtcNow();
            var released = lease.DeepCloneObject();
            released["spec"] = new JsonObject
            {
                ["leaseDurationSeconds"] = 1,
                ["acquireTime"] = FormatTime(now),
                ["renewTime"] = FormatTime(now),
                ["leaseTransitions"] = spec["leaseTransitions"]?.DeepClone(),
            };
            await _client.UpdateAsync(LeaseResource, released, null, cts.Token).ConfigureAwait(false);
            _leader = null;
            _logger.LogInformation("Released lease {Namespace}/{Lease}", _options.LeaseNamespace, _options.LeaseName);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Releasing lease {Namespace}/{Lease} failed", _options.LeaseNamespace, _options.LeaseName);
        }
    }

    private JsonObject Spec(DateTimeOffset acquire, DateTimeOffset renew, int transitions) => new()
    {
        ["holderIdentity"] = Identity,
        ["leaseDurationSeconds"] = (int)_options.LeaseDuration.TotalSeconds,
        ["acquireTime"] = FormatTime(acquire),
        ["renewTime"] = FormatTime(renew),
        ["leaseTransitions"] = transitions,
    };

    /// <summary>metav1.MicroTime: RFC 3339 with microseconds.</summary>
    private static string FormatTime(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
