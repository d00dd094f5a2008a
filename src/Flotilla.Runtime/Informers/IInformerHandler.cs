using System.Text.Json.Nodes;

namespace Flotilla.Runtime.Informers;

/// <summary>
/// Receives an informer's notifications, in order, on the informer's loop. Keep handlers quick (enqueue keys).
/// Objects are shared cache snapshots: do not mutate them.
/// </summary>
public interface IInformerHandler
{
    void OnAdd(JsonObject obj);

    /// <summary>A change; on a periodic resync <paramref name="oldObj"/> and <paramref name="newObj"/> carry the
    /// same resourceVersion.</summary>
    void OnUpdate(JsonObject oldObj, JsonObject newObj);

    /// <summary>A deletion, with the last known state of the object (which may be stale when the deletion was
    /// discovered by a re-list).</summary>
    void OnDelete(JsonObject lastKnown);
}

/// <summary>An <see cref="IInformerHandler"/> from delegates.</summary>
public sealed class InformerHandler(
    Action<JsonObject>? onAdd = null,
    Action<JsonObject, JsonObject>? onUpdate = null,
    Action<JsonObject>? onDelete = null) : IInformerHandler
{
    public void OnAdd(JsonObject obj) => onAdd?.Invoke(obj);
    public void OnUpdate(JsonObject oldObj, JsonObject newObj) => onUpdate?.Invoke(oldObj, newObj);
    public void OnDelete(JsonObject lastKnown) => onDelete?.Invoke(lastKnown);
}
