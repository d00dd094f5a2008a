using System.Text.Json.Nodes;
using Flotilla.ApiServer.Patch;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Patch;

public class ManagedFieldsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly IPatchMetaProvider Meta = BuiltInPatchMeta.Instance;

    private static JsonObject Pod(string image = "nginx", string extra = "") => Json.Obj(
        "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'default','uid':'u1','resourceVersion':'5','labels':{'app':'a'}}," +
        "'spec':{'containers':[{'name':'c','image':'" + image + "'}]" + extra + "}}");

    private static FieldSet Fields(JsonObject obj, string manager) =>
        FieldSet.FromFieldsV1(obj.At("metadata")!["managedFields"]!.AsArray().OfType<JsonObject>()
            .Single(e => e["manager"]!.GetValue<string>() == manager)["fieldsV1"] as JsonObject);

    [Fact]
    public void Create_RecordsEveryFieldForTheCreator()
    {
        var created = ManagedFields.RecordUpdate(null, Pod(), "kubectl-create", Meta, "v1", T0);
        var entry = created.At("metadata")!["managedFields"]![0]!.AsObject();
        Assert.Equal("kubectl-create", entry["manager"]!.GetValue<string>());
        Assert.Equal("Update", entry["operation"]!.GetValue<string>());
        Assert.Equal("v1", entry["apiVersion"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05Z", entry["time"]!.GetValue<string>());
        Json.Equal("""
            {"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:name":{}}}}}
            """, entry["fieldsV1"]);
    }

    [Fact]
    public void Update_MovesChangedFieldsToTheWriter()
    {
        var created = ManagedFields.RecordUpdate(null, Pod(), "kubectl-create", Meta, "v1", T0);
        var edited = Pod(image: "nginx:2");
        edited.Metadata()["managedFields"] = created.At("metadata")!["managedFields"]!.DeepClone();
        var result = ManagedFields.RecordUpdate(created, edited, "kubectl-edit", Meta, "v1", T0.AddMinutes(1));

        string[] image = ["f:spec", "f:containers", "k:{\"name\":\"c\"}", "f:image"];
        Assert.True(Fields(result, "kubectl-edit").Contains(image));
        Assert.False(Fields(result, "kubectl-create").Contains(image));
        Assert.True(Fields(result, "kubectl-create").Contains(["f:metadata", "f:labels", "f:app"]));
        Assert.Equal(2, result.At("metadata")!["managedFields"]!.AsArray().Count);
    }

    [Fact]
    public void Update_RemovedFieldLeavesEveryManager()
    {
        var created = ManagedFields.RecordUpdate(null, Pod(extra: ",'nodeName':'n1'"), "kubectl-create", Meta, "v1", T0);
        var result = ManagedFields.RecordUpdate(created, Pod(), "kubectl-edit", Meta, "v1", T0);
        Assert.False(Fields(result, "kubectl-create").Contains(["f:spec", "f:nodeName"]));
        // nothing changed or added for kubectl-edit: no empty entry is written
        Assert.Single(result.At("metadata")!["managedFields"]!.AsArray());
    }

    [Fact]
    public void Update_SameManagerTwice_KeepsOneEntryWithUnion()
    {
        var created = ManagedFields.RecordUpdate(null, Pod(), "ctl", Meta, "v1", T0);
        var result = ManagedFields.RecordUpdate(created, Pod(extra: ",'nodeName':'n1'"), "ctl", Meta, "v1", T0);
        var fields = Fields(result, "ctl");
        Assert.True(fields.Contains(["f:spec", "f:nodeName"]));
        Assert.True(fields.Contains(["f:metadata", "f:labels", "f:app"]));
        Assert.Single(result.At("metadata")!["managedFields"]!.AsArray());
    }

    [Fact]
    public void Update_WithSingleEmptyEntry_StripsManagedFields()
    {
        var created = ManagedFields.RecordUpdate(null, Pod(), "ctl", Meta, "v1", T0);
        var stripped = Pod();
        stripped.Metadata()["managedFields"] = Json.Arr("[{}]");
        var result = ManagedFields.RecordUpdate(created, stripped, "ctl", Meta, "v1", T0);
        Assert.Null(result.At("metadata")!["managedFields"]);
    }

    [Fact]
    public void Entries_SortedApplyFirstThenByTime()
    {
        var created = ManagedFields.RecordUpdate(null, Pod(), "zz-update", Meta, "v1", T0);
        var applied = ServerSideApply.Apply(created, Json.Obj("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','labels':{'x':'1'}}}"),
            "aa-apply", false, Meta, "v1", T0.AddHours(1));
        var managers = applied.At("metadata")!["managedFields"]!.AsArray().Select(e => e!["manager"]!.GetValue<string>()).ToList();
        Assert.Equal(["aa-apply", "zz-update"], managers);
    }

    public static TheoryData<string?, string> UserAgents => new()
    {
        { "kubectl/v1.30.0 (linux/amd64) kubernetes/abc", "kubectl" },
        { "python-requests", "python-requests" },
        { null, "" },
    };

    [Theory]
    [MemberData(nameof(UserAgents))]
    public void DefaultManager_IsUserAgentPrefix(string? userAgent, string expected) =>
        Assert.Equal(expected, ManagedFields.DefaultManager(userAgent));

    [Fact]
    public void FieldSet_FieldsV1RoundTrip()
    {
        var v1 = Json.Obj("""{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:finalizers":{"v:\"a\"":{}},"f:x":{}}}""");
        var set = FieldSet.FromFieldsV1(v1);
        Assert.True(set.Contains(["f:metadata", "f:labels"]));
        Assert.False(set.Contains(["f:metadata"]));
        Assert.True(JsonNode.DeepEquals(v1, set.ToFieldsV1()));
    }

    [Fact]
    public void Create_DeploymentShapesLikeARealServer()
    {
        var deployment = Json.Obj("""
            {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','annotations':{'a':'1'}},
             'spec':{'replicas':1,'selector':{'matchLabels':{'app':'web'}},
               'template':{'metadata':{'creationTimestamp':null,'labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'nginx','ports':[{'containerPort':80,'protocol':'TCP'}]}]}}}}
            """);
        var created = ManagedFields.RecordUpdate(null, deployment, "kubectl-client-side-apply", Meta, "apps/v1", T0);
        Json.Equal("""
            {"f:metadata":{"f:annotations":{".":{},"f:a":{}}},
             "f:spec":{"f:replicas":{},"f:selector":{},
               "f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
                 "f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{},
                   "f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}}}}}}}}
            """, created.At("metadata")!["managedFields"]![0]!["fieldsV1"]);
    }

    [Fact]
    public void Update_MoreThanTenUpdaters_OldestMergeIntoAncientChanges()
    {
        var obj = ManagedFields.RecordUpdate(null, Pod(), "m00", Meta, "v1", T0);
        for (var i = 1; i <= 11; i++)
        {
            var next = (JsonObject)obj.DeepClone();
            next.Metadata()["annotations"] = new JsonObject { ["k" + i] = "v" };
            foreach (var (k, v) in obj.At("metadata")!["annotations"]?.AsObject() ?? new JsonObject())
                next.Metadata()["annotations"]![k] = v?.DeepClone();
            obj = ManagedFields.RecordUpdate(obj, next, "m" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), Meta, "v1", T0.AddMinutes(i));
        }
        var managers = obj.At("metadata")!["managedFields"]!.AsArray().Select(e => e!["manager"]!.GetValue<string>()).ToList();
        Assert.Equal(10, managers.Count);
        Assert.Contains(ManagedFields.AncientChangesManager, managers);
        Assert.DoesNotContain("m00", managers);
        Assert.DoesNotContain("m01", managers);
        Assert.Contains("m11", managers);
        Assert.True(Fields(obj, ManagedFields.AncientChangesManager).Contains(["f:spec", "f:containers", "k:{\"name\":\"c\"}", "f:image"]));
    }
}
