namespace Flotilla.TestKit.Fakes;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock only moves when a test calls <see cref="Advance"/> (or
/// <see cref="SetUtcNow"/>); timers, <c>Task.Delay(t, provider)</c> and <c>CancellationTokenSource(t, provider)</c>
/// fire during the advance, in due-time order, on the advancing thread.
/// (Microsoft.Extensions.TimeProvider.Testing is not in the package mirror.)
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _sequence;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

    public ManualTimeProvider(DateTimeOffset start) => _now = start;

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() { lock (_gate) return _now.UtcTicks; }

    /// <summary>Timers currently scheduled (armed with a finite due time).</summary>
    public int ActiveTimerCount { get { lock (_gate) return _timers.Count(t => t.Due is not null); } }

    /// <summary>The earliest scheduled due time, if any.</summary>
    public DateTimeOffset? NextDue { get { lock (_gate) return _timers.Where(t => t.Due is not null).Min(t => t.Due); } }

    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate) target = _now + delta;
        SetUtcNow(target);
    }

    /// <summary>Moves the clock forward to <paramref name="value"/>, firing every timer due on the way.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
            if (value < _now) throw new ArgumentOutOfRangeException(nameof(value), "time cannot go backwards");
        MoveTo(value);
    }

    private void MoveTo(DateTimeOffset? target)
    {
        while (true)
        {
            ManualTimer? next = null;
            lock (_gate)
            {
                var value = target is { } t0 && t0 > _now ? t0 : _now;
                foreach (var t in _timers)
                {
                    if (t.Due is not { } due || due > value) continue;
                    if (next is null || due < next.Due || (due == next.Due && t.Sequence < next.Sequence)) next = t;
                }
                if (next is null) { _now = value; return; }
                _now = next.Due!.Value;
                next.Due = next.Period is { } p && p > TimeSpan.Zero ? _now + p : null;
                next.Sequence = ++_sequence;
            }
            next.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }
        public TimeSpan? Period { get; private set; }
        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            DateTimeOffset now;
            lock (owner._gate)
            {
                if (!owner._timers.Contains(this)) return false;
                now = owner._now;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                Period = period == Timeout.InfiniteTimeSpan ? null : period;
                Sequence = ++owner._sequence;
            }
            // like a real timer, a zero due time fires at once
            if (Due <= now) owner.MoveTo(null);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate) owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
