using System.Text.Json.Nodes;
using Flotilla.ApiServer.Patch;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Patch;

public class JsonPatchTests
{
    public static TheoryData<string, string, string, string> Applies => new()
    {
        { "A.1 add object member", "{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux'}]", "{'baz':'qux','foo':'bar'}" },
        { "A.2 add array element", "{'foo':['bar','baz']}", "[{'op':'add','path':'/foo/1','value':'qux'}]", "{'foo':['bar','qux','baz']}" },
        { "A.3 remove object member", "{'baz':'qux','foo':'bar'}", "[{'op':'remove','path':'/baz'}]", "{'foo':'bar'}" },
        { "A.4 remove array element", "{'foo':['bar','qux','baz']}", "[{'op':'remove','path':'/foo/1'}]", "{'foo':['bar','baz']}" },
        { "A.5 replace value", "{'baz':'qux','foo':'bar'}", "[{'op':'replace','path':'/baz','value':'boo'}]", "{'baz':'boo','foo':'bar'}" },
        { "A.6 move value", "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
            "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]",
            "{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}" },
        { "A.7 move array element", "{'foo':['all','grass','cows','eat']}", "[{'op':'move','from':'/foo/1','path':'/foo/3'}]",
            "{'foo':['all','cows','eat','grass']}" },
        { "A.8 test success", "{'baz':'qux','foo':['a',2,'c']}",
            "[{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}]", "{'baz':'qux','foo':['a',2,'c']}" },
        { "A.10 add nested member object", "{'foo':'bar'}", "[{'op':'add','path':'/child','value':{'grandchild':{}}}]",
            "{'foo':'bar','child':{'grandchild':{}}}" },
        { "A.11 ignore unrecognized elements", "{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux','xyz':123}]", "{'foo':'bar','baz':'qux'}" },
        { "A.14 tilde escape ordering", "{'/':9,'~1':10}", "[{'op':'test','path':'/~01','value':10}]", "{'/':9,'~1':10}" },
        { "A.16 add array value", "{'foo':['bar']}", "[{'op':'add','path':'/foo/-','value':['abc','def']}]", "{'foo':['bar',['abc','def']]}" },
        { "slash escape", "{'a/b':1}", "[{'op':'replace','path':'/a~1b','value':2}]", "{'a/b':2}" },
        { "copy deep", "{'a':{'x':[1]}}", "[{'op':'copy','from':'/a','path':'/b'},{'op':'add','path':'/b/x/-','value':2}]", "{'a':{'x':[1]},'b':{'x':[1,2]}}" },
        { "replace whole document", "{'a':1}", "[{'op':'replace','path':'','value':{'b':2}}]", "{'b':2}" },
        { "add replaces existing member", "{'a':1}", "[{'op':'add','path':'/a','value':[1]}]", "{'a':[1]}" },
        { "add null value", "{'a':1}", "[{'op':'add','path':'/b','value':null}]", "{'a':1,'b':null}" },
        { "test null on missing passes", "{'a':1}", "[{'op':'test','path':'/b','value':null}]", "{'a':1}" },
        { "add label to deployment", "{'metadata':{'name':'x','labels':{'app':'a'}},'spec':{'replicas':1}}",
            "[{'op':'add','path':'/metadata/labels/tier','value':'web'},{'op':'replace','path':'/spec/replicas','value':3}]",
            "{'metadata':{'name':'x','labels':{'app':'a','tier':'web'}},'spec':{'replicas':3}}" },
        { "move to same path", "{'a':1}", "[{'op':'move','from':'/a','path':'/a'}]", "{'a':1}" },
        { "numbers compare by value", "{'a':1.0}", "[{'op':'test','path':'/a','value':1}]", "{'a':1.0}" },
    };

    [Theory]
    [MemberData(nameof(Applies))]
    public void Apply_ValidPatch_ProducesExpectedDocument(string name, string doc, string patch, string expected)
    {
        var original = Json.Parse(doc);
        var before = original!.ToJsonString();
        var result = JsonPatch.Apply(original, Json.Arr(patch));
        Json.Equal(expected, result);
        Assert.Equal(before, original.ToJsonString()); // input untouched
        Assert.NotNull(name);
    }

