using System.Text.Json.Nodes;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;

namespace Flotilla.ApiServer.Tests.Core;

public sealed class KubeApiCrudTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_SetsServerMetadata()
    {
        await using var t = await TestApi.StartAsync();
        var cm = (await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a"))).ToObject();
        Assert.False(string.IsNullOrEmpty(cm.Uid()));
        Assert.True(long.Parse(cm.ResourceVersion()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", cm.Metadata().GetString("creationTimestamp"));
        Assert.Equal(0, cm.Generation());
        var d = (await t.CreateAsync(t.Deployments, TestApi.Deployment("d"))).ToObject();
        Assert.Equal(1, d.Generation());
        Assert.Null(d["status"]);
    }

    [Fact]
    public async Task Create_ExistingName_IsAlreadyExists()
    {
        await using var t = await TestApi.StartAsync();
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a"));
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a")));
        Assert.Equal(409, e.Code);
        Assert.Equal(StatusReasons.AlreadyExists, e.Reason);
        Assert.Equal("configmaps \"a\" already exists", e.Message);
    }

    [Fact]
    public async Task Create_GenerateName_AppendsRandomSuffix()
    {
        await using var t = await TestApi.StartAsync();
        var cm = TestApi.ConfigMap("");
        cm.Metadata().Remove("name");
        cm.Metadata()["generateName"] = "gen-";
        var created = (await t.CreateAsync(t.ConfigMaps, cm)).ToObject();
        Assert.Matches("^gen-[a-z0-9]{5}$", created.Name());
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("under_score")]
    [InlineData("-dash")]
    public async Task Create_InvalidName_IsInvalidWithCause(string name)
    {
        await using var t = await TestApi.StartAsync();
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap(name)));
        Assert.Equal(422, e.Code);
        Assert.Equal("metadata.name", Assert.Single(e.Details!.Causes!).Field);
    }

    [Fact]
    public async Task Create_MissingNamespace_IsNotFound_TerminatingIsForbidden()
    {
        await using var t = await TestApi.StartAsync();
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a", "nope")));
        Assert.Equal(404, e.Code);
        Assert.Equal("namespaces \"nope\" not found", e.Message);

        await t.CreateAsync(t.Namespaces, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "ns1" } });
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("held", "ns1"));
        await t.Api.UpdateCoreAsync(t.ConfigMaps, "ns1", "held", null, new WriteParams(), null, o => { o.AddFinalizer("test/hold"); return o; }, None);
        await t.Api.DeleteAsync(t.Namespaces, null, "ns1", DeleteParams.Default, None);
        var forbidden = await Assert.ThrowsAsync<ApiStatusException>(() => t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("b", "ns1")));
        Assert.Equal(403, forbidden.Code);
        Assert.Equal("unable to create new content in namespace ns1 because it is being terminated", forbidden.Message);
    }

    [Fact]
    public async Task InitialNamespaces_Exist()
    {
        await using var t = await TestApi.StartAsync();
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease", WellKnownNamespaces.KarmadaSystem, WellKnownNamespaces.KarmadaCluster })
        {
            var obj = await t.GetAsync(t.Namespaces, null, ns);
            Assert.NotNull(obj);
            Assert.Equal("Active", (obj!["status"] as JsonObject).GetString("phase"));
        }
    }

    [Fact]
    public async Task Update_StaleResourceVersion_IsConflict()
    {
        await using var t = await TestApi.StartAsync();
        var v1 = (await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a"))).ToObject();
        var first = v1.DeepCloneObject();
        first["data"] = new JsonObject { ["k"] = "2" };
        await t.Api.UpdateAsync(t.ConfigMaps, "default", "a", first, null, new WriteParams(), None);
        var stale = v1.DeepCloneObject();
        stale["data"] = new JsonObject { ["k"] = "3" };
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => t.Api.UpdateAsync(t.ConfigMaps, "default", "a", stale, null, new WriteParams(), None));
        Assert.Equal(409, e.Code);
        Assert.Equal(StatusReasons.Conflict, e.Reason);
        Assert.Contains(ApiErrors.StaleObjectMessage, e.Message, StringComparison.Ordinal);
        Assert.Equal("2", ((await t.GetAsync(t.ConfigMaps, "default", "a"))!["data"] as JsonObject).GetString("k"));
    }

    [Fact]
    public async Task Update_Generation_BumpsOnSpecChangeOnly()
    {
        await using var t = await TestApi.StartAsync();
        var d = (await t.CreateAsync(t.Deployments, TestApi.Deployment("d"))).ToObject();
        d.SetLabel("x", "y");
        d = (await t.Api.UpdateAsync(t.Deployments, "default", "d", d, null, new WriteParams(), None)).ToObject();
        Assert.Equal(1, d.Generation());
        d["spec"]!["replicas"] = 3;
        d = (await t.Api.UpdateAsync(t.Deployments, "default", "d", d, null, new WriteParams(), None)).ToObject();
        Assert.Equal(2, d.Generation());
        d["status"] = new JsonObject { ["replicas"] = 3 };
        d = (await t.Api.UpdateAsync(t.Deployments, "default", "d", d, "status", new WriteParams(), None)).ToObject();
        Assert.Equal(2, d.Generation());
    }

    [Fact]
    public async Task StatusSubresource_MainWritesKeepStatus_StatusWritesChangeOnlyStatus()
    {
        await using var t = await TestApi.StartAsync();
        var d = (await t.CreateAsync(t.Deployments, TestApi.Deployment("d"))).ToObject();
        var withStatus = d.DeepCloneObject();
        withStatus["status"] = new JsonObject { ["readyReplicas"] = 1 };
        withStatus["spec"]!["replicas"] = 5;
        var afterStatus = (await t.Api.UpdateAsync(t.Deployments, "default", "d", withStatus, "status", new WriteParams(), None)).ToObject();
        Assert.Equal(1, (int)afterStatus["spec"]!["replicas"]!);
        Assert.Equal(1, (int)afterStatus["status"]!["readyReplicas"]!);

        afterStatus["status"] = new JsonObject { ["readyReplicas"] = 99 };
        var afterMain = (await t.Api.UpdateAsync(t.Deployments, "default", "d", afterStatus, null, new WriteParams(), None)).ToObject();
        Assert.Equal(1, (int)afterMain["status"]!["readyReplicas"]!);
    }

    [Fact]
    public async Task StatusWrite_ToAKindWithoutStatus_IsNotFound_AndChangesNothing()
    {
        await using var t = await TestApi.StartAsync();
        var cm = (await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a"))).ToObject();
        var withStatus = cm.DeepCloneObject();
        withStatus["status"] = new JsonObject { ["x"] = 1 };
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => t.Api.UpdateAsync(t.ConfigMaps, "default", "a", withStatus, "status", new WriteParams(), None));
        Assert.True(e.IsNotFound);
        Assert.Equal(cm.ResourceVersion(), (await t.GetAsync(t.ConfigMaps, "default", "a"))!.ResourceVersion());
    }

    [Fact]
    public async Task Update_NoChange_DoesNotWrite()
    {
        await using var t = await TestApi.StartAsync();
        var cm = (await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a"))).ToObject();
        var same = await t.Api.UpdateAsync(t.ConfigMaps, "default", "a", cm.DeepCloneObject(), null, new WriteParams(), None);
        Assert.Equal(cm.ResourceVersion(), same.ToObject().ResourceVersion());
    }

    [Fact]
    public async Task Delete_WithFinalizer_MarksThenGoesWhenFinalizerRemoved()
    {
        await using var t = await TestApi.StartAsync();
        var cm = TestApi.ConfigMap("a");
        cm.AddFinalizer("example.com/hold");
        await t.CreateAsync(t.ConfigMaps, cm);
        var r = await t.Api.DeleteAsync(t.ConfigMaps, "default", "a", DeleteParams.Default, None);
        Assert.False(r.Deleted);
        var marked = await t.GetAsync(t.ConfigMaps, "default", "a");
        Assert.NotNull(marked!.DeletionTimestamp());
        await t.Api.UpdateCoreAsync(t.ConfigMaps, "default", "a", null, new WriteParams(), null, o => { o.RemoveFinalizer("example.com/hold"); return o; }, None);
        Assert.Null(await t.GetAsync(t.ConfigMaps, "default", "a"));
    }

    [Fact]
    public async Task DryRun_ChangesNothing()
    {
        await using var t = await TestApi.StartAsync();
        var created = await t.Api.CreateAsync(t.ConfigMaps, "default", TestApi.ConfigMap("dry"), new WriteParams { DryRun = true }, None);
        Assert.Equal("dry", created.ToObject().Name());
        Assert.Null(await t.GetAsync(t.ConfigMaps, "default", "dry"));
    }

    [Fact]
    public async Task NamespaceMismatch_IsBadRequest()
    {
        await using var t = await TestApi.StartAsync();
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => t.Api.CreateAsync(t.ConfigMaps, "kube-system", TestApi.ConfigMap("a", "default"), new WriteParams(), None));
        Assert.Equal(400, e.Code);
    }

    [Fact]
    public async Task Patch_MergeAndJson_AndScale()
    {
        await using var t = await TestApi.StartAsync();
        await t.CreateAsync(t.Deployments, TestApi.Deployment("d"));
        var merged = (await t.Api.PatchAsync(t.Deployments, "default", "d", PatchType.Merge, """{"metadata":{"labels":{"a":"b"}}}"""u8.ToArray(), null, new WriteParams(), None)).ToObject();
        Assert.Equal("b", merged.Label("a"));
        var jp = (await t.Api.PatchAsync(t.Deployments, "default", "d", PatchType.Json, """[{"op":"replace","path":"/spec/replicas","value":4}]"""u8.ToArray(), null, new WriteParams(), None)).ToObject();
        Assert.Equal(4, (int)jp["spec"]!["replicas"]!);
        var scale = await t.Api.GetScaleAsync(t.Deployments, "default", "d", None);
        Assert.Equal("Scale", scale.Kind());
        Assert.Equal(4, (int)scale["spec"]!["replicas"]!);
        var scaled = await t.Api.UpdateScaleAsync(t.Deployments, "default", "d", s => { s["spec"]!["replicas"] = 7; return s; }, new WriteParams(), None);
        Assert.Equal(7, (int)scaled["spec"]!["replicas"]!);
        Assert.Equal(7, (int)(await t.GetAsync(t.Deployments, "default", "d"))!["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task ServiceAccountTokenSecret_GetsTokenThatAuthenticates()
    {
        await using var t = await TestApi.StartAsync();
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret", ["type"] = "kubernetes.io/service-account-token",
            ["metadata"] = new JsonObject { ["name"] = "sa-token", ["namespace"] = "default", ["annotations"] = new JsonObject { ["kubernetes.io/service-account.name"] = "member1" } },
        };
        var created = (await t.CreateAsync(t.R("", "v1", "secrets"), secret)).ToObject();
        var token = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(created["data"]!["token"]!.GetValue<string>()));
        var user = await t.Api.Tokens.AuthenticateAsync(token, None);
        Assert.Equal("system:serviceaccount:default:member1", user?.Name);
        Assert.Null(await t.Api.Tokens.AuthenticateAsync("not-a-token", None));
    }
}
