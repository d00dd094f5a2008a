using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Runtime.Informers;

/// <summary>
/// The informer's local store: objects keyed by <see cref="ObjectKey"/>, with a namespace index and user-defined
/// indexers (name ⇒ function from object to index values). Thread-safe.
/// <para>Objects returned are <b>shared read-only snapshots</b>: never mutate them; call
/// <see cref="KubeObject.DeepCloneObject"/> first (controller-runtime's cache has the same rule).</para>
/// </summary>
public sealed class ObjectCache
{
    /// <summary>The built-in index of objects by namespace ("" for cluster-scoped objects).</summary>
    public const string NamespaceIndex = "namespace";

    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, JsonObject> _items = [];
    private readonly Dictionary<string, Func<JsonObject, IEnumerable<string>>> _indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<ObjectKey>>> _indices = new(StringComparer.Ordinal);

    public ObjectCache()
    {
        AddIndexer(NamespaceIndex, o => [o.Namespace() ?? ""]);
    }

    public int Count { get { lock (_gate) return _items.Count; } }

    /// <summary>Adds an indexer; existing objects are indexed at once. Names must be unique.</summary>
    public void AddIndexer(string name, Func<JsonObject, IEnumerable<string>> indexer)
    {
        lock (_gate)
        {
            if (!_indexers.TryAdd(name, indexer)) throw new InvalidOperationException($"indexer {name} already exists");
            var index = _indices[name] = new Dictionary<string, HashSet<ObjectKey>>(StringComparer.Ordinal);
            foreach (var (key, obj) in _items) AddToIndex(index, indexer, key, obj);
        }
    }

    /// <summary>Adds the indexer unless one of that name exists (then the existing one stays); safe to call on every
    /// reconcile.</summary>
    public void EnsureIndexer(string name, Func<JsonObject, IEnumerable<string>> indexer)
    {
        lock (_gate)
        {
            if (_indexers.ContainsKey(name)) return;
            AddIndexer(name, indexer);
        }
    }

    public JsonObject? Get(ObjectKey key) { lock (_gate) return _items.GetValueOrDefault(key); }

    public JsonObject? Get(string? ns, string name) => Get(new ObjectKey(ns ?? "", name));

    public IReadOnlyList<JsonObject> List() { lock (_gate) return [.. _items.Values]; }

    public IReadOnlyList<ObjectKey> Keys() { lock (_gate) return [.. _items.Keys]; }

    /// <summary>Objects in a namespace (all namespaces when <paramref name="ns"/> is null).</summary>
    public IReadOnlyList<JsonObject> List(string? ns) => ns is null ? List() : ByIndex(NamespaceIndex, ns);

    /// <summary>Objects whose indexer produced <paramref name="value"/>.</summary>
    public IReadOnlyList<JsonObject> ByIndex(string indexName, string value)
    {
        lock (_gate)
        {
            if (!_indices.TryGetValue(indexName, out var index)) throw new InvalidOperationException($"no indexer {indexName}");
            return index.TryGetValue(value, out var keys) ? keys.Select(k => _items[k]).ToList() : [];
        }
    }

    /// <summary>Stores an object; returns the previous one.</summary>
    internal JsonObject? Upsert(JsonObject obj)
    {
        var key = obj.Key();
        lock (_gate)
        {
            _items.TryGetValue(key, out var old);
            if (old is not null) Unindex(key, old);
            _items[key] = obj;
            foreach (var (name, indexer) in _indexers) AddToIndex(_indices[name], indexer, key, obj);
            return old;
        }
    }

    /// <summary>Removes an object; returns the last one stored.</summary>
    internal JsonObject? Remove(ObjectKey key)
    {
        lock (_gate)
        {
            if (!_items.Remove(key, out var old)) return null;
            Unindex(key, old);
            return old;
        }
    }

    private void Unindex(ObjectKey key, JsonObject old)
    {
        foreach (var (name, indexer) in _indexers)
        {
            var index = _indices[name];
            foreach (var v in indexer(old))
            {
                if (!index.TryGetValue(v, out var set)) continue;
                set.Remove(key);
                if (set.Count == 0) index.Remove(v);
            }
        }
    }

    private static void AddToIndex(Dictionary<string, HashSet<ObjectKey>> index, Func<JsonObject, IEnumerable<string>> indexer, ObjectKey key, JsonObject obj)
    {
        foreach (var v in indexer(obj))
        {
            if (!index.TryGetValue(v, out var set)) index[v] = set = [];
            set.Add(key);
        }
    }
}
