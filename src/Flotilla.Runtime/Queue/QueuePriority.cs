namespace Flotilla.Runtime.Queue;

/// <summary>Lane of a queued key: <see cref="Normal"/> (events) is handed out before <see cref="Low"/> (resync backlog).</summary>
public enum QueuePriority
{
    Normal = 0,
    Low = 1,
}
