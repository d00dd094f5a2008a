namespace Flotilla.Storage;

/// <summary>A write that the backend could not make durable (e.g. a disk error). Nothing of it was applied.</summary>
public sealed class StorageWriteException : Exception
{
    public StorageWriteException()
        : base("the storage write failed")
    {
    }

    public StorageWriteException(string message)
        : base(message)
    {
    }

    public StorageWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
