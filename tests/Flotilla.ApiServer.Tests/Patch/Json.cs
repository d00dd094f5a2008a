using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Tests.Patch;

/// <summary>Test helpers: parse JSON (single quotes allowed for readability) and compare trees.</summary>
internal static class Json
{
    public static JsonNode? Parse(string json) => JsonNode.Parse(json.Replace('\'', '"'));

    public static JsonObject Obj(string json) => (JsonObject)Parse(json)!;

    public static JsonArray Arr(string json) => (JsonArray)Parse(json)!;

    public static void Equal(string expected, JsonNode? actual)
    {
        var e = Parse(expected);
        Assert.True(JsonNode.DeepEquals(e, actual),
            $"expected {e?.ToJsonString() ?? "null"}\n  actual {actual?.ToJsonString() ?? "null"}");
    }
}
