using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Tests.Interpreter;

/// <summary>Test helpers for JSON fixtures.</summary>
internal static class J
{
    public static JsonObject O(string json) => JsonNode.Parse(json)!.AsObject();

    public static string? S(JsonNode? node) => node?.ToJsonString();

    public static JsonNode? At(JsonNode? node, string dotted)
    {
        foreach (var p in dotted.Split('.'))
        {
            if (node is JsonObject o) node = o[p];
            else if (node is JsonArray a && int.TryParse(p, out var i)) node = i < a.Count ? a[i] : null;
            else return null;
        }
        return node;
    }
}

/// <summary>A clock frozen at a given instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
