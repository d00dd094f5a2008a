namespace Flotilla.Runtime.Queue;

/// <summary>
/// A controller work queue with client-go semantics: keys are de-duplicated; a key handed to a worker is never handed
/// to another until <see cref="Done"/> (adding it meanwhile marks it dirty and it is queued again on Done); delayed
/// adds (<see cref="AddAfter"/>) run on the injected <see cref="TimeProvider"/>; <see cref="AddRateLimited"/> delays
/// by the rate limiter and <see cref="Forget"/> resets it; <see cref="ShutDown"/> stops handing out keys and wakes
/// every waiting worker. Keys in the <see cref="QueuePriority.Normal"/> lane go before the <see cref="QueuePriority.Low"/> lane.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TKey>[] _lanes = [new(), new()];
    private readonly Dictionary<TKey, LinkedListNode<TKey>> _queued = [];
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, QueuePriority> _dirtyPriority = [];
    private readonly LinkedList<TaskCompletionSource<TKey>> _waiters = new();
    private readonly PriorityQueue<TKey, DateTimeOffset> _delayed = new();
    private readonly Dictionary<TKey, DateTimeOffset> _delayedAt = [];
    private readonly TimeProvider _time;
    private readonly IRateLimiter<TKey> _limiter;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly ITimer _timer;
    private DateTimeOffset? _timerDue;
    private bool _shutDown;

    public WorkQueue(WorkQueueOptions? options = null, IRateLimiter<TKey>? rateLimiter = null)
    {
        options ??= new WorkQueueOptions();
        _time = options.TimeProvider ?? TimeProvider.System;
        _limiter = rateLimiter ?? options.RateLimiter.Create<TKey>(_time);
        Name = options.Name;
        _tag = new("name", Name);
        _timer = _time.CreateTimer(static s => ((WorkQueue<TKey>)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Name { get; }

    /// <summary>Keys waiting to be handed out (not counting delayed ones or ones being processed).</summary>
    public int Count { get { lock (_gate) return _queued.Count; } }

    /// <summary>Keys waiting for their AddAfter delay.</summary>
    public int DelayedCount { get { lock (_gate) return _delayedAt.Count; } }

    /// <summary>Keys currently handed out and not yet Done.</summary>
    public int ProcessingCount { get { lock (_gate) return _processing.Count; } }

    public bool IsShutDown { get { lock (_gate) return _shutDown; } }

    /// <summary>Queues a key unless it is already queued (a key being processed is queued again after Done).</summary>
    public void Add(TKey key, QueuePriority priority = QueuePriority.Normal)
    {
        lock (_gate)
        {
            if (_shutDown) return;
            if (_dirty.Contains(key))
            {
                // already queued: promote to the normal lane if asked
                if (priority == QueuePriority.Normal && _queued.TryGetValue(key, out var node) && node.List == _lanes[(int)QueuePriority.Low])
                {
                    _lanes[(int)QueuePriority.Low].Remove(node);
                    _queued[key] = _lanes[(int)QueuePriority.Normal].AddLast(key);
                }
                else if (priority == QueuePriority.Normal && _dirtyPriority.ContainsKey(key)) _dirtyPriority[key] = QueuePriority.Normal;
                return;
            }
            _dirty.Add(key);
            WorkQueueMetrics.Adds.Add(1, _tag);
            if (_processing.Contains(key))
            {
                _dirtyPriority[key] = priority;
                return;
            }
            EnqueueLocked(key, priority);
        }
    }

    /// <summary>Adds the key after <paramref name="delay"/> (at once when not positive); a key already waiting keeps the earlier time.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        lock (_gate)
        {
            if (_shutDown) return;
            var due = _time.GetUtcNow() + delay;
            if (_delayedAt.TryGetValue(key, out var existing) && existing <= due) return;
            _delayedAt[key] = due;
            _delayed.Enqueue(key, due);
            if (_timerDue is null || due < _timerDue)
            {
                _timerDue = due;
                _timer.Change(delay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Adds the key after the rate limiter's delay (per-key backoff combined with the global bucket).</summary>
    public void AddRateLimited(TKey key)
    {
        WorkQueueMetrics.Retries.Add(1, _tag);
        AddAfter(key, _limiter.When(key));
    }

    /// <summary>Resets the key's backoff (call after a successful reconcile).</summary>
    public void Forget(TKey key) => _limiter.Forget(key);

    public int NumRequeues(TKey key) => _limiter.NumRequeues(key);

    /// <summary>Waits for a key. Returns <c>(default, true)</c> once the queue is shut down.</summary>
    public async ValueTask<(TKey Key, bool ShutDown)> GetAsync(CancellationToken ct)
    {
        TaskCompletionSource<TKey> tcs;
        LinkedListNode<TaskCompletionSource<TKey>> waiter;
        lock (_gate)
        {
            if (_shutDown) return (default!, true);
            if (TryDequeueLocked(out var key)) return (key, false);
            tcs = new TaskCompletionSource<TKey>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiter = _waiters.AddLast(tcs);
        }
        using (ct.Register(() =>
        {
            lock (_gate)
            {
                if (waiter.List is not null) _waiters.Remove(waiter);
                tcs.TrySetCanceled(ct);
            }
        }))
        {
            try
            {
                return (await tcs.Task.ConfigureAwait(false), false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return (default!, true); // woken by ShutDown
            }
        }
    }

    /// <summary>Marks the key's processing finished; if it was added meanwhile it is queued again.</summary>
    public void Done(TKey key)
    {
        lock (_gate)
        {
            if (!_processing.Remove(key)) return;
            var p = _dirtyPriority.Remove(key, out var pr) ? pr : QueuePriority.Normal;
            if (_dirty.Contains(key) && !_shutDown) EnqueueLocked(key, p);
        }
    }

    /// <summary>Stops handing out keys, drops delayed adds, and wakes every waiting worker.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            if (_shutDown) return;
            _shutDown = true;
            foreach (var w in _waiters) w.TrySetCanceled();
            _waiters.Clear();
            _delayed.Clear();
            _delayedAt.Clear();
            _timerDue = null;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
    }

    /// <summary>Puts a (dirty, not processing) key in its lane or hands it straight to a waiting worker.
    /// Waiters are completed under the lock (their continuations run asynchronously), so a cancellation cannot
    /// race a hand-over and strand the key.</summary>
    private void EnqueueLocked(TKey key, QueuePriority priority)
    {
        while (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            if (!first.Value.TrySetResult(key)) continue;
            _dirty.Remove(key);
            _processing.Add(key);
            return;
        }
        _queued[key] = _lanes[(int)priority].AddLast(key);
        WorkQueueMetrics.Depth.Add(1, _tag);
    }

    private bool TryDequeueLocked(out TKey key)
    {
        foreach (var lane in _lanes)
        {
            if (lane.First is not { } node) continue;
            lane.RemoveFirst();
            key = node.Value;
            _queued.Remove(key);
            _dirty.Remove(key);
            _processing.Add(key);
            WorkQueueMetrics.Depth.Add(-1, _tag);
            return true;
        }
        key = default!;
        return false;
    }

    private void OnTimer()
    {
        var ready = new List<TKey>();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            while (_delayed.TryPeek(out var key, out var due) && due <= now)
            {
                _delayed.Dequeue();
                if (_delayedAt.TryGetValue(key, out var current) && current == due)
                {
                    _delayedAt.Remove(key);
                    ready.Add(key);
                }
            }
            // skip stale entries superseded by an earlier time
            while (_delayed.TryPeek(out var key, out var due) && (!_delayedAt.TryGetValue(key, out var cur) || cur != due)) _delayed.Dequeue();
            if (_delayed.TryPeek(out _, out var nextDue))
            {
                _timerDue = nextDue;
                _timer.Change(nextDue - now, Timeout.InfiniteTimeSpan);
            }
            else _timerDue = null;
        }
        foreach (var k in ready) Add(k);
    }
}
