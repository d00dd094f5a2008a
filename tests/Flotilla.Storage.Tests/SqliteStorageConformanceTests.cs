using Flotilla.Storage.Sqlite;

namespace Flotilla.Storage.Tests;

/// <summary>SQLite with its default in-memory event window: recent history is served from memory.</summary>
public sealed class SqliteStorageConformanceTests : StorageConformanceTests
{
    private readonly TempDirectory _directory = new();

    protected override async Task<IStorageBackend> OpenAsync() =>
        await SqliteStorageBackend.OpenAsync(Path.Combine(_directory.Path, "flotilla.db"), null, null, default);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>SQLite with no event window: every read at an older revision and every watch replay goes to SQL.</summary>
public sealed class SqliteLogOnlyStorageConformanceTests : StorageConformanceTests
{
    private readonly TempDirectory _directory = new();

    protected override async Task<IStorageBackend> OpenAsync() =>
        await SqliteStorageBackend.OpenAsync(
            Path.Combine(_directory.Path, "flotilla.db"),
            new SqliteStorageOptions { EventWindow = 0, CompactBatchSize = 2 },
            null,
            default);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>SQLite with a tiny event window: reads and replays cross between the log and the window.</summary>
public sealed class SqliteSmallWindowStorageConformanceTests : StorageConformanceTests
{
    private readonly TempDirectory _directory = new();

    protected override async Task<IStorageBackend> OpenAsync() =>
        await SqliteStorageBackend.OpenAsync(
            Path.Combine(_directory.Path, "flotilla.db"),
            new SqliteStorageOptions { EventWindow = 3, MaxBatchSize = 4 },
            null,
            default);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
