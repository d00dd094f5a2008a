using System.Diagnostics;
using Flotilla.Core;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Runtime.Controllers;

/// <summary>
/// Runs one controller: subscribes its watches to shared informers (events become keys in a <see cref="WorkQueue{TKey}"/>),
/// waits for the caches to sync, then runs <see cref="ControllerOptions.Workers"/> workers. Each reconcile gets a
/// timeout and a log scope {Controller, Key, ReconcileId}; an exception requeues the key with rate-limited backoff,
/// <see cref="TerminalReconcileException"/> is logged and not retried, <see cref="ReconcileResult.RequeueAfter"/> is
/// honoured. Stopping shuts the queue down and awaits the workers.
/// </summary>
public sealed class ControllerHost<TKey> : BackgroundService where TKey : notnull, IEquatable<TKey>
{
    private static readonly ActivitySource Activities = new(RuntimeMeter.Name);

    private readonly IReconciler<TKey> _reconciler;
    private readonly SharedInformerFactory _informers;
    private readonly ControllerWatches<TKey> _watches;
    private readonly ControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _controllerTag;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> _subscriptions = [];

    public ControllerHost(string name, IReconciler<TKey> reconciler, SharedInformerFactory informers, ControllerWatches<TKey> watches,
        ControllerOptions? options = null, ILogger? logger = null, TimeProvider? time = null)
    {
        Name = name;
        _reconciler = reconciler;
        _informers = informers;
        _watches = watches;
        _options = options ?? new ControllerOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _controllerTag = new("controller", name);
        Queue = new WorkQueue<TKey>(new WorkQueueOptions { Name = name, TimeProvider = _time, RateLimiter = _options.RateLimiter });
    }

    /// <summary>The controller's stable short name ("execution").</summary>
    public string Name { get; }

    public WorkQueue<TKey> Queue { get; }

    /// <summary>Completes when the caches have synced and the workers run.</summary>
    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var informers = new List<Informer>();
        foreach (var reg in _watches.Registrations)
        {
            var informer = _informers.Get(reg.Resource, reg.Namespace, reg.InformerOptions);
            informers.Add(informer);
            _subscriptions.Add(informer.AddHandler(new Enqueuer(this, reg)));
        }
        _informers.Start();
        try
        {
            var sync = Task.WhenAll(informers.Select(i => i.WaitForSyncAsync(stoppingToken)));
            if (_options.CacheSyncTimeout > TimeSpan.Zero)
            {
                try
                {
                    await sync.WaitAsync(_options.CacheSyncTimeout, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // keep waiting (a CRD may be established later) but say so once, loudly
                    var waiting = string.Join(", ", informers.Where(i => !i.HasSynced));
                    _logger.LogError("Controller {Controller} is still waiting for caches to sync after {Timeout}: {Informers}", Name, _options.CacheSyncTimeout, waiting);
                }
            }
            await sync.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Cleanup();
            return;
        }

        _logger.LogInformation("Starting controller {Controller} with {Workers} workers", Name, _options.Workers);
        var workers = Enumerable.Range(0, Math.Max(1, _options.Workers)).Select(_ => Task.Run(() => WorkerAsync(stoppingToken), CancellationToken.None)).ToArray();
        _started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        Queue.ShutDown();
        await Task.WhenAll(workers).ConfigureAwait(false);
        Cleanup();
        _logger.LogInformation("Stopped controller {Controller}", Name);
    }

    public override void Dispose()
    {
        Queue.Dispose();
        base.Dispose();
    }

    private void Cleanup()
    {
        foreach (var s in _subscriptions) s.Dispose();
        _subscriptions.Clear();
        Queue.ShutDown();
    }

