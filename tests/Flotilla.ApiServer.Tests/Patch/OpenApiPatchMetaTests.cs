using System.Text.Json.Nodes;
using Flotilla.ApiServer.Patch;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Patch;

public class OpenApiPatchMetaTests
{
    private static readonly GroupVersionKind Widget = new("example.com", "v1", "Widget");

    private static readonly JsonObject Schema = Json.Obj("""
        {'type':'object','properties':{
          'spec':{'type':'object','properties':{
            'endpoints':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],
               'items':{'type':'object','properties':{'name':{'type':'string'},'port':{'type':'integer'}}}},
            'tags':{'type':'array','x-kubernetes-list-type':'set','items':{'type':'string'}},
            'args':{'type':'array','items':{'type':'string'}},
            'selector':{'type':'object','x-kubernetes-map-type':'atomic','additionalProperties':{'type':'string'}},
            'params':{'type':'object','additionalProperties':{'type':'string'}}}}}}
        """);

    private static readonly IPatchMetaProvider Meta =
        new CompositePatchMeta(BuiltInPatchMeta.Instance, new OpenApiPatchMeta(g => g == Widget ? Schema : null));

    public static TheoryData<string[], string?, string?> Lookups => new()
    {
        { ["spec", "endpoints"], "merge", "name" },
        { ["spec", "tags"], "merge", null },
        { ["spec", "args"], null, null },
        { ["spec", "missing"], null, null },
    };

    [Theory]
    [MemberData(nameof(Lookups))]
    public void Lookup_ReadsListExtensions(string[] path, string? strategy, string? key)
    {
        var m = Meta.Lookup(Widget, path);
        Assert.Equal(strategy, m?.Strategy);
        Assert.Equal(key, m?.MergeKey);
    }

    [Fact]
    public void CustomResource_NeverAcceptsStrategicMerge() => Assert.False(StrategicMergePatch.Supports(Widget, Meta));

    [Fact]
    public void ServerSideApply_UsesSchemaForCustomResources()
    {
        var live = ServerSideApply.Apply(null, Json.Obj("""
            {'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},
             'spec':{'endpoints':[{'name':'a','port':1}],'tags':['x'],'selector':{'k':'v'},'params':{'p':'1'}}}
            """), "one", false, Meta, "example.com/v1", DateTimeOffset.UnixEpoch);
        var both = ServerSideApply.Apply(live, Json.Obj("""
            {'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},
             'spec':{'endpoints':[{'name':'b','port':2}],'tags':['y']}}
            """), "two", false, Meta, "example.com/v1", DateTimeOffset.UnixEpoch);
        Json.Equal("[{'name':'a','port':1},{'name':'b','port':2}]", both.At("spec.endpoints"));
        Json.Equal("['x','y']", both.At("spec.tags"));
        var one = FieldSet.FromFieldsV1(both.At("metadata")!["managedFields"]!.AsArray()
            .OfType<JsonObject>().Single(e => e["manager"]!.GetValue<string>() == "one")["fieldsV1"] as JsonObject);
        Assert.True(one.Contains(["f:spec", "f:selector"]));           // atomic map: one leaf
        Assert.True(one.Contains(["f:spec", "f:params", "f:p"]));      // granular map: per key
        Assert.True(one.Contains(["f:spec", "f:tags", "v:\"x\""]));
    }
}
