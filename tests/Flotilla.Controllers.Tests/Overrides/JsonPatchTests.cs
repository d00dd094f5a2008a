using System.Text.Json.Nodes;
using Flotilla.Controllers.Overrides;

namespace Flotilla.Controllers.Tests.Overrides;

public class JsonPatchTests
{
    private const string Doc = """{"a":{"b":1,"c/d":2,"e~f":3},"l":[1,2,3]}""";

    public static TheoryData<string, string, string?, string> Valid => new()
    {
        { "add", "/a/x", "5", """{"a":{"b":1,"c/d":2,"e~f":3,"x":5},"l":[1,2,3]}""" },
        { "add", "/a/b", "9", """{"a":{"b":9,"c/d":2,"e~f":3},"l":[1,2,3]}""" },
        { "add", "/l/0", "0", """{"a":{"b":1,"c/d":2,"e~f":3},"l":[0,1,2,3]}""" },
        { "add", "/l/3", "4", """{"a":{"b":1,"c/d":2,"e~f":3},"l":[1,2,3,4]}""" },
        { "add", "/l/-", "4", """{"a":{"b":1,"c/d":2,"e~f":3},"l":[1,2,3,4]}""" },
        { "replace", "/a/c~1d", "\"x\"", """{"a":{"b":1,"c/d":"x","e~f":3},"l":[1,2,3]}""" },
        { "remove", "/a/e~0f", null, """{"a":{"b":1,"c/d":2},"l":[1,2,3]}""" },
        { "remove", "/l/1", null, """{"a":{"b":1,"c/d":2,"e~f":3},"l":[1,3]}""" },
        { "replace", "/l/2", "{\"k\":true}", """{"a":{"b":1,"c/d":2,"e~f":3},"l":[1,2,{"k":true}]}""" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Apply_ValidOperation(string op, string path, string? value, string expected)
    {
        var doc = JsonNode.Parse(Doc);
        var result = JsonPatch.Apply(doc, [new JsonPatchOperation(op, path, value is null ? null : JsonNode.Parse(value))]);
        Assert.Equal(expected, result!.ToJsonString());
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "replace", "/a/missing" },
        { "remove", "/a/missing" },
        { "add", "/missing/x" },
        { "add", "/l/5" },
        { "remove", "/l/3" },
        { "add", "/l/01" },
        { "move", "/a/b" },
        { "add", "a/b" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Apply_InvalidOperation_Throws(string op, string path) =>
        Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(JsonNode.Parse(Doc), [new JsonPatchOperation(op, path, JsonValue.Create(1))]));

    [Fact]
    public void Apply_ValueIsCopied()
    {
        var value = new JsonObject { ["k"] = 1 };
        var doc = JsonNode.Parse("{}")!;
        JsonPatch.Apply(doc, [new JsonPatchOperation("add", "/x", value), new JsonPatchOperation("add", "/y", value)]);
        Assert.Equal("""{"x":{"k":1},"y":{"k":1}}""", doc.ToJsonString());
    }
}