    public static TheoryData<string, string, string, string> Fails => new()
    {
        { "A.9 test error", "{'baz':'qux'}", "[{'op':'test','path':'/baz','value':'bar'}]", "testing value /baz failed" },
        { "A.12 add to nonexistent target", "{'foo':'bar'}", "[{'op':'add','path':'/baz/bat','value':'qux'}]", "doc is missing path: \"/baz/bat\"" },
        { "A.15 string is not number", "{'/':9,'~1':10}", "[{'op':'test','path':'/~01','value':'10'}]", "testing value /~01 failed" },
        { "remove missing", "{'a':1}", "[{'op':'remove','path':'/spec/foo'}]", "doc is missing path: \"/spec/foo\"" },
        { "replace missing", "{'a':1}", "[{'op':'replace','path':'/b','value':1}]", "replace operation does not apply" },
        { "index out of range", "{'a':[1]}", "[{'op':'add','path':'/a/5','value':1}]", "invalid index" },
        { "leading zero index", "{'a':[1,2]}", "[{'op':'remove','path':'/a/01'}]", "missing" },
        { "move into own child", "{'a':{'b':1}}", "[{'op':'move','from':'/a','path':'/a/b/c'}]", "prefix" },
        { "copy from missing", "{'a':1}", "[{'op':'copy','from':'/x','path':'/y'}]", "missing from path" },
        { "unknown op", "{'a':1}", "[{'op':'frobnicate','path':'/a'}]", "Unexpected kind: frobnicate" },
        { "add without value", "{'a':1}", "[{'op':'add','path':'/b'}]", "missing value" },
        { "bad pointer", "{'a':1}", "[{'op':'add','path':'a','value':1}]", "start with '/'" },
        { "test missing path", "{'a':1}", "[{'op':'test','path':'/b','value':1}]", "testing value /b failed" },
    };

    [Theory]
    [MemberData(nameof(Fails))]
    public void Apply_InapplicablePatch_Throws422LikeKubeApiserver(string name, string doc, string patch, string detail)
    {
        var original = Json.Parse(doc);
        var before = original!.ToJsonString();
        var ex = Assert.Throws<ApiStatusException>(() => JsonPatch.Apply(original, Json.Arr(patch)));
        Assert.Equal(422, ex.Code);
        Assert.Equal(StatusReasons.Invalid, ex.Reason);
        Assert.Equal("the server rejected our request due to an error in our request", ex.Message);
        Assert.Contains(detail, PatchErrors.Detail(ex), StringComparison.Ordinal);
        Assert.Equal(before, original.ToJsonString());
        Assert.NotNull(name);
    }

    [Fact]
    public void Apply_FailingLaterOperation_LeavesNoPartialChange()
    {
        var doc = Json.Obj("{'a':1}");
        Assert.Throws<ApiStatusException>(() => JsonPatch.Apply(doc, Json.Arr("[{'op':'add','path':'/b','value':2},{'op':'test','path':'/a','value':5}]")));
        Json.Equal("{'a':1}", doc);
    }

    [Fact]
    public void Apply_OperationNotAnObject_IsBadRequest()
    {
        var ex = Assert.Throws<ApiStatusException>(() => JsonPatch.Apply(Json.Obj("{}"), Json.Arr("[1]")));
        Assert.Equal(400, ex.Code);
    }

    [Fact]
    public void Apply_TooManyOperations_Is413()
    {
        var ops = new JsonArray();
        for (var i = 0; i <= JsonPatch.MaxOperations; i++) ops.Add(new JsonObject { ["op"] = "test", ["path"] = "", ["value"] = null });
        var ex = Assert.Throws<ApiStatusException>(() => JsonPatch.Apply(Json.Obj("{}"), ops));
        Assert.Equal(413, ex.Code);
    }

    [Fact]
    public void StatusBody_MatchesKubernetesShape()
    {
        var ex = Assert.Throws<ApiStatusException>(() => JsonPatch.Apply(Json.Obj("{}"), Json.Arr("[{'op':'remove','path':'/x'}]")));
        var status = ex.ToStatus();
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.Equal(422, status["code"]!.GetValue<int>());
        Assert.Equal("{}", status["details"]!.ToJsonString()); // Go's empty *StatusDetails
    }

    public static TheoryData<string, string[]> Pointers => new()
    {
        { "", [] },
        { "/", [""] },
        { "/a~1b/c~0d/0", ["a/b", "c~d", "0"] },
        { "/~01", ["~1"] },
    };

    [Theory]
    [MemberData(nameof(Pointers))]
    public void Pointer_ParseAndFormat_RoundTrip(string pointer, string[] tokens)
    {
        Assert.Equal(tokens, JsonPointer.Parse(pointer));
        Assert.Equal(pointer, JsonPointer.Format(tokens));
    }
}
