using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Schema;

/// <summary>Defensive accessors over unstructured objects (values of the wrong type read as absent).</summary>
internal static class JsonAccess
{
    public static JsonObject? Obj(this JsonObject? o, string key) => o?[key] as JsonObject;
    public static JsonArray? Arr(this JsonObject? o, string key) => o?[key] as JsonArray;

    public static string? Str(this JsonObject? o, string key) =>
        o?[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Int(this JsonObject? o, string key) => o?[key] is JsonValue v ? AsLong(v) : null;

    public static bool? Bool(this JsonObject? o, string key) =>
        o?[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    public static long? AsLong(JsonNode? n)
    {
        if (n is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d) && Math.Floor(d) == d) return (long)d;
        return long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l) ? l : null;
    }

    public static JsonObject EnsureObj(this JsonObject o, string key)
    {
        if (o[key] is JsonObject x) return x;
        x = new JsonObject();
        o[key] = x;
        return x;
    }

    /// <summary>Sets a value only when the property is absent.</summary>
    public static void Default(this JsonObject o, string key, JsonNode value)
    {
        if (!o.ContainsKey(key) || o[key] is null) o[key] = value;
    }

    public static IEnumerable<(int Index, JsonObject Item)> Items(this JsonArray? a)
    {
        if (a is null) yield break;
        for (var i = 0; i < a.Count; i++)
            if (a[i] is JsonObject o) yield return (i, o);
    }

    public static IEnumerable<string> Strings(this JsonArray? a)
    {
        if (a is null) yield break;
        foreach (var n in a)
            if (n is JsonValue v && v.GetValueKind() == JsonValueKind.String) yield return v.GetValue<string>();
    }

    public static bool JsonEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
