namespace Flotilla.Storage.Sqlite;

/// <summary>The database is already open for writing by another process (or another instance in this one).</summary>
public sealed class StorageLockedException : Exception
{
    public StorageLockedException()
        : base("the database is in use by another process")
    {
    }

    public StorageLockedException(string message)
        : base(message)
    {
    }

    public StorageLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
