using System.Text.Json.Nodes;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.ApiServer.Tests.Core;

/// <summary>
/// The order kube-apiserver handles a write in: decode (prune unknown fields, defaults), record managed fields,
/// mutating admission, then the strategy's generation bump; and server-side apply's typed conversion of the
/// applied configuration.
/// </summary>
public sealed class KubeApiWriteOrderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static JsonObject Policy(bool selectorNamespace)
    {
        var selector = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web" };
        if (selectorNamespace) selector["namespace"] = "default";
        return new JsonObject
        {
            ["apiVersion"] = "policy.karmada.io/v1alpha1",
            ["kind"] = "PropagationPolicy",
            ["metadata"] = new JsonObject { ["name"] = "pp", ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["resourceSelectors"] = new JsonArray(selector),
                ["placement"] = new JsonObject { ["clusterAffinity"] = new JsonObject { ["clusterNames"] = new JsonArray("m1") } },
            },
        };
    }

    [Fact]
    public async Task Patch_ThatMutatingAdmissionUndoes_KeepsGenerationAndWritesNothing()
    {
        await using var t = await TestApi.StartAsync();
        var pps = t.R("policy.karmada.io", "v1alpha1", "propagationpolicies");
        var created = (await t.CreateAsync(pps, Policy(selectorNamespace: false))).ToObject();
        Assert.Equal("default", created["spec"]!["resourceSelectors"]![0]!["namespace"]!.GetValue<string>());

        // What kubectl apply sends for a CRD-backed kind: the list as in the manifest (no namespace); Karmada's
        // mutating webhook puts the namespace back, so the spec, and with it the generation, stays as stored.
        var patch = """{"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}]}}"""u8.ToArray();
        var patched = (await t.Api.PatchAsync(pps, "default", "pp", PatchType.Merge, patch, null, new WriteParams(), None)).ToObject();
        Assert.Equal(1, patched.Generation());
        Assert.Equal(created.ResourceVersion(), patched.ResourceVersion());

        var changed = """{"spec":{"placement":{"clusterAffinity":{"clusterNames":["m2"]}}}}"""u8.ToArray();
        Assert.Equal(2, (await t.Api.PatchAsync(pps, "default", "pp", PatchType.Merge, changed, null, new WriteParams(), None)).ToObject().Generation());
    }

    [Fact]
    public async Task Update_DroppingDefaultedFields_KeepsGeneration()
    {
        await using var t = await TestApi.StartAsync();
        var created = (await t.CreateAsync(t.Deployments, TestApi.Deployment("d"))).ToObject();
        Assert.Equal(600, created["spec"]!["progressDeadlineSeconds"]!.GetValue<int>());
        // The same Deployment as first written (no defaults): defaulting restores the stored spec.
        var again = TestApi.Deployment("d");
        var updated = (await t.Api.UpdateAsync(t.Deployments, "default", "d", again, null, new WriteParams(), None)).ToObject();
        Assert.Equal(1, updated.Generation());
    }

    [Fact]
    public async Task ManagedFields_OwnDefaults_ButNotPrunedUnknownFields()
    {
        await using var t = await TestApi.StartAsync();
        var cm = TestApi.ConfigMap("cm");
        cm["bogus"] = 1;
        var p = new WriteParams { FieldManager = "writer", FieldValidation = "Warn" };
        var stored = (await t.Api.CreateAsync(t.ConfigMaps, "default", cm, p, None)).ToObject();
        Assert.Contains("unknown field \"bogus\"", p.Warnings);
        Assert.Null(stored["bogus"]);
        var fields = stored["metadata"]!["managedFields"]![0]!["fieldsV1"]!.ToJsonString();
        Assert.DoesNotContain("bogus", fields, StringComparison.Ordinal);
        Assert.Contains("f:data", fields, StringComparison.Ordinal);

        var d = (await t.Api.CreateAsync(t.Deployments, "default", TestApi.Deployment("d"), new WriteParams { FieldManager = "kubectl-create" }, None)).ToObject();
        var spec = d["metadata"]!["managedFields"]![0]!["fieldsV1"]!["f:spec"]!.AsObject();
        Assert.NotNull(spec["f:progressDeadlineSeconds"]);
        Assert.NotNull(spec["f:strategy"]!["f:type"]);
    }

    [Fact]
    public async Task ServerSideApply_UndeclaredField_IsBadRequest_WhateverFieldValidation_AndChangesNothing()
    {
        await using var t = await TestApi.StartAsync();
        var p = new WriteParams { FieldManager = "kubectl", FieldValidation = "Ignore" };
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"default","labels":{"any.key/x":"ok"}},"data":{"a":"1"},"bogus":1}"""u8.ToArray();
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => t.Api.PatchAsync(t.ConfigMaps, "default", "cm", PatchType.Apply, body, null, p, None));
        Assert.Equal(400, e.Code);
        Assert.Equal("failed to create typed patch object (default/cm; /v1, Kind=ConfigMap): .bogus: field not declared in schema", e.Message);
        Assert.Null(await t.GetAsync(t.ConfigMaps, "default", "cm"));

        var deployment = TestApi.Deployment("d");
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["bogus"] = true;
        deployment["spec"]!["strategy"] = new JsonObject { ["kind"] = "x" };
        var bytes = System.Text.Encoding.UTF8.GetBytes(deployment.ToJsonString());
        e = await Assert.ThrowsAsync<ApiStatusException>(() => t.Api.PatchAsync(t.Deployments, "default", "d", PatchType.Apply, bytes, null, p, None));
        Assert.Equal(
            "failed to create typed patch object (default/d; apps/v1, Kind=Deployment): errors:\n" +
            "  .spec.template.spec.containers[name=\"c\"].bogus: field not declared in schema\n" +
            "  .spec.strategy.kind: field not declared in schema", e.Message);

        deployment = TestApi.Deployment("d");
        Assert.Equal(1, (await t.Api.PatchAsync(t.Deployments, "default", "d", PatchType.Apply, System.Text.Encoding.UTF8.GetBytes(deployment.ToJsonString()), null, p, None)).ToObject().Generation());
    }
}
