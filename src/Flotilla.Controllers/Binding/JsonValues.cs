using System.Globalization;
using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Binding;

/// <summary>Reads numbers and booleans from JSON nodes whatever CLR type backs them (parsed or built in memory).</summary>
public static class JsonValues
{
    public static long? Long(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        return long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
    }

    public static int Int(JsonNode? node) => (int)(Long(node) ?? 0);

    public static bool True(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
