using System.Text.Json.Nodes;

namespace Flotilla.Runtime.Objects;

/// <summary>What <see cref="ObjectWriter.CreateOrUpdateAsync"/> did.</summary>
public enum OperationResult
{
    Unchanged,
    Created,
    Updated,
}

/// <summary>The outcome of a helper write: whether anything was written, and the object as the server answered
/// (or as it was, when nothing changed).</summary>
public readonly record struct WriteOutcome(OperationResult Result, JsonObject Object)
{
    public bool Changed => Result != OperationResult.Unchanged;
}
