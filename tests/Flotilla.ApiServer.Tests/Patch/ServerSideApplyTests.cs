using System.Text.Json.Nodes;
using Flotilla.ApiServer.Patch;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Patch;

public class ServerSideApplyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    private static readonly IPatchMetaProvider Meta = BuiltInPatchMeta.Instance;

    private static JsonObject Deployment(int replicas = 1, string image = "nginx:1.25", string labels = "'app':'nginx'", string containersExtra = "") =>
        Json.Obj(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','namespace':'default','labels':{" + labels + "}}," +
            "'spec':{'replicas':" + replicas + ",'selector':{'matchLabels':{'app':'nginx'}}," +
            "'template':{'metadata':{'labels':{'app':'nginx'}},'spec':{'containers':[{'name':'nginx','image':'" + image +
            "','ports':[{'containerPort':80}]}" + containersExtra + "]}}}}");

    private static JsonObject Apply(JsonObject? live, JsonObject cfg, string manager = "kubectl", bool force = false, DateTimeOffset? now = null) =>
        ServerSideApply.Apply(live, cfg, manager, force, Meta, "apps/v1", now ?? T0);

    private static JsonObject Entry(JsonObject obj, string manager, string operation = "Apply") =>
        obj.At("metadata")!["managedFields"]!.AsArray().OfType<JsonObject>()
            .Single(e => e.GetString("manager") == manager && e.GetString("operation") == operation);

    private static bool Owns(JsonObject obj, string manager, params string[] path) =>
        obj.At("metadata")!["managedFields"]!.AsArray().OfType<JsonObject>()
            .Where(e => e.GetString("manager") == manager)
            .Any(e => FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject).Contains(path));

    [Fact]
    public void Create_RecordsApplyEntryInFieldsV1()
    {
        var result = Apply(null, Deployment());
        Assert.Equal(1, result.At("spec.replicas")!.GetValue<int>());
        var entry = Entry(result, "kubectl");
        Assert.Equal("apps/v1", entry.GetString("apiVersion"));
        Assert.Equal("2026-01-02T03:04:05Z", entry.GetString("time"));
        Assert.Equal("FieldsV1", entry.GetString("fieldsType"));
        Json.Equal("""
            {"f:metadata":{"f:labels":{"f:app":{}}},
             "f:spec":{"f:replicas":{},"f:selector":{},
               "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},
                 "f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}
            """, entry["fieldsV1"]);
    }

    [Fact]
    public void Reapply_Same_ChangesNothingButTime()
    {
        var first = Apply(null, Deployment());
        var second = Apply(first, Deployment(), now: T1);
        Assert.True(JsonNode.DeepEquals(first["spec"], second["spec"]));
        Assert.True(JsonNode.DeepEquals(Entry(first, "kubectl")["fieldsV1"], Entry(second, "kubectl")["fieldsV1"]));
        Assert.Equal("2026-01-02T03:05:05Z", Entry(second, "kubectl").GetString("time"));
        Assert.Single(second.At("metadata")!["managedFields"]!.AsArray());
    }

    [Fact]
    public void Reapply_ChangedOwnField_TakesNewValue()
    {
        var live = Apply(null, Deployment(replicas: 1));
        var result = Apply(live, Deployment(replicas: 5, image: "nginx:1.26"));
        Assert.Equal(5, result.At("spec.replicas")!.GetValue<int>());
        Assert.Equal("nginx:1.26", result.At("spec.template.spec.containers")![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Reapply_WithoutPreviouslyAppliedField_RemovesIt()
    {
        var live = Apply(null, Deployment(labels: "'app':'nginx','tier':'web'"));
        Assert.Equal("web", live.Label("tier"));
        var result = Apply(live, Deployment());
        Assert.Null(result.Label("tier"));
        Assert.Equal("nginx", result.Label("app"));
        Assert.False(Owns(result, "kubectl", "f:metadata", "f:labels", "f:tier"));
    }

    [Fact]
    public void Reapply_WithoutField_KeepsFieldsOfOtherManagersAndServer()
    {
        // a field nobody applied (set by the server, e.g. a default) survives any apply
        var live = Apply(null, Deployment());
        live.At("spec")!.AsObject()["revisionHistoryLimit"] = 10;
        var result = Apply(live, Deployment());
        Assert.Equal(10, result.At("spec.revisionHistoryLimit")!.GetValue<int>());
    }

    [Fact]
    public void Apply_FieldOwnedByClientSideApplyWithOtherValue_Conflicts409()
    {
        var created = ManagedFields.RecordUpdate(null, Deployment(replicas: 1), "kubectl-client-side-apply", Meta, "apps/v1", T0);
        var ex = Assert.Throws<ApiStatusException>(() => Apply(created, Deployment(replicas: 3)));
        Assert.Equal(409, ex.Code);
        Assert.Equal(StatusReasons.Conflict, ex.Reason);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas", ex.Message);
        var cause = Assert.Single(ex.Details!.Causes!);
        Assert.Equal(StatusReasons.FieldManagerConflict, cause.Reason);
        Assert.Equal("conflict with \"kubectl-client-side-apply\" using apps/v1", cause.Message);
        Assert.Equal(".spec.replicas", cause.Field);
    }

    [Fact]
    public void Apply_SeveralConflicts_ListsThemPerManager()
    {
        var created = ManagedFields.RecordUpdate(null, Deployment(replicas: 1), "kubectl-client-side-apply", Meta, "apps/v1", T0);
        var ex = Assert.Throws<ApiStatusException>(() => Apply(created, Deployment(replicas: 3, image: "nginx:2")));
        Assert.Equal(2, ex.Details!.Causes!.Count);
        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name=\"nginx\"].image",
            ex.Message);
    }

    [Fact]
    public void Apply_ConflictWithOtherApplier_NamesManagerWithoutVersion()
    {
        var live = Apply(null, Deployment(replicas: 1), manager: "hpa-tool");
        var ex = Assert.Throws<ApiStatusException>(() => Apply(live, Deployment(replicas: 2)));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"hpa-tool\": .spec.replicas", ex.Message);
    }

    [Fact]
    public void Apply_Force_TakesOwnership()
    {
        var created = ManagedFields.RecordUpdate(null, Deployment(replicas: 1), "kubectl-client-side-apply", Meta, "apps/v1", T0);
        var result = Apply(created, Deployment(replicas: 3), force: true);
        Assert.Equal(3, result.At("spec.replicas")!.GetValue<int>());
        Assert.True(Owns(result, "kubectl", "f:spec", "f:replicas"));
        Assert.False(Owns(result, "kubectl-client-side-apply", "f:spec", "f:replicas"));
        Assert.True(Owns(result, "kubectl-client-side-apply", "f:spec", "f:selector"));
    }

    [Fact]
    public void Apply_SameValueAsOtherManager_SharesOwnership()
    {
        var created = ManagedFields.RecordUpdate(null, Deployment(replicas: 1), "kubectl-client-side-apply", Meta, "apps/v1", T0);
        var result = Apply(created, Deployment(replicas: 1));
        Assert.True(Owns(result, "kubectl", "f:spec", "f:replicas"));
        Assert.True(Owns(result, "kubectl-client-side-apply", "f:spec", "f:replicas"));
    }

    [Fact]
    public void Apply_SharedFieldDroppedByOneManager_Stays()
    {
        var a = Apply(null, Deployment(labels: "'app':'nginx','team':'x'"), manager: "a");
        var b = Apply(a, Deployment(labels: "'app':'nginx','team':'x'"), manager: "b");
        var result = Apply(b, Deployment(), manager: "a");
        Assert.Equal("x", result.Label("team"));
        Assert.False(Owns(result, "a", "f:metadata", "f:labels", "f:team"));
        Assert.True(Owns(result, "b", "f:metadata", "f:labels", "f:team"));
    }

    [Fact]
    public void Apply_AssociativeList_MergesPerKeyAcrossManagers()
    {
        var sidecar = Json.Obj("""
            {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},
             'spec':{'template':{'spec':{'containers':[{'name':'sidecar','image':'envoy'}]}}}}
            """);
        var live = Apply(null, Deployment(), manager: "app");
        var both = Apply(live, sidecar, manager: "mesh");
        var names = both.At("spec.template.spec.containers")!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["nginx", "sidecar"], names);
        Assert.True(Owns(both, "mesh", "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"sidecar\"}"));
        Assert.False(Owns(both, "mesh", "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"nginx\"}"));

        // the mesh manager stops applying its sidecar: only that element goes
        var withoutSidecar = Json.Obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'}}");
        var result = Apply(both, withoutSidecar, manager: "mesh");
        Assert.Single(result.At("spec.template.spec.containers")!.AsArray());
        Assert.Equal("nginx", result.At("spec.template.spec.containers")![0]!["name"]!.GetValue<string>());
        Assert.DoesNotContain(result.At("metadata")!["managedFields"]!.AsArray(), e => e!["manager"]!.GetValue<string>() == "mesh");
    }

    [Fact]
    public void Apply_ContainerDroppedFromOwnConfig_IsRemoved()
    {
        var live = Apply(null, Deployment(containersExtra: ",{'name':'log','image':'busybox'}"));
        Assert.Equal(2, live.At("spec.template.spec.containers")!.AsArray().Count);
        var result = Apply(live, Deployment());
        Assert.Single(result.At("spec.template.spec.containers")!.AsArray());
    }

    [Fact]
    public void Apply_AtomicList_IsReplaced()
    {
        var withArgs = Deployment();
        withArgs.At("spec.template.spec.containers")![0]!["args"] = new JsonArray("a", "b");
        var live = Apply(null, withArgs);
        var changed = Deployment();
        changed.At("spec.template.spec.containers")![0]!["args"] = new JsonArray("c");
        var result = Apply(live, changed);
        Json.Equal("['c']", result.At("spec.template.spec.containers")![0]!["args"]);
    }

    [Fact]
    public void Apply_OnObjectWithoutManagedFields_ConflictsWithBeforeFirstApply()
    {
        var live = Deployment(replicas: 1);
        var ex = Assert.Throws<ApiStatusException>(() => Apply(live, Deployment(replicas: 2)));
        Assert.Contains("\"before-first-apply\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ManagedFieldsInBody_IsBadRequest()
    {
        var cfg = Deployment();
        cfg.Metadata()["managedFields"] = new JsonArray();
        Assert.Equal(400, Assert.Throws<ApiStatusException>(() => Apply(null, cfg)).Code);
    }

    [Fact]
    public void Apply_InputsAreNotModified()
    {
        var live = Apply(null, Deployment());
        var cfg = Deployment(replicas: 4);
        var liveBefore = live.ToJsonString();
        var cfgBefore = cfg.ToJsonString();
        _ = Apply(live, cfg);
        Assert.Equal(liveBefore, live.ToJsonString());
        Assert.Equal(cfgBefore, cfg.ToJsonString());
    }

    [Fact]
    public void Apply_AfterKubectlEdit_ConflictsWithEditor()
    {
        var live = Apply(null, Deployment(image: "nginx:1"));
        var edited = Deployment(image: "nginx:2");
        edited.Metadata()["managedFields"] = live.At("metadata")!["managedFields"]!.DeepClone();
        var afterEdit = ManagedFields.RecordUpdate(live, edited, "kubectl-edit", Meta, "apps/v1", T1);

        var ex = Assert.Throws<ApiStatusException>(() => Apply(afterEdit, Deployment(image: "nginx:3")));
        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.template.spec.containers[name=\"nginx\"].image",
            ex.Message);
        // re-applying the old value is also a change of a field kubectl-edit owns now
        Assert.Throws<ApiStatusException>(() => Apply(afterEdit, Deployment(image: "nginx:1")));
        // applying the edited value shares it
        var shared = Apply(afterEdit, Deployment(image: "nginx:2"));
        Assert.True(Owns(shared, "kubectl", "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"nginx\"}", "f:image"));
        Assert.True(Owns(shared, "kubectl-edit", "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"nginx\"}", "f:image"));
    }

    [Fact]
    public void Apply_Finalizers_MergedAsSetAndRemovedWhenNoLongerApplied()
    {
        var withFinalizers = Deployment();
        withFinalizers.Metadata()["finalizers"] = new JsonArray("example.com/a", "example.com/b");
        var live = Apply(null, withFinalizers);
        Assert.True(Owns(live, "kubectl", "f:metadata", "f:finalizers", "v:\"example.com/a\""));

        // a controller adds its own finalizer through an update
        var withController = (JsonObject)live.DeepClone();
        withController.Metadata()["finalizers"]!.AsArray().Add("karmada.io/controller");
        var updated = ManagedFields.RecordUpdate(live, withController, "controller", Meta, "apps/v1", T1);

        var onlyA = Deployment();
        onlyA.Metadata()["finalizers"] = new JsonArray("example.com/a");
        var result = Apply(updated, onlyA);
        Assert.Equal(["example.com/a", "karmada.io/controller"], result.Finalizers());
    }

    [Fact]
    public void Apply_LargeAssociativeList_StaysFast()
    {
        var cfg = Deployment();
        var env = new JsonArray();
        for (var i = 0; i < 2000; i++) env.Add(new JsonObject { ["name"] = "V" + i, ["value"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        cfg.At("spec.template.spec.containers")![0]!["env"] = env;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var live = Apply(null, cfg);
        var again = Apply(live, cfg, now: T1);
        sw.Stop();
        Assert.Equal(2000, again.At("spec.template.spec.containers")![0]!["env"]!.AsArray().Count);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"two applies of 2000 env vars took {sw.Elapsed}");
    }

    [Fact]
    public void Reapply_WithoutWholeSubtree_RemovesItAndEmptiedParents()
    {
        var withStrategy = Deployment();
        withStrategy.At("spec")!.AsObject()["strategy"] = Json.Obj("{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}");
        var live = Apply(null, withStrategy);
        var result = Apply(live, Deployment());
        Assert.Null(result.At("spec.strategy"));
        Assert.False(Owns(result, "kubectl", "f:spec", "f:strategy", "f:type"));
    }

    [Fact]
    public void Reapply_WithoutSubtreePartlyOwnedByUpdater_KeepsTheUpdatersPart()
    {
        var withStrategy = Deployment();
        withStrategy.At("spec")!.AsObject()["strategy"] = Json.Obj("{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}");
        var live = Apply(null, withStrategy);
        var edited = (JsonObject)live.DeepClone();
        edited.At("spec.strategy.rollingUpdate")!.AsObject()["maxUnavailable"] = 0;
        var afterEdit = ManagedFields.RecordUpdate(live, edited, "kubectl-edit", Meta, "apps/v1", T1);

        var result = Apply(afterEdit, Deployment());
        Json.Equal("{'rollingUpdate':{'maxUnavailable':0}}", result.At("spec.strategy"));
    }
}
