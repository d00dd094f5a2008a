using System.Text.Json.Nodes;

namespace Flotilla.Runtime.Events;

/// <summary>Records user-visible outcomes as core/v1 Events on the object they concern (Karmada's EventRecorder).
/// Best effort: failures are logged, never thrown.</summary>
public interface IEventRecorder
{
    /// <param name="involved">The object the event is about (apiVersion, kind, metadata).</param>
    /// <param name="type"><see cref="EventTypes.Normal"/> or <see cref="EventTypes.Warning"/>.</param>
    /// <param name="reason">UpperCamelCase reason, e.g. "SyncFailed".</param>
    Task RecordAsync(JsonObject involved, string type, string reason, string message, CancellationToken ct);
}
