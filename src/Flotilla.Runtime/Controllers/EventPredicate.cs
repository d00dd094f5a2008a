using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Runtime.Controllers;

/// <summary>Filters informer events before they become queue keys (controller-runtime's predicates).
/// A resync arrives as an update whose objects carry the same resourceVersion.</summary>
public sealed class EventPredicate(
    Func<JsonObject, bool>? create = null,
    Func<JsonObject, JsonObject, bool>? update = null,
    Func<JsonObject, bool>? delete = null)
{
    public bool Create(JsonObject obj) => create?.Invoke(obj) ?? true;
    public bool Update(JsonObject oldObj, JsonObject newObj) => update?.Invoke(oldObj, newObj) ?? true;
    public bool Delete(JsonObject obj) => delete?.Invoke(obj) ?? true;

    /// <summary>Updates pass only when metadata.generation changed (spec changes; status-only writes are dropped).
    /// Deletion with finalizers also bumps the generation.</summary>
    public static EventPredicate GenerationChanged { get; } =
        new(update: (o, n) => o.Generation() != n.Generation() || o.IsDeleting() != n.IsDeleting());

    public static EventPredicate LabelsChanged { get; } = new(update: (o, n) => !SameMap(o.Labels(), n.Labels()));

    public static EventPredicate AnnotationsChanged { get; } = new(update: (o, n) => !SameMap(o.Annotations(), n.Annotations()));

    /// <summary>Drops resyncs (updates that change nothing).</summary>
    public static EventPredicate ResourceVersionChanged { get; } = new(update: (o, n) => o.ResourceVersion() != n.ResourceVersion());

    /// <summary>Passes when any of the predicates passes.</summary>
    public static EventPredicate Or(params EventPredicate[] ps) => new(
        o => ps.Any(p => p.Create(o)),
        (o, n) => ps.Any(p => p.Update(o, n)),
        o => ps.Any(p => p.Delete(o)));

    /// <summary>Passes when all predicates pass.</summary>
    public static EventPredicate And(params EventPredicate[] ps) => new(
        o => ps.All(p => p.Create(o)),
        (o, n) => ps.All(p => p.Update(o, n)),
        o => ps.All(p => p.Delete(o)));

    /// <summary>Passes objects matching <paramref name="filter"/> (on update, either side).</summary>
    public static EventPredicate Where(Func<JsonObject, bool> filter) => new(filter, (o, n) => filter(o) || filter(n), filter);

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
