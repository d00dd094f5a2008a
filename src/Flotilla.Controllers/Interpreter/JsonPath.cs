using System.Globalization;
using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Interpreter;

/// <summary>Small, allocation-light accessors over unstructured JSON used by the native interpreters.</summary>
internal static class JsonPath
{
    public static JsonNode? Get(JsonNode? node, params string[] path)
    {
        foreach (var p in path)
        {
            if (node is not JsonObject o) return null;
            node = o[p];
        }
        return node;
    }

    public static JsonObject? Obj(JsonNode? node, params string[] path) => Get(node, path) as JsonObject;

    public static JsonArray? Arr(JsonNode? node, params string[] path) => Get(node, path) as JsonArray;

    public static string? Str(JsonNode? node, params string[] path) =>
        Get(node, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>An integer field (accepts integral JSON numbers and numeric strings); null when absent or not a number.</summary>
    public static long? Long(JsonNode? node, params string[] path)
    {
        if (Get(node, path) is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d) && Math.Abs(d % 1) < double.Epsilon) return (long)d;
        if (v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)) return p;
        return null;
    }

    public static long LongOrZero(JsonNode? node, params string[] path) => Long(node, path) ?? 0;

    public static bool? Bool(JsonNode? node, params string[] path) =>
        Get(node, path) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>Creates intermediate objects and returns the innermost one.</summary>
    public static JsonObject Ensure(JsonObject root, params string[] path)
    {
        var cur = root;
        foreach (var p in path)
        {
            if (cur[p] is not JsonObject next)
            {
                next = new JsonObject();
                cur[p] = next;
            }
            cur = next;
        }
        return cur;
    }

    /// <summary>Sets an integer field, removing it when zero (Go's omitempty on typed status structs).</summary>
    public static void SetOmitZero(JsonObject o, string key, long value)
    {
        if (value == 0) o.Remove(key);
        else o[key] = value;
    }

    /// <summary>The string values of a JSON object (non-strings are skipped).</summary>
    public static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject o)
            foreach (var (k, v) in o)
                if (v is JsonValue jv && jv.TryGetValue<string>(out var s)) d[k] = s;
        return d;
    }

    public static JsonObject ToJsonObject(IEnumerable<KeyValuePair<string, string>> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map) o[k] = v;
        return o;
    }

    /// <summary>Parses an RFC 3339 time; null when absent or invalid.</summary>
    public static DateTimeOffset? Time(JsonNode? node, params string[] path) =>
        Str(node, path) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>Formats a time the way metav1.Time does (RFC 3339, seconds, UTC "Z").</summary>
    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
