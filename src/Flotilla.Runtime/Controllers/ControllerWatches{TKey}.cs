using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime.Informers;

namespace Flotilla.Runtime.Controllers;

/// <summary>One informer subscription of a controller: which resource, how an event's object maps to keys, and
/// which events pass.</summary>
public sealed record WatchRegistration<TKey>(
    GroupVersionResource Resource,
    string? Namespace,
    InformerOptions? InformerOptions,
    Func<JsonObject, IEnumerable<TKey>> Map,
    IReadOnlyList<EventPredicate> Predicates,
    bool IsPrimary) where TKey : notnull
{
    /// <summary>When set, keys from this subscription are enqueued after this delay instead of at once: every event
    /// for a key inside the window collapses into one reconcile (used where a burst of dependent changes, such as a
    /// binding's Works reporting status one after another, would otherwise cost one write each).</summary>
    public TimeSpan? Coalesce { get; init; }
}

/// <summary>
/// The fluent description of what a controller watches:
/// <c>w.For(works, EventPredicate.GenerationChanged).Watches(clusters, MapClusterToWorks)</c>.
/// </summary>
public sealed class ControllerWatches<TKey> where TKey : notnull
{
    private readonly List<WatchRegistration<TKey>> _registrations = [];

    public IReadOnlyList<WatchRegistration<TKey>> Registrations => _registrations;

    /// <summary>The primary resource: each event enqueues the key <paramref name="keyOf"/> returns.</summary>
    public ControllerWatches<TKey> For(GroupVersionResource resource, Func<JsonObject, TKey> keyOf, params EventPredicate[] predicates) =>
        Add(new(resource, null, null, o => [keyOf(o)], predicates, IsPrimary: true));

    /// <summary>Another resource whose events map to keys of the primary (e.g. a Cluster to its Works).</summary>
    public ControllerWatches<TKey> Watches(GroupVersionResource resource, Func<JsonObject, IEnumerable<TKey>> map, params EventPredicate[] predicates) =>
        Add(new(resource, null, null, map, predicates, IsPrimary: false));

    /// <summary>Enqueues the keys of the last registration after <paramref name="window"/> (see
    /// <see cref="WatchRegistration{TKey}.Coalesce"/>).</summary>
    public ControllerWatches<TKey> Coalesced(TimeSpan window)
    {
        if (_registrations.Count == 0) throw new InvalidOperationException("Coalesced applies to a registration: call For or Watches first");
        _registrations[^1] = _registrations[^1] with { Coalesce = window };
        return this;
    }

    /// <summary>Full control: namespace-scoped or selector-filtered informers.</summary>
    public ControllerWatches<TKey> Add(WatchRegistration<TKey> registration)
    {
        _registrations.Add(registration);
        return this;
    }
}

public static class ControllerWatchesExtensions
{
    /// <summary>The primary resource keyed by the object's namespace/name.</summary>
    public static ControllerWatches<ObjectKey> For(this ControllerWatches<ObjectKey> w, GroupVersionResource resource, params EventPredicate[] predicates) =>
        w.For(resource, o => o.Key(), predicates);

    /// <summary>The primary resource restricted to a namespace (the agent's karmada-es-&lt;cluster&gt;).</summary>
    public static ControllerWatches<ObjectKey> ForNamespace(this ControllerWatches<ObjectKey> w, GroupVersionResource resource, string ns, params EventPredicate[] predicates) =>
        w.Add(new(resource, ns, null, o => [o.Key()], predicates, IsPrimary: true));

    /// <summary>Objects controlled (ownerReferences with controller: true) by a primary of
    /// <paramref name="ownerApiVersion"/>/<paramref name="ownerKind"/> enqueue their owner (controller-runtime's Owns).
    /// The owner is looked up in the owned object's namespace, or cluster-wide when <paramref name="ownerNamespaced"/> is false.</summary>
    public static ControllerWatches<ObjectKey> Owns(this ControllerWatches<ObjectKey> w, GroupVersionResource owned, string ownerApiVersion,
        string ownerKind, bool ownerNamespaced = true, params EventPredicate[] predicates) =>
        w.Watches(owned, o => Objects.OwnerReferences.GetController(o) is { } r && r.GetString("kind") == ownerKind && r.GetString("apiVersion") == ownerApiVersion
            ? [new ObjectKey(ownerNamespaced ? o.Namespace() ?? "" : "", r.GetString("name") ?? "")]
            : [], predicates);
}
