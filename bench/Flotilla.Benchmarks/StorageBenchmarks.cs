using BenchmarkDotNet.Attributes;
using Flotilla.Storage;
using Flotilla.Storage.Memory;
using Flotilla.Storage.Sqlite;

namespace Flotilla.Benchmarks;

/// <summary>Single operations against each backend.</summary>
[MemoryDiagnoser]
public class StorageBenchmarks
{
    private readonly byte[] _value = Payloads.ConfigMap("default", "bench", 500);
    private IStorageBackend _store = null!;
    private string _directory = null!;
    private int _next;
    private long _updateRevision;

    [Params("memory", "sqlite")]
    public string Backend { get; set; } = "memory";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "flotilla-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _store = Backend == "memory"
            ? new MemoryStorageBackend()
            : await SqliteStorageBackend.OpenAsync(Path.Combine(_directory, "bench.db"), new SqliteStorageOptions { CompactInterval = TimeSpan.Zero }, null, default);
        for (var i = 0; i < 1000; i++)
        {
            await _store.CreateAsync($"/registry/list/item-{i:D5}", _value, default);
        }

        _updateRevision = (await _store.CreateAsync("/registry/update/one", _value, default)).Revision;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task<long> CreateAsync() =>
        (await _store.CreateAsync($"/registry/create/item-{Interlocked.Increment(ref _next):D9}", _value, default)).Revision;

    [Benchmark]
    public async Task<long> UpdateAsync()
    {
        var result = await _store.UpdateAsync("/registry/update/one", _value, _updateRevision, default);
        _updateRevision = result.Revision;
        return result.Revision;
    }

    [Benchmark]
    public async Task<int> List1kAsync() => (await _store.ListAsync("/registry/list/", null, 0, 0, default)).Entries.Count;

    [Benchmark]
    public async Task<int> ListPage500Async() => (await _store.ListAsync("/registry/list/", "/registry/list/item-00250", 500, 0, default)).Entries.Count;

    [Benchmark]
    public async Task<int> GetAsync() => (await _store.GetAsync("/registry/list/item-00500", 0, default)).Entry?.Value.Length ?? 0;
}
