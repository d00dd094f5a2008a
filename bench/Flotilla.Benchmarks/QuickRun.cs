using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Flotilla.Storage;
using Flotilla.Storage.Sqlite;

namespace Flotilla.Benchmarks;

/// <summary>
/// Plain figures for the storage targets, without BenchmarkDotNet: SQLite creates/s with 1 and 16 writers, list
/// latency at 10k objects, watch delivery latency, and process memory at 28k and 100k objects.
/// </summary>
public static class QuickRun
{
    private const int ValueBytes = 500;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        _ = args;
        var root = Path.Combine(Path.GetTempPath(), "flotilla-quick-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            Print($"Flotilla storage quick run ({Environment.ProcessorCount} cores, {RuntimeVersion()})");

            // Memory first, while the process is clean.
            await MemoryAsync(Path.Combine(root, "memory.db"), ct);

            await CreatesAsync(Path.Combine(root, "creates-1.db"), writers: 1, count: 10_000, ct);
            var listDb = Path.Combine(root, "creates-16.db");
            await CreatesAsync(listDb, writers: 16, count: 10_000, ct);
            await ListAsync(listDb, ct);
            await WatchAsync(Path.Combine(root, "watch.db"), pauseMs: 0, ct);
            await WatchAsync(Path.Combine(root, "watch-paced.db"), pauseMs: 4, ct);
            Print(await CrashCheck.RunAsync(Path.Combine(root, "crash.db"), ct));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task CreatesAsync(string path, int writers, int count, CancellationToken ct)
    {
        await using var store = await OpenAsync(path, ct);
        var value = Payloads.ConfigMap("default", "bench", ValueBytes);
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var result = await store.CreateAsync(Payloads.Key(i), value, ct);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException("create failed");
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(tasks);
        stopwatch.Stop();
        Print($"sqlite creates, {writers,2} writer(s): {count / stopwatch.Elapsed.TotalSeconds,10:N0} creates/s ({count} x {value.Length} B in {stopwatch.Elapsed.TotalMilliseconds:N0} ms)");
    }

    private static async Task ListAsync(string path, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var store = await OpenAsync(path, ct);
        stopwatch.Stop();
        var keys = (await store.ListAsync("/registry/", null, 0, 0, ct)).Entries.Count;
        Print($"sqlite reopen with {keys} keys: {stopwatch.Elapsed.TotalMilliseconds:N1} ms");

        var full = await TimeAsync(30, async () => (await store.ListAsync("/registry/configmaps/", null, 0, 0, ct)).Entries.Count);
        Print($"list {keys} (latest, no limit):  {full}");
        var page = await TimeAsync(100, async () => (await store.ListAsync("/registry/configmaps/", Payloads.Key(5000), 500, 0, ct)).Entries.Count);
        Print($"list page of 500 (latest):     {page}");
        var ns = await TimeAsync(100, async () => (await store.ListAsync("/registry/configmaps/ns7/", null, 0, 0, ct)).Entries.Count);
        Print($"list one namespace (~{keys / 20}):    {ns}");

        // An older revision after a reopen is answered from the log with SQL (kine-style).
        var current = await store.CurrentRevisionAsync(ct);
        var old = await TimeAsync(10, async () => (await store.ListAsync("/registry/configmaps/", null, 0, current - 1, ct)).Entries.Count);
        Print($"list {keys} at an older revision (SQL): {old}");
        var oldPage = await TimeAsync(20, async () => (await store.ListAsync("/registry/configmaps/", Payloads.Key(5000), 500, current - 1, ct)).Entries.Count);
        Print($"list page of 500 at an older revision (SQL): {oldPage}");
    }

    private static async Task WatchAsync(string path, int pauseMs, CancellationToken ct)
    {
        const int watcherCount = 20;
        const int writers = 4;
        var count = pauseMs > 0 ? 2000 : 4000;
        await using var store = await OpenAsync(path, ct);
        var value = Payloads.ConfigMap("default", "bench", ValueBytes);
        var issued = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();
        var acks = new ConcurrentBag<double>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var from = await store.CurrentRevisionAsync(ct);
        var received = 0;
        var watchers = Enumerable.Range(0, watcherCount).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in store.WatchAsync("/registry/", from, cts.Token))
                {
                    var now = Stopwatch.GetTimestamp();
                    foreach (var change in batch.Events)
                    {
                        if (issued.TryGetValue(change.Entry.Key, out var start))
                        {
                            latencies.Add(Stopwatch.GetElapsedTime(start, now).TotalMilliseconds);
                        }
                    }

                    Interlocked.Add(ref received, batch.Events.Count);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, ct)).ToArray();
        while (store.WatcherCount < watcherCount)
        {
            await Task.Delay(1, ct);
        }

        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var key = Payloads.Key(i);
                var start = Stopwatch.GetTimestamp();
                issued[key] = start;
                await store.CreateAsync(key, value, ct);
                acks.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (pauseMs > 0)
                {
                    await Task.Delay(pauseMs, ct);
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(tasks);
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref received) < count * watcherCount && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5, ct);
        }

        stopwatch.Stop();
        await cts.CancelAsync();
        await Task.WhenAll(watchers);
        var sorted = latencies.Order().ToArray();
        Print($"watch delivery{(pauseMs > 0 ? " (paced)" : string.Empty)}, {watcherCount} watchers, {writers} writers, {count} creates ({count / stopwatch.Elapsed.TotalSeconds:N0}/s): " +
              $"p50 {Percentile(sorted, 0.50):N2} ms, p99 {Percentile(sorted, 0.99):N2} ms, max {sorted[^1]:N2} ms " +
              $"(from the write call to the watcher; {sorted.Length} deliveries)");
        var ackSorted = acks.Order().ToArray();
        Print($"write acknowledgement in that run: p50 {Percentile(ackSorted, 0.50):N2} ms, p99 {Percentile(ackSorted, 0.99):N2} ms");
    }

    private static async Task MemoryAsync(string path, CancellationToken ct)
    {
        Print($"process baseline: {Memory()}");
        await LoadPhaseAsync(path, ct);

        // Leave the stack of the completing dispose chain (its frames still reference the store) before measuring.
        await Task.Delay(50, ct);
        Print($"after closing the store: {Memory()}");

        // Separate method, so that the first store is unreachable once it returns (async locals live in the state
        // machine until the method ends).
        await ReopenPhaseAsync(path, ct);
    }

    private static async Task LoadPhaseAsync(string path, CancellationToken ct)
    {
        // Held in a box that is emptied at the end: a completed async method's state machine may outlive it, and
        // must not keep the closed store (and its 100k values) reachable during the reopen measurement.
        var box = new StrongBox<SqliteStorageBackend?>(await OpenAsync(path, ct));
        await LoadAsync(box.Value!, 0, 28_000, ct);
        Print($"after loading 28k ConfigMaps of ~1 KB: {Memory()}");
        await LoadAsync(box.Value!, 28_000, 100_000, ct);
        Print($"after loading 100k ConfigMaps of ~1 KB: {Memory()}");
        await box.Value!.DisposeAsync();
        box.Value = null;
    }

    private static async Task ReopenPhaseAsync(string path, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var store = await OpenAsync(path, ct);
        Print($"reopened with {store.KeyCount} keys in {stopwatch.Elapsed.TotalMilliseconds:N0} ms (index rebuilt): {Memory()}");
    }

    private static async Task LoadAsync(IStorageBackend store, int from, int to, CancellationToken ct)
    {
        var next = from - 1;
        var tasks = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < to)
            {
                var ns = $"ns{i % 20}";
                await store.CreateAsync(Payloads.Key(i), Payloads.ConfigMap(ns, $"cm-{i:D7}", 1024), ct);
            }
        }, ct)).ToArray();
        await Task.WhenAll(tasks);
    }

    private static Task<SqliteStorageBackend> OpenAsync(string path, CancellationToken ct) =>
        SqliteStorageBackend.OpenAsync(path, new SqliteStorageOptions { CompactInterval = TimeSpan.Zero }, null, ct);

    private static async Task<string> TimeAsync(int runs, Func<Task<int>> action)
    {
        var count = await action(); // warm-up
        var times = new double[runs];
        for (var r = 0; r < runs; r++)
        {
            var start = Stopwatch.GetTimestamp();
            count = await action();
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return $"min {times[0]:N2} ms, p50 {Percentile(times, 0.5):N2} ms, p99 {Percentile(times, 0.99):N2} ms ({count} entries, {runs} runs)";
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Memory()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return string.Create(CultureInfo.InvariantCulture, $"RSS {process.WorkingSet64 / (1024.0 * 1024):N0} MB, managed heap {GC.GetTotalMemory(false) / (1024.0 * 1024):N0} MB");
    }

    private static string RuntimeVersion() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static void Print(string line) => Console.Out.WriteLine(line);
}
