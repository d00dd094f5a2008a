using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flotilla.Core;

/// <summary>
/// Metadata helpers over an unstructured object (a <see cref="JsonObject"/> holding apiVersion, kind, metadata, ...).
/// Every part of Flotilla works on unstructured objects; typed records exist only for Karmada's own kinds.
/// </summary>
public static class KubeObject
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonObject Parse(ReadOnlySpan<byte> utf8) =>
        JsonNode.Parse(utf8) as JsonObject ?? throw new JsonException("expected a JSON object");

    public static JsonObject Parse(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new JsonException("expected a JSON object");

    public static byte[] ToUtf8(this JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node);

    public static JsonObject DeepCloneObject(this JsonObject obj) => (JsonObject)obj.DeepClone();

    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m) return m;
        m = new JsonObject();
        obj["metadata"] = m;
        return m;
    }

    public static string? GetString(this JsonObject? obj, string property) =>
        obj?[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string? ApiVersion(this JsonObject obj) => obj.GetString("apiVersion");
    public static string? Kind(this JsonObject obj) => obj.GetString("kind");
    public static string? Name(this JsonObject obj) => (obj["metadata"] as JsonObject).GetString("name");
    public static string? Namespace(this JsonObject obj) => (obj["metadata"] as JsonObject).GetString("namespace");
    public static string? Uid(this JsonObject obj) => (obj["metadata"] as JsonObject).GetString("uid");
    public static string? ResourceVersion(this JsonObject obj) => (obj["metadata"] as JsonObject).GetString("resourceVersion");
    public static string? DeletionTimestamp(this JsonObject obj) => (obj["metadata"] as JsonObject).GetString("deletionTimestamp");
    public static bool IsDeleting(this JsonObject obj) => obj.DeletionTimestamp() is not null;

    public static long Generation(this JsonObject obj) => Int64((obj["metadata"] as JsonObject)?["generation"]);

    /// <summary>Reads an integer however the node holds it (long, int, or a parsed JSON number); 0 when absent.</summary>
    public static long Int64(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) => (long)d,
        _ => 0,
    };

    public static GroupVersionKind Gvk(this JsonObject obj) =>
        GroupVersionKind.From(obj.ApiVersion() ?? "", obj.Kind() ?? "");

    public static ObjectKey Key(this JsonObject obj) => new(obj.Namespace() ?? "", obj.Name() ?? "");

    /// <summary>The labels as a read-only view (empty when absent).</summary>
    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj) => StringMap(obj, "labels");
    public static IReadOnlyDictionary<string, string> Annotations(this JsonObject obj) => StringMap(obj, "annotations");

    public static string? Label(this JsonObject obj, string key) =>
        ((obj["metadata"] as JsonObject)?["labels"] as JsonObject).GetString(key);

    public static string? Annotation(this JsonObject obj, string key) =>
        ((obj["metadata"] as JsonObject)?["annotations"] as JsonObject).GetString(key);

    /// <summary>Sets (or with a null value removes) a label; returns true when something changed.</summary>
    public static bool SetLabel(this JsonObject obj, string key, string? value) => SetMapEntry(obj, "labels", key, value);
    public static bool SetAnnotation(this JsonObject obj, string key, string? value) => SetMapEntry(obj, "annotations", key, value);

    public static IReadOnlyList<string> Finalizers(this JsonObject obj) =>
        (obj["metadata"] as JsonObject)?["finalizers"] is JsonArray a
            ? a.Select(n => n?.GetValue<string>() ?? "").ToList()
            : [];

    public static bool HasFinalizer(this JsonObject obj, string finalizer) => obj.Finalizers().Contains(finalizer);

    /// <summary>Adds a finalizer if missing; returns true when something changed.</summary>
    public static bool AddFinalizer(this JsonObject obj, string finalizer)
    {
        var meta = obj.Metadata();
        if (meta["finalizers"] is not JsonArray a) meta["finalizers"] = a = [];
        if (a.Any(n => n?.GetValue<string>() == finalizer)) return false;
        a.Add(finalizer);
        return true;
    }

    /// <summary>Removes a finalizer if present; returns true when something changed.</summary>
    public static bool RemoveFinalizer(this JsonObject obj, string finalizer)
    {
        if (obj.Metadata()["finalizers"] is not JsonArray a) return false;
        var idx = -1;
        for (var i = 0; i < a.Count; i++) if (a[i]?.GetValue<string>() == finalizer) { idx = i; break; }
        if (idx < 0) return false;
        a.RemoveAt(idx);
        if (a.Count == 0) obj.Metadata().Remove("finalizers");
        return true;
    }

    /// <summary>Walks a dotted path such as "spec.template.spec" (no array indexing).</summary>
    public static JsonNode? At(this JsonObject obj, string dottedPath)
    {
        JsonNode? cur = obj;
        foreach (var part in dottedPath.TrimStart('.').Split('.'))
        {
            if (cur is not JsonObject o) return null;
            cur = o[part];
        }
        return cur;
    }

    /// <summary>Creates the intermediate objects of a dotted path and returns the innermost object.</summary>
    public static JsonObject Ensure(this JsonObject obj, string dottedPath)
    {
        var cur = obj;
        foreach (var part in dottedPath.TrimStart('.').Split('.'))
        {
            if (cur[part] is not JsonObject next) { next = new JsonObject(); cur[part] = next; }
            cur = next;
        }
        return cur;
    }

    private static IReadOnlyDictionary<string, string> StringMap(JsonObject obj, string field)
    {
        if ((obj["metadata"] as JsonObject)?[field] is not JsonObject m || m.Count == 0) return Empty;
        var d = new Dictionary<string, string>(m.Count, StringComparer.Ordinal);
        foreach (var (k, v) in m) d[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "";
        return d;
    }

    private static bool SetMapEntry(JsonObject obj, string field, string key, string? value)
    {
        var meta = obj.Metadata();
        var map = meta[field] as JsonObject;
        if (value is null)
        {
            if (map is null || !map.ContainsKey(key)) return false;
            map.Remove(key);
            if (map.Count == 0) meta.Remove(field);
            return true;
        }
        if (map is null) meta[field] = map = new JsonObject();
        if (map.GetString(key) == value) return false;
        map[key] = value;
        return true;
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}

/// <summary>Namespace and name of an object; Namespace is "" for cluster-scoped objects.</summary>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    public override string ToString() => Namespace.Length == 0 ? Name : Namespace + "/" + Name;
}
