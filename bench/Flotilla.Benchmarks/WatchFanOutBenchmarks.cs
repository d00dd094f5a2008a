using BenchmarkDotNet.Attributes;
using Flotilla.Storage;
using Flotilla.Storage.Memory;

namespace Flotilla.Benchmarks;

/// <summary>One write delivered to many watchers: the cost of the fan-out, from write to the last watcher.</summary>
[MemoryDiagnoser]
public class WatchFanOutBenchmarks
{
    private readonly byte[] _value = Payloads.ConfigMap("default", "bench", 500);
    private MemoryStorageBackend _store = null!;
    private CancellationTokenSource _cts = null!;
    private Task[] _watchers = [];
    private long _delivered;
    private int _next;

    [Params(10, 100)]
    public int Watchers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _store = new MemoryStorageBackend(new MemoryStorageOptions { RetainedRevisions = 1000 });
        _cts = new CancellationTokenSource();
        var from = await _store.CurrentRevisionAsync(default);
        _watchers = Enumerable.Range(0, Watchers).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in _store.WatchAsync("/registry/", from, _cts.Token))
                {
                    Interlocked.Add(ref _delivered, batch.Events.Count);
                }
            }
            catch (OperationCanceledException)
            {
            }
        })).ToArray();
        while (_store.WatcherCount < Watchers)
        {
            await Task.Yield();
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _cts.CancelAsync();
        await Task.WhenAll(_watchers);
        await _store.DisposeAsync();
        _cts.Dispose();
    }

    [Benchmark]
    public async Task WriteAndDeliverToAllAsync()
    {
        var target = Interlocked.Read(ref _delivered) + Watchers;
        await _store.CreateAsync($"/registry/fan/item-{Interlocked.Increment(ref _next):D9}", _value, default);
        var spin = new SpinWait();
        while (Interlocked.Read(ref _delivered) < target)
        {
            spin.SpinOnce();
        }
    }
}
