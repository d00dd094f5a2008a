using Flotilla.Core;
using Flotilla.Runtime.LeaderElection;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.LeaderElection;

public sealed class LeaderElectorTests
{
    private sealed class Candidate : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cts = new();

        public Candidate(FakeKubeClient client, TimeProvider time, string id, bool release = true)
        {
            Elector = new LeaderElector(client, new LeaderElectionOptions { Identity = id, ReleaseOnCancel = release }, time);
            Run = Elector.RunAsync(async ct =>
            {
                Interlocked.Increment(ref _terms);
                try { await Task.Delay(Timeout.Infinite, ct); }
                finally { Interlocked.Increment(ref _ended); }
            }, _cts.Token);
        }

        private int _terms;
        private int _ended;
        public LeaderElector Elector { get; }
        public Task Run { get; }
        public int Terms => Volatile.Read(ref _terms);
        public int EndedTerms => Volatile.Read(ref _ended);

        public async Task StopAsync()
        {
            await _cts.CancelAsync();
            await Run.WaitAsync(TimeSpan.FromSeconds(10));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_cts.IsCancellationRequested) await StopAsync();
            _cts.Dispose();
        }
    }

    private static Task SleepingAsync(ManualTimeProvider time, int timers) =>
        TestObjects.EventuallyAsync(() => time.ActiveTimerCount == timers, because: $"{timers} candidates waiting");

    [Fact]
    public async Task TwoCandidates_OneLeads_OtherTakesOverAfterRelease()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient(time: time);
        await using var a = new Candidate(client, time, "a");
        await TestObjects.EventuallyAsync(() => a.Elector.IsLeader && a.Terms == 1);
        await using var b = new Candidate(client, time, "b");
        await SleepingAsync(time, 2);
        Assert.Equal("a", b.Elector.CurrentLeader);

        for (var i = 0; i < 10; i++) // 20 s: a keeps renewing, b never wins
        {
            time.Advance(TimeSpan.FromSeconds(2));
            await SleepingAsync(time, 2);
        }
        Assert.True(a.Elector.IsLeader);
        Assert.False(b.Elector.IsLeader);
        Assert.Equal(0, b.Terms);

        await a.StopAsync(); // releases the lease
        Assert.Equal(1, a.EndedTerms);
        await SleepingAsync(time, 1);
        time.Advance(TimeSpan.FromSeconds(2));
        await TestObjects.EventuallyAsync(() => b.Elector.IsLeader && b.Terms == 1);

        var lease = client.Peek(LeaderElector.LeaseResource, "karmada-system", "flotilla-controller-manager");
        Assert.NotNull(lease);
        Assert.Equal("b", lease["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.Equal(1, lease["spec"]!["leaseTransitions"]!.GetValue<int>());
    }

    [Fact]
    public async Task CrashedLeader_IsReplacedOnlyAfterLeaseDuration()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient(time: time);
        var a = new Candidate(client, time, "a", release: false);
        await TestObjects.EventuallyAsync(() => a.Elector.IsLeader);
        await a.StopAsync(); // "crash": no release
        await a.DisposeAsync();

        await using var b = new Candidate(client, time, "b");
        await SleepingAsync(time, 1); // b observed a's record at t0
        for (var elapsed = 2; elapsed < 15; elapsed += 2)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            await SleepingAsync(time, 1);
            Assert.False(b.Elector.IsLeader, $"b must not lead {elapsed}s after observing a's lease");
        }
        time.Advance(TimeSpan.FromSeconds(2)); // 16 s > 15 s lease duration
        await TestObjects.EventuallyAsync(() => b.Elector.IsLeader);
    }

    [Fact]
    public async Task Leader_GivesUp_WhenRenewFailsPastDeadline()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient(time: time);
        await using var a = new Candidate(client, time, "a");
        await TestObjects.EventuallyAsync(() => a.Elector.IsLeader);
        await SleepingAsync(time, 1);

        var failing = true;
        client.AddReactor(x => Volatile.Read(ref failing) && x.Resource == LeaderElector.LeaseResource
            ? new ApiStatusException(503, StatusReasons.ServiceUnavailable, "etcd down") : null);
        for (var i = 0; i < 6 && a.EndedTerms == 0; i++) // 12 s > 10 s renew deadline
        {
            time.Advance(TimeSpan.FromSeconds(2));
            await TestObjects.EventuallyAsync(() => time.ActiveTimerCount == 1 || a.EndedTerms == 1);
        }
        await TestObjects.EventuallyAsync(() => a.EndedTerms == 1 && !a.Elector.IsLeader);
        Volatile.Write(ref failing, false);
    }

    [Theory]
    [InlineData(10, 10, 2)]
    [InlineData(15, 10, 10)]
    public void Options_Validate_RejectsInconsistentDurations(int lease, int renew, int retry)
    {
        var o = new LeaderElectionOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(lease),
            RenewDeadline = TimeSpan.FromSeconds(renew),
            RetryPeriod = TimeSpan.FromSeconds(retry),
        };
        Assert.Throws<InvalidOperationException>(o.Validate);
    }
}
