namespace Flotilla.Storage;

/// <summary>
/// Ends a watch whose consumer fell too far behind the writers. The watcher has missed nothing so far, but it will
/// not be sent more events: the caller should end the watch so that its client re-lists (Kubernetes clients do this
/// when a watch closes).
/// </summary>
public sealed class WatchOverflowException : Exception
{
    public WatchOverflowException()
        : base("watcher fell too far behind and was closed")
    {
    }

    public WatchOverflowException(string message)
        : base(message)
    {
    }

    public WatchOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WatchOverflowException(int pendingEvents, int limit)
        : base($"watcher fell too far behind ({pendingEvents} pending events, limit {limit}) and was closed")
    {
        PendingEvents = pendingEvents;
    }

    /// <summary>How many undelivered events the watcher had when it was closed.</summary>
    public int PendingEvents { get; }
}
