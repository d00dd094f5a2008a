using System.Collections.Concurrent;
using Flotilla.Runtime.Queue;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Queue;

public sealed class WorkQueueTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static WorkQueue<string> NewQueue(TimeProvider? time = null, IRateLimiter<string>? limiter = null) =>
        new(new WorkQueueOptions { Name = "test", TimeProvider = time }, limiter);

    [Fact]
    public async Task Add_SameKeyTwice_IsDeduplicated()
    {
        using var q = NewQueue();
        q.Add("a");
        q.Add("b");
        q.Add("a");
        Assert.Equal(2, q.Count);
        Assert.Equal("a", (await q.GetAsync(Ct)).Key);
        Assert.Equal("b", (await q.GetAsync(Ct)).Key);
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public async Task Add_WhileProcessing_IsRequeuedOnlyAfterDone()
    {
        using var q = NewQueue();
        q.Add("a");
        var (key, _) = await q.GetAsync(Ct);
        q.Add("a");
        Assert.Equal(0, q.Count); // not handed out twice
        var second = q.GetAsync(Ct).AsTask();
        Assert.False(second.IsCompleted);
        q.Done(key);
        Assert.Equal("a", (await second.WaitAsync(TimeSpan.FromSeconds(5), Ct)).Key);
    }

    [Fact]
    public async Task Done_WithoutReAdd_DoesNotRequeue()
    {
        using var q = NewQueue();
        q.Add("a");
        var (key, _) = await q.GetAsync(Ct);
        q.Done(key);
        Assert.Equal(0, q.Count);
        Assert.Equal(0, q.ProcessingCount);
    }

    [Fact]
    public async Task Priority_NormalLaneBeforeLowLane_AndPromotion()
    {
        using var q = NewQueue();
        q.Add("resync1", QueuePriority.Low);
        q.Add("resync2", QueuePriority.Low);
        q.Add("event");
        q.Add("resync2"); // promoted
        Assert.Equal("event", (await q.GetAsync(Ct)).Key);
        Assert.Equal("resync2", (await q.GetAsync(Ct)).Key);
        Assert.Equal("resync1", (await q.GetAsync(Ct)).Key);
    }

    [Fact]
    public async Task ShutDown_WakesWaiters_AndStopsHandingOut()
    {
        using var q = NewQueue();
        var waiting = q.GetAsync(Ct).AsTask();
        q.ShutDown();
        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.True(result.ShutDown);
        q.Add("a");
        Assert.True((await q.GetAsync(Ct)).ShutDown);
    }

    [Fact]
    public async Task GetAsync_Cancelled_Throws_AndKeyGoesToNextWorker()
    {
        using var q = NewQueue();
        using var cts = new CancellationTokenSource();
        var cancelled = q.GetAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        q.Add("a");
        Assert.Equal("a", (await q.GetAsync(Ct)).Key);
    }

    [Fact]
    public async Task AddAfter_WaitsForFakeTime()
    {
        var time = new ManualTimeProvider();
        using var q = NewQueue(time);
        q.AddAfter("late", TimeSpan.FromSeconds(10));
        q.AddAfter("early", TimeSpan.FromSeconds(5));
        q.AddAfter("late", TimeSpan.FromSeconds(30)); // later than the existing one: ignored
        Assert.Equal(0, q.Count);
        Assert.Equal(2, q.DelayedCount);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, q.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, q.Count);
        Assert.Equal("early", (await q.GetAsync(Ct)).Key);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("late", (await q.GetAsync(Ct)).Key);
        Assert.Equal(0, q.DelayedCount);
    }

    [Fact]
    public async Task AddRateLimited_BacksOffExponentially_AndForgetResets()
    {
        var time = new ManualTimeProvider();
        var limiter = new ExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        using var q = NewQueue(time, limiter);

        q.AddRateLimited("a"); // 5 ms
        time.Advance(TimeSpan.FromMilliseconds(4));
        Assert.Equal(0, q.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        q.Done((await q.GetAsync(Ct)).Key);

        q.AddRateLimited("a"); // 10 ms
        time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(0, q.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, q.Count);
        Assert.Equal(2, q.NumRequeues("a"));

        q.Forget("a");
        Assert.Equal(0, q.NumRequeues("a"));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(10, 5120)]
    public void ExponentialBackoff_Grows(int priorFailures, int expectedMs)
    {
        var limiter = new ExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        for (var i = 0; i < priorFailures; i++) limiter.When("k");
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), limiter.When("k"));
    }

    [Fact]
    public void ExponentialBackoff_CapsAtMax_AndIsPerKey()
    {
        var limiter = new ExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        for (var i = 0; i < 100; i++) limiter.When("k");
        Assert.Equal(TimeSpan.FromSeconds(1000), limiter.When("k"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("other"));
    }

    [Fact]
    public void TokenBucket_AllowsBurst_ThenSpacesAtQps()
    {
        var time = new ManualTimeProvider();
        var bucket = new TokenBucketRateLimiter<string>(qps: 10, burst: 100, time);
        for (var i = 0; i < 100; i++) Assert.Equal(TimeSpan.Zero, bucket.When("k" + i));
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.When("x"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), bucket.When("y"));
        time.Advance(TimeSpan.FromSeconds(1)); // refills 10 tokens: debt of 2 paid, 8 left
        for (var i = 0; i < 8; i++) Assert.Equal(TimeSpan.Zero, bucket.When("z" + i));
        Assert.True(bucket.When("w") > TimeSpan.Zero);
    }

    [Fact]
    public void DefaultLimiter_IsMaxOfBackoffAndBucket()
    {
        var time = new ManualTimeProvider();
        var limiter = new RateLimiterOptions { Qps = 1, Burst = 1 }.Create<string>(time);
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));  // token available: backoff wins
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.When("b"));       // bucket empty: bucket wins
        limiter.Forget("a");
        Assert.Equal(0, limiter.NumRequeues("a"));
    }

    [Fact]
    public async Task Stress_ManyWorkers_NeverProcessSameKeyConcurrently()
    {
        using var q = NewQueue();
        var inFlight = new ConcurrentDictionary<string, int>();
        var violations = 0;
        var processed = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var (key, down) = await q.GetAsync(cts.Token);
                if (down) return;
                if (inFlight.AddOrUpdate(key, 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref violations);
                await Task.Yield();
                inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
                Interlocked.Increment(ref processed);
                q.Done(key);
            }
        })).ToArray();
        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < 5000; i++) q.Add("k" + (i % 10));
        })).ToArray();
        await Task.WhenAll(producers);
        await TestObjects.EventuallyAsync(() => q.Count == 0 && q.ProcessingCount == 0);
        q.ShutDown();
        await Task.WhenAll(workers);
        Assert.Equal(0, violations);
        Assert.True(processed >= 10);
    }

    [Fact]
    public async Task ShutDown_WhileProcessing_DoneDoesNotRequeue_AndDelayedAddsAreDropped()
    {
        var time = new ManualTimeProvider();
        using var q = NewQueue(time);
        q.Add("a");
        var (key, _) = await q.GetAsync(Ct);
        q.Add("a"); // dirty
        q.AddAfter("b", TimeSpan.FromSeconds(1));
        q.ShutDown();
        q.Done(key);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, q.Count);
        Assert.Equal(0, q.DelayedCount);
        Assert.Equal(0, q.ProcessingCount);
    }
}
