using System.Diagnostics.CodeAnalysis;

namespace Flotilla.Storage.Engine;

/// <summary>The compare-and-swap rules shared by every backend: given a write and the key's current entry, decide
/// whether it applies and which event it produces.</summary>
public static class WriteRules
{
    /// <summary>
    /// Decides <paramref name="op"/> against <paramref name="current"/> (null when the key is absent). On success,
    /// <paramref name="change"/> is the event at <paramref name="revision"/>; its <see cref="StorageEvent.Previous"/>
    /// is always the entry before the write (null for a create).
    /// </summary>
    public static bool TryDecide(in WriteOp op, KeyValue? current, long revision, [NotNullWhen(true)] out StorageEvent? change)
    {
        switch (op.Kind)
        {
            case WriteKind.Create:
                if (current is not null)
                {
                    change = null;
                    return false;
                }

                change = new StorageEvent(WatchEventKind.Put, new KeyValue(op.Key, op.Value, revision, revision), null);
                return true;

            case WriteKind.Update:
                if (current is null || (op.ExpectedModRevision != 0 && current.ModRevision != op.ExpectedModRevision))
                {
                    change = null;
                    return false;
                }

                change = new StorageEvent(
                    WatchEventKind.Put,
                    new KeyValue(op.Key, op.Value, current.CreateRevision, revision),
                    current);
                return true;

            case WriteKind.Delete:
                if (current is null || (op.ExpectedModRevision != 0 && current.ModRevision != op.ExpectedModRevision))
                {
                    change = null;
                    return false;
                }

                change = new StorageEvent(
                    WatchEventKind.Delete,
                    new KeyValue(op.Key, current.Value, current.CreateRevision, revision),
                    current);
                return true;

            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.Kind, "unknown write kind");
        }
    }

    /// <summary>The result of a write that applied: the new entry for a put, the entry as it was for a delete.</summary>
    public static WriteResult Succeeded(StorageEvent change) =>
        new(true, change.Revision, change.Kind == WatchEventKind.Put ? change.Entry : change.Previous);

    /// <summary>The result of a write that did not apply.</summary>
    public static WriteResult Failed(long currentRevision, KeyValue? current) => new(false, currentRevision, current);
}
