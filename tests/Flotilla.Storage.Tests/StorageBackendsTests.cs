using Flotilla.Storage.Memory;
using Flotilla.Storage.Sqlite;

namespace Flotilla.Storage.Tests;

public sealed class StorageBackendsTests
{
    [Fact]
    public async Task Memory_spec_opens_the_memory_backend()
    {
        await using var store = await StorageBackends.OpenAsync("memory", null, null, default);
        Assert.IsType<MemoryStorageBackend>(store);
    }

    [Fact]
    public async Task Sqlite_spec_opens_a_database_at_the_path()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "sub", "flotilla.db");
        await using (var store = await StorageBackends.OpenAsync("sqlite:" + path, null, null, default))
        {
            Assert.IsType<SqliteStorageBackend>(store);
            Assert.True((await store.CreateAsync("/registry/a", new byte[] { 1 }, default)).Succeeded);
        }

        Assert.True(File.Exists(path));
    }

    public static TheoryData<string, string> BadSpecs => new()
    {
        { "unknown scheme", "postgres://x" },
        { "sqlite without path", "sqlite:" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task Bad_specs_are_rejected(string name, string spec)
    {
        _ = name;
        await Assert.ThrowsAsync<ArgumentException>(() => StorageBackends.OpenAsync(spec, null, null, default));
    }

    [Fact]
    public async Task Etcd_is_reported_as_not_available()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() => StorageBackends.OpenAsync("etcd:127.0.0.1:2379", null, null, default));
    }
}
