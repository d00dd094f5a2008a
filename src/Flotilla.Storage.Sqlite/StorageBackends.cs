using Flotilla.Storage.Memory;
using Microsoft.Extensions.Logging;

namespace Flotilla.Storage.Sqlite;

/// <summary>
/// Opens a backend from the <c>--store</c> form used by <c>flotilla serve</c>: <c>memory</c> or <c>sqlite:PATH</c>.
/// </summary>
public static class StorageBackends
{
    public const string MemoryScheme = "memory";
    public const string SqliteScheme = "sqlite:";
    public const string EtcdScheme = "etcd:";

    /// <summary>Opens the backend described by <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The spec is not one of the known forms.</exception>
    /// <exception cref="NotSupportedException">The spec names a backend this build does not have (etcd).</exception>
    public static async Task<IStorageBackend> OpenAsync(
        string spec,
        SqliteStorageOptions? sqliteOptions,
        ILoggerFactory? loggerFactory,
        CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (string.Equals(spec, MemoryScheme, StringComparison.OrdinalIgnoreCase))
        {
            return new MemoryStorageBackend();
        }

        if (spec.StartsWith(SqliteScheme, StringComparison.OrdinalIgnoreCase))
        {
            var path = spec[SqliteScheme.Length..];
            if (path.Length == 0)
            {
                throw new ArgumentException("sqlite: needs a file path, e.g. sqlite:/var/lib/flotilla/flotilla.db", nameof(spec));
            }

            return await SqliteStorageBackend.OpenAsync(
                path,
                sqliteOptions,
                loggerFactory?.CreateLogger(typeof(SqliteStorageBackend).FullName!),
                ct).ConfigureAwait(false);
        }

        if (spec.StartsWith(EtcdScheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException("the etcd storage backend is not available in this build");
        }

        throw new ArgumentException($"unknown store '{spec}': expected 'memory' or 'sqlite:PATH'", nameof(spec));
    }
}
