namespace Flotilla.Storage.Memory;

/// <summary>Settings of <see cref="MemoryStorageBackend"/>.</summary>
public sealed class MemoryStorageOptions
{
    /// <summary>
    /// How many events of history to keep for reads and watches at older revisions. When the history grows a quarter
    /// beyond this, the oldest events are compacted (reads and watches below them get <see cref="CompactedException"/>).
    /// 0 keeps everything until <see cref="IStorageBackend.CompactAsync"/> is called.
    /// </summary>
    public int RetainedRevisions { get; set; } = 20_000;

    /// <summary>Undelivered events after which a watcher is closed with <see cref="WatchOverflowException"/>.</summary>
    public int MaxPendingWatchEvents { get; set; } = Engine.WatchBroadcaster.DefaultMaxPendingEvents;
}