    private async Task WorkerAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            (TKey key, bool down) item;
            try { item = await Queue.GetAsync(stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            if (item.down) return;
            try
            {
                await ReconcileOneAsync(item.key, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(item.key);
            }
        }
    }

    /// <summary>One reconcile with its timeout, scope, metrics and requeue decision. Never throws (except on shutdown).</summary>
    private async Task ReconcileOneAsync(TKey key, CancellationToken stoppingToken)
    {
        var reconcileId = Guid.NewGuid().ToString("N")[..12];
        using var scope = _logger.BeginScope(new Dictionary<string, object?>
        {
            ["Controller"] = Name,
            ["Key"] = key.ToString(),
            ["ReconcileId"] = reconcileId,
        });
        using var activity = Activities.StartActivity("Reconcile " + Name);
        activity?.SetTag("flotilla.controller", Name);
        activity?.SetTag("flotilla.key", key.ToString());
        using var timeout = new CancellationTokenSource(_options.ReconcileTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        var start = _time.GetTimestamp();
        string outcome;
        ControllerMetrics.ActiveWorkers.Add(1, _controllerTag);
        try
        {
            var result = await _reconciler.ReconcileAsync(key, linked.Token).ConfigureAwait(false);
            Queue.Forget(key);
            if (result.RequeueAfter is { } after)
            {
                Queue.AddAfter(key, after);
                outcome = ReconcileOutcome.RequeueAfter;
            }
            else outcome = ReconcileOutcome.Success;
            _logger.LogDebug("Reconciled {Key}", key);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return; // shutting down: the next leader / start reconciles it again
        }
        catch (TerminalReconcileException e)
        {
            Queue.Forget(key);
            outcome = ReconcileOutcome.Terminal;
            _logger.LogError(e, "Reconcile of {Key} failed permanently; not retrying", key);
        }
        catch (Exception e)
        {
            Queue.AddRateLimited(key);
            outcome = ReconcileOutcome.Error;
            if (e is ApiStatusException { IsConflict: true })
                _logger.LogDebug("Reconcile of {Key} hit a conflict; requeued ({Message})", key, e.Message);
            else if (e is ApiStatusException { IsNotFound: true })
                // An object the reconcile read was deleted before its write: the retry sees the deletion.
                _logger.LogDebug("Reconcile of {Key} raced a deletion; requeued ({Message})", key, e.Message);
            else if (e is OperationCanceledException && timeout.IsCancellationRequested)
                _logger.LogWarning("Reconcile of {Key} timed out after {Timeout}; requeued", key, _options.ReconcileTimeout);
            else
                _logger.LogError(e, "Reconcile of {Key} failed; requeued", key);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
        }
        finally
        {
            ControllerMetrics.ActiveWorkers.Add(-1, _controllerTag);
        }
        ControllerMetrics.Reconciles.Add(1, _controllerTag, new("result", outcome));
        ControllerMetrics.Duration.Record(_time.GetElapsedTime(start).TotalSeconds, _controllerTag);
    }

    /// <summary>Turns one watch registration's informer events into queue keys.</summary>
    private sealed class Enqueuer(ControllerHost<TKey> host, WatchRegistration<TKey> reg) : IInformerHandler
    {
        public void OnAdd(System.Text.Json.Nodes.JsonObject obj)
        {
            foreach (var p in reg.Predicates) if (!p.Create(obj)) return;
            Enqueue(obj, QueuePriority.Normal);
        }

        public void OnUpdate(System.Text.Json.Nodes.JsonObject oldObj, System.Text.Json.Nodes.JsonObject newObj)
        {
            foreach (var p in reg.Predicates) if (!p.Update(oldObj, newObj)) return;
            var resync = oldObj.ResourceVersion() == newObj.ResourceVersion();
            Enqueue(newObj, resync ? QueuePriority.Low : QueuePriority.Normal);
            if (!reg.IsPrimary && !resync) Enqueue(oldObj, QueuePriority.Normal); // keys the old state pointed at
        }

        public void OnDelete(System.Text.Json.Nodes.JsonObject lastKnown)
        {
            foreach (var p in reg.Predicates) if (!p.Delete(lastKnown)) return;
            Enqueue(lastKnown, QueuePriority.Normal);
        }

        private void Enqueue(System.Text.Json.Nodes.JsonObject obj, QueuePriority priority)
        {
            IEnumerable<TKey> keys;
            try { keys = reg.Map(obj); }
            catch (Exception e)
            {
                host._logger.LogError(e, "Controller {Controller}: mapping a {Resource} event to keys failed", host.Name, reg.Resource);
                return;
            }
            if (reg.Coalesce is { } window && priority != QueuePriority.Low)
                foreach (var k in keys) host.Queue.AddAfter(k, window);
            else
                foreach (var k in keys) host.Queue.Add(k, priority);
        }
    }
}
