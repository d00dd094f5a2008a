using System.Text;
using Flotilla.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Flotilla.Storage.Tests;

public sealed class SqliteStorageBackendTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DbPath => Path.Combine(_directory.Path, "flotilla.db");

    public void Dispose() => _directory.Dispose();

    private static ReadOnlyMemory<byte> V(string text) => Encoding.UTF8.GetBytes(text);

    private static string S(KeyValue? entry) => entry is null ? "<none>" : Encoding.UTF8.GetString(entry.Value.Span);

    private Task<SqliteStorageBackend> OpenAsync(SqliteStorageOptions? options = null) =>
        SqliteStorageBackend.OpenAsync(DbPath, options, null, default);

    [Fact]
    public async Task Reopen_rebuilds_the_latest_index_and_continues_the_revision()
    {
        long lastRevision;
        await using (var store = await OpenAsync())
        {
            var a = await store.CreateAsync("/registry/a/1", V("a1"), default);
            await store.UpdateAsync("/registry/a/1", V("a2"), a.Revision, default);
            await store.CreateAsync("/registry/a/2", V("b1"), default);
            await store.CreateAsync("/registry/a/3", V("c1"), default);
            lastRevision = (await store.DeleteAsync("/registry/a/3", 0, default)).Revision;
        }

        await using (var store = await OpenAsync())
        {
            Assert.Equal(lastRevision, await store.CurrentRevisionAsync(default));
            var list = await store.ListAsync("/registry/a/", null, 0, 0, default);
            Assert.Equal(new[] { "/registry/a/1=a2", "/registry/a/2=b1" }, list.Entries.Select(e => $"{e.Key}={S(e)}"));
            Assert.Equal(lastRevision - 4, list.Entries[0].CreateRevision);

            var next = await store.CreateAsync("/registry/a/3", V("c2"), default);
            Assert.True(next.Succeeded);
            Assert.Equal(lastRevision + 1, next.Revision);

            // Older history is still readable from the log after a restart.
            var old = await store.ListAsync("/registry/a/", null, 0, lastRevision - 1, default);
            Assert.Equal(new[] { "/registry/a/1=a2", "/registry/a/2=b1", "/registry/a/3=c1" }, old.Entries.Select(e => $"{e.Key}={S(e)}"));
        }
    }

    [Fact]
    public async Task Acknowledged_writes_survive_an_unclean_close()
    {
        // The first store is never disposed: no checkpoint, no orderly close of the writer connection. The second
        // open must see every acknowledged write through the WAL.
        var abandoned = await OpenAsync(new SqliteStorageOptions { CompactInterval = TimeSpan.Zero, LockFile = false });
        var writes = Enumerable.Range(0, 200).Select(i => abandoned.CreateAsync($"/registry/u/{i:D3}", V($"{i}"), default).AsTask()).ToArray();
        var results = await Task.WhenAll(writes);
        Assert.All(results, r => Assert.True(r.Succeeded));
        var last = results.Max(r => r.Revision);

        await using (var reopened = await OpenAsync(new SqliteStorageOptions { LockFile = false }))
        {
            Assert.Equal(last, await reopened.CurrentRevisionAsync(default));
            var list = await reopened.ListAsync("/registry/u/", null, 0, 0, default);
            Assert.Equal(200, list.Entries.Count);
            Assert.Equal(Enumerable.Range(0, 200).Select(i => $"{i}"), list.Entries.Select(e => S(e)));
        }

        await abandoned.DisposeAsync();
    }

    [Fact]
    public async Task Compaction_deletes_superseded_rows_persists_and_never_reuses_revisions()
    {
        long compactTo;
        long last;
        await using (var store = await OpenAsync(new SqliteStorageOptions { CompactBatchSize = 3 }))
        {
            var a = await store.CreateAsync("/registry/k/a", V("a1"), default);
            var a2 = await store.UpdateAsync("/registry/k/a", V("a2"), a.Revision, default);
            await store.UpdateAsync("/registry/k/a", V("a3"), a2.Revision, default);
            await store.CreateAsync("/registry/k/b", V("b1"), default);
            await store.DeleteAsync("/registry/k/b", 0, default);
            compactTo = await store.CurrentRevisionAsync(default);

            // The newest row, which compaction must keep, plus a row after the compact revision.
            last = (await store.CreateAsync("/registry/k/c", V("c1"), default)).Revision;
            Assert.Equal(compactTo, await store.CompactAsync(compactTo, default));
            Assert.Equal(new[] { "/registry/k/a", "/registry/k/c" }, await RowNamesAsync());

            // Deleting the highest rows by compaction must not let ids be reused.
            await store.DeleteAsync("/registry/k/c", 0, default);
            last = (await store.CompactAsync(await store.CurrentRevisionAsync(default), default));
        }

        await using (var store = await OpenAsync())
        {
            var read = await store.GetAsync("/registry/k/a", 0, default);
            Assert.Equal(last, read.CompactRevision);
            await Assert.ThrowsAsync<CompactedException>(async () => await store.ListAsync("/registry/k/", null, 0, compactTo, default));
            var next = await store.CreateAsync("/registry/k/c", V("c2"), default);
            Assert.Equal(last + 1, next.Revision);
            Assert.Equal("a3", S((await store.GetAsync("/registry/k/a", 0, default)).Entry));
        }
    }

    [Fact]
    public async Task A_second_writer_on_the_same_database_is_refused_until_the_first_closes()
    {
        var first = await OpenAsync();
        await Assert.ThrowsAsync<StorageLockedException>(() => OpenAsync());
        await first.DisposeAsync();

        await using var second = await OpenAsync();
        Assert.True((await second.CreateAsync("/registry/l/a", V("a"), default)).Succeeded);
    }

    [Fact]
    public async Task Automatic_compaction_keeps_the_configured_number_of_revisions()
    {
        var time = new ManualTimeProvider();
        await using var store = await OpenAsync(new SqliteStorageOptions
        {
            CompactInterval = TimeSpan.FromMinutes(5),
            RetainedRevisions = 10,
            CompactBatchSize = 7,
            TimeProvider = time,
        });
        for (var i = 0; i < 50; i++)
        {
            await store.CreateAsync($"/registry/auto/{i}", V("x"), default);
        }

        var current = await store.CurrentRevisionAsync(default);
        Assert.Equal(0, (await store.GetAsync("/registry/auto/0", 0, default)).CompactRevision);

        // The timer fires on the fake clock; compaction then runs on the writer. Poll for the outcome.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        long compact = 0;
        while (DateTime.UtcNow < deadline)
        {
            time.FireAll();
            compact = (await store.GetAsync("/registry/auto/0", 0, default)).CompactRevision;
            if (compact == current - 10)
            {
                break;
            }

            await Task.Yield();
        }

        Assert.Equal(current - 10, compact);
        await Assert.ThrowsAsync<CompactedException>(async () => await store.GetAsync("/registry/auto/0", current - 11, default));
        Assert.Equal("x", S((await store.GetAsync("/registry/auto/20", current - 10, default)).Entry));
        Assert.Null((await store.GetAsync("/registry/auto/45", current - 10, default)).Entry);
    }

    [Fact]
    public async Task The_log_refuses_two_rows_superseding_the_same_row()
    {
        await using (var store = await OpenAsync())
        {
            await store.CreateAsync("/registry/x/a", V("a1"), default);
        }

        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO kine (name, created, deleted, create_revision, prev_revision, value) VALUES ('/registry/x/a', 1, 0, 1, 0, x'00')";
        var ex = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("UNIQUE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_are_committed_in_shared_transactions_with_distinct_revisions()
    {
        await using var store = await OpenAsync();
        var tasks = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var revisions = new List<long>();
            for (var i = 0; i < 50; i++)
            {
                var result = await store.CreateAsync($"/registry/g/{w}/{i}", V("x"), default);
                Assert.True(result.Succeeded);
                revisions.Add(result.Revision);
            }

            return revisions;
        })).ToArray();
        var all = (await Task.WhenAll(tasks)).SelectMany(r => r).ToList();
        Assert.Equal(800, all.Distinct().Count());
        Assert.Equal(all.Max(), await store.CurrentRevisionAsync(default));
        Assert.Equal(800, (await store.ListAsync("/registry/g/", null, 0, 0, default)).Entries.Count);
    }

    private async Task<List<string>> RowNamesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM kine ORDER BY id";
        var names = new List<string>();
        using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
