using Flotilla.Runtime.Hosting;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Runtime.Tests.Hosting;

public sealed class IdleMemoryTrimmerTests
{
    private const long MiB = 1024 * 1024;

    private readonly ManualTimeProvider _time = new();
    private readonly SemaphoreSlim _looked = new(0);
    private long _allocated;
    private int _trims;

    private IdleMemoryTrimmer NewTrimmer() => new(NullLogger<IdleMemoryTrimmer>.Instance, _time)
    {
        Interval = TimeSpan.FromSeconds(10),
        IdleAllocationBytes = 16 * MiB,
        RetrimBytes = 4 * MiB,
        AllocatedBytes = () => Interlocked.Read(ref _allocated),
        Trim = () => Interlocked.Increment(ref _trims),
        Looked = _ => _looked.Release(),
    };

    /// <summary>Lets one interval pass with <paramref name="allocatedMiB"/> allocated in it; returns the trims so far once
    /// the trimmer has looked (it waits on the manual clock's timer again).</summary>
    private async Task<int> IntervalAsync(long allocatedMiB)
    {
        await Eventually.UntilAsync(() => Task.FromResult(_time.ActiveTimerCount > 0), TimeSpan.FromSeconds(5), "the trimmer's timer is armed");
        Interlocked.Add(ref _allocated, allocatedMiB * MiB);
        _time.Advance(_time.NextDue!.Value - _time.GetUtcNow());
        Assert.True(await _looked.WaitAsync(TimeSpan.FromSeconds(5)), "the trimmer looks once per interval");
        return Volatile.Read(ref _trims);
    }

    [Fact]
    public async Task Trims_WhenQuiet_AgainAfterEnoughQuietAllocation_NeverWhileBusy()
    {
        using var trimmer = NewTrimmer();
        await trimmer.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal(0, await IntervalAsync(100)); // start-up: busy
            Assert.Equal(0, await IntervalAsync(40));  // still busy
            Assert.Equal(1, await IntervalAsync(1));   // quiet: one trim
            Assert.Equal(1, await IntervalAsync(0));   // still quiet: already trimmed
            Assert.Equal(1, await IntervalAsync(2));   // background work, 2 MiB since the trim
            Assert.Equal(2, await IntervalAsync(3));   // 5 MiB since the trim (RetrimBytes is 4): trimmed again
            Assert.Equal(2, await IntervalAsync(1));
            Assert.Equal(2, await IntervalAsync(64));  // a burst of work
            Assert.Equal(3, await IntervalAsync(3));   // quiet again: trimmed at once
        }
        finally
        {
            await trimmer.StopAsync(CancellationToken.None);
        }
    }
}
