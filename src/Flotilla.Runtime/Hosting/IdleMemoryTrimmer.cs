using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flotilla.Runtime.Hosting;

/// <summary>
/// Gives memory back to the system while the process is idle. The workstation GC sizes its youngest generation from
/// the CPU cache (tens of MiB here), so a quiet control plane keeps start-up garbage and a nearly full gen0 resident
/// for as long as it stays quiet. Every <see cref="Interval"/> this service looks at how much was allocated since
/// its last look; when that is below <see cref="IdleAllocationBytes"/> (nothing is happening) and memory was not
/// already trimmed since the last burst of work, it runs one aggressive, compacting collection, which also releases
/// the freed regions, and on glibc hands the native heap's free pages back (malloc_trim: the JIT and SQLite allocate
/// there, and glibc keeps what they freed). While the process stays quiet, the background work it still does (lease
/// renewals, status probes) allocates into fresh gen0 pages that no collection reclaims for a long time, so it trims
/// again once that reaches <see cref="RetrimBytes"/>. A busy process is never interrupted.
/// </summary>
public sealed class IdleMemoryTrimmer(ILogger<IdleMemoryTrimmer> logger, TimeProvider time) : BackgroundService
{
    private static bool _nativeTrimUnavailable;

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    public long IdleAllocationBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>While quiet, allocations since the last trim that make it worth trimming again.</summary>
    public long RetrimBytes { get; init; } = 1L * 1024 * 1024;

    /// <summary>Bytes allocated by the process so far (tests substitute a counter).</summary>
    public Func<long> AllocatedBytes { get; init; } = () => GC.GetTotalAllocatedBytes();

    /// <summary>What a trim does: an aggressive compacting collection, then the native heap (tests substitute a probe).</summary>
    public Action Trim { get; init; } = TrimProcess;

    /// <summary>Called after every look, with whether it trimmed (for tests and diagnostics).</summary>
    public Action<bool>? Looked { get; init; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var last = AllocatedBytes();
        long? lastTrim = null; // allocation count at the last trim of this quiet period
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = AllocatedBytes();
                var allocated = now - last;
                last = now;
                if (allocated >= IdleAllocationBytes) lastTrim = null; // busy: the next quiet interval trims
                if (allocated >= IdleAllocationBytes || (lastTrim is { } t && now - t < RetrimBytes))
                {
                    Looked?.Invoke(false);
                    continue;
                }
                var before = Environment.WorkingSet;
                Trim();
                last = AllocatedBytes();
                lastTrim = last;
                logger.LogDebug("Idle: memory trimmed, working set {Before} -> {After} bytes", before, Environment.WorkingSet);
                Looked?.Invoke(true);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static void TrimProcess()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
    }

    private static void TrimNativeHeap()
    {
        if (_nativeTrimUnavailable || !OperatingSystem.IsLinux()) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _nativeTrimUnavailable = true; // not glibc (e.g. musl): nothing to do
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
