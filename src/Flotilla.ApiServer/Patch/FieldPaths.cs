using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>
/// Field paths of one kind: builds the field set of an object, finds, reads and removes the value at a path, and
/// prints a path as Kubernetes does (<c>.spec.template.spec.containers[name="nginx"].image</c>).
/// Lists with a merge key are associative (elements "k:{...}"), primitive lists with strategy merge are sets
/// ("v:..."), every other list is atomic (a leaf).
/// </summary>
internal sealed class FieldPaths(IPatchMetaProvider meta, GroupVersionKind gvk)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Fields the server owns; never part of anyone's field set.</summary>
    private static readonly HashSet<string> ServerMetadata = new(StringComparer.Ordinal)
    {
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    };

    public GroupVersionKind Gvk => gvk;

    /// <summary>Patch metadata of the field reached by <paramref name="names"/>.</summary>
    public PatchMeta? Lookup(IReadOnlyList<string> names) => Info(names).Meta;

    public bool IsAtomic(IReadOnlyList<string> names) => Info(names).Atomic;

    public bool IsMap(IReadOnlyList<string> names) => Info(names).Map;

    // what the provider says about a field path, memoised per call (paths repeat for every list element)
    private readonly Dictionary<string, (PatchMeta? Meta, bool Map, bool Atomic)> _info = new(StringComparer.Ordinal);

    private (PatchMeta? Meta, bool Map, bool Atomic) Info(IReadOnlyList<string> names)
    {
        var key = string.Join('\u0000', names);
        if (!_info.TryGetValue(key, out var info))
            _info[key] = info = (meta.Lookup(gvk, names), meta.IsMap(gvk, names), meta.IsAtomic(gvk, names));
        return info;
    }

    public FieldSet ToFieldSet(JsonObject obj)
    {
        var set = new FieldSet();
        var elements = new List<string>();
        var names = new List<string>();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind") continue;
            if (key == "metadata" && value is JsonObject md)
            {
                elements.Add("f:metadata");
                names.Add("metadata");
                foreach (var (mk, mv) in md)
                {
                    if (ServerMetadata.Contains(mk)) continue;
                    AddField(set, elements, names, mk, mv, false);
                }
                elements.Clear();
                names.Clear();
                continue;
            }
            AddField(set, elements, names, key, value, false);
        }
        return set;
    }

    private void AddField(FieldSet set, List<string> elements, List<string> names, string key, JsonNode? value, bool mapEntry)
    {
        if (value is null) return; // null is absent (e.g. Go's "creationTimestamp": null)
        elements.Add("f:" + key);
        names.Add(key);
        AddValue(set, elements, names, value, mapEntry);
        elements.RemoveAt(elements.Count - 1);
        names.RemoveAt(names.Count - 1);
    }

    private void AddValue(FieldSet set, List<string> elements, List<string> names, JsonNode? value, bool member)
    {
        switch (value)
        {
            case JsonObject when IsAtomic(names):
                set.Insert(elements);
                break;
            case JsonObject o when o.Count > 0:
                if (member) set.Insert(elements);
                var isMap = IsMap(names);
                foreach (var (k, v) in o) AddField(set, elements, names, k, v, isMap);
                break;
            case JsonArray a:
                var info = Lookup(names);
                if (info is { IsMerge: true } && info.AssociativeKeys.Count > 0 && a.All(i => i is JsonObject))
                {
                    foreach (var item in a)
                    {
                        elements.Add(KeyElement(info, (JsonObject)item!));
                        set.Insert(elements);
                        AddValue(set, elements, names, item, true);
                        elements.RemoveAt(elements.Count - 1);
                    }
                }
                else if (info is { IsMerge: true, MergeKey: null } && a.All(i => i is JsonValue))
                {
                    foreach (var item in a)
                    {
                        elements.Add("v:" + item!.ToJsonString(Compact));
                        set.Insert(elements);
                        elements.RemoveAt(elements.Count - 1);
                    }
                }
                else set.Insert(elements);
                break;
            default:
                set.Insert(elements);
                break;
        }
    }

    /// <summary>"k:{...}" for an element of an associative list: its key fields, sorted, as compact JSON.</summary>
    public static string KeyElement(PatchMeta info, JsonObject item)
    {
        var key = new JsonObject();
        foreach (var k in info.AssociativeKeys.Order(StringComparer.Ordinal))
        {
            if (item[k] is { } v) key[k] = v.DeepClone();
            else if (info.KeyDefaults?.TryGetValue(k, out var d) == true) key[k] = d;
        }
        return "k:" + key.ToJsonString(Compact);
    }

    /// <summary>Finds the value at <paramref name="path"/>; false when absent.</summary>
    public bool TryGet(JsonNode? root, IReadOnlyList<string> path, out JsonNode? value)
    {
        value = root;
        var names = new List<string>();
        foreach (var e in path)
        {
            if (!TryStep(value, e, names, out value, out _)) return false;
        }
        return true;
    }

    private bool TryStep(JsonNode? node, string element, List<string> names, out JsonNode? child, out int index)
    {
        child = null;
        index = -1;
        var body = element.Length >= 2 ? element[2..] : "";
        switch (element[0])
        {
            case 'f' when node is JsonObject o:
                names.Add(body);
                return o.TryGetPropertyValue(body, out child);
            case 'k' when node is JsonArray a:
                var info = Lookup(names);
                if (info is null) return false;
                if (!KeyIndex(a, info).TryGetValue(element, out index)) return false;
                child = a[index];
                return true;
            case 'v' when node is JsonArray a:
                var wanted = JsonNode.Parse(body);
                for (var i = 0; i < a.Count; i++)
                    if (JsonNode.DeepEquals(a[i], wanted)) { child = a[i]; index = i; return true; }
                return false;
            case 'i' when node is JsonArray a:
                if (!int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out index) || index >= a.Count) return false;
                child = a[index];
                return true;
            default:
                return false;
        }
    }

    // element key -> index, per associative list (by reference); all dropped whenever Remove changes the tree
    private readonly Dictionary<JsonArray, Dictionary<string, int>> _keyIndexes = new(ReferenceEqualityComparer.Instance);

    private Dictionary<string, int> KeyIndex(JsonArray list, PatchMeta info)
    {
        if (_keyIndexes.TryGetValue(list, out var index)) return index;
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
            if (list[i] is JsonObject item) index.TryAdd(KeyElement(info, item), i);
        _keyIndexes[list] = index;
        return index;
    }

    /// <summary>Removes the value at <paramref name="path"/> from <paramref name="root"/>; false when absent.</summary>
    public bool Remove(JsonObject root, IReadOnlyList<string> path)
    {
        if (path.Count == 0) return false;
        JsonNode? parent = root;
        var names = new List<string>();
        for (var i = 0; i < path.Count - 1; i++)
            if (!TryStep(parent, path[i], names, out parent, out _)) return false;
        if (!TryStep(parent, path[^1], names, out _, out var index)) return false;
        if (parent is JsonObject po) po.Remove(path[^1][2..]);
        else if (parent is JsonArray pa) pa.RemoveAt(index);
        _keyIndexes.Clear();
        return true;
    }

    /// <summary>
    /// True when the path (ending in a field) names a granular map or a merging list: Kubernetes records such a
    /// node itself (".") in the set of the writer that created it.
    /// </summary>
    public bool IsCollection(IReadOnlyList<string> path)
    {
        if (path.Count == 0 || !path[^1].StartsWith("f:", StringComparison.Ordinal)) return false;
        var names = path.Where(e => e.StartsWith("f:", StringComparison.Ordinal)).Select(e => e[2..]).ToList();
        if (IsMap(names)) return true;
        // PodSpec.containers is the one merging list Go always serialises (no omitempty): never "created"
        return names[^1] != "containers" && Lookup(names) is { IsMerge: true };
    }

    /// <summary>True when the path names a key field of an associative list element (never removed on its own).</summary>
    public static bool IsListKeyField(IReadOnlyList<string> path)
    {
        if (path.Count < 2 || !path[^2].StartsWith("k:", StringComparison.Ordinal) || !path[^1].StartsWith("f:", StringComparison.Ordinal))
            return false;
        return JsonNode.Parse(path[^2][2..]) is JsonObject key && key.ContainsKey(path[^1][2..]);
    }

    /// <summary>Drops paths of <paramref name="set"/> that no longer exist in <paramref name="obj"/>.</summary>
    public void PruneTo(FieldSet set, JsonObject obj)
    {
        foreach (var p in set.Paths().ToList())
            if (!TryGet(obj, p, out _)) set.Remove(p);
    }

    /// <summary>Kubernetes' printed form of a field path.</summary>
    public static string Display(IReadOnlyList<string> path)
    {
        var sb = new StringBuilder();
        foreach (var e in path)
        {
            var body = e[2..];
            switch (e[0])
            {
                case 'f': sb.Append('.').Append(body); break;
                case 'k':
                    var key = JsonNode.Parse(body) as JsonObject;
                    sb.Append('[').Append(string.Join(",", key?.Select(kv => kv.Key + "=" + kv.Value?.ToJsonString(Compact)) ?? [])).Append(']');
                    break;
                case 'v': sb.Append("[=").Append(body).Append(']'); break;
                default: sb.Append('[').Append(body).Append(']'); break;
            }
        }
        return sb.ToString();
    }
}
