namespace Flotilla.Storage.Engine;

/// <summary>The kind of a conditional write.</summary>
public enum WriteKind
{
    Create,
    Update,
    Delete,
}

/// <summary>
/// One conditional write as a value. <see cref="ExpectedModRevision"/> 0 means unconditional (update and delete).
/// The value is kept by reference: the caller must not change the buffer afterwards.
/// </summary>
public readonly record struct WriteOp(WriteKind Kind, string Key, ReadOnlyMemory<byte> Value, long ExpectedModRevision);
