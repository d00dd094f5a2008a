using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Runtime.Informers;

/// <summary>
/// A typed read view over an <see cref="ObjectCache"/> (e.g. Karmada's typed records): each cached snapshot is
/// deserialised at most once (memoised by object identity, which is safe because snapshots are never mutated).
/// The typed objects are shared too: treat them as read-only.
/// </summary>
public sealed class TypedCache<T>(ObjectCache cache, JsonSerializerOptions? options = null) where T : class
{
    private readonly ConditionalWeakTable<JsonObject, T> _memo = [];
    private readonly JsonSerializerOptions _options = options ?? KubeObject.JsonOptions;

    public T? Get(ObjectKey key) => cache.Get(key) is { } o ? Convert(o) : null;

    public T? Get(string? ns, string name) => Get(new ObjectKey(ns ?? "", name));

    public IReadOnlyList<T> List(string? ns = null) => cache.List(ns).Select(Convert).ToList();

    public IReadOnlyList<T> ByIndex(string indexName, string value) => cache.ByIndex(indexName, value).Select(Convert).ToList();

    private T Convert(JsonObject obj) =>
        _memo.GetValue(obj, o => o.Deserialize<T>(_options) ?? throw new JsonException($"cannot read {typeof(T).Name} from {o.Key()}"));
}
