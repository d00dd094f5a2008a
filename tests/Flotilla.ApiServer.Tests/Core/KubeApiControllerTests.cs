using System.Text.Json.Nodes;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Karmada;
using Flotilla.TestKit;

namespace Flotilla.ApiServer.Tests.Core;

/// <summary>The built-in loops: garbage collector, namespace lifecycle, CRD establishing and cleanup.</summary>
public sealed class KubeApiControllerTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static JsonObject OwnedBy(JsonObject dependent, JsonObject owner, bool block = false)
    {
        dependent.Metadata()["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = owner.ApiVersion(), ["kind"] = owner.Kind(), ["name"] = owner.Name(), ["uid"] = owner.Uid(),
            ["blockOwnerDeletion"] = block,
        });
        return dependent;
    }

    [Fact]
    public async Task GarbageCollector_Background_DeletesDependents()
    {
        await using var t = await TestApi.StartAsync();
        var owner = (await t.CreateAsync(t.Deployments, TestApi.Deployment("owner"))).ToObject();
        await t.CreateAsync(t.ConfigMaps, OwnedBy(TestApi.ConfigMap("dep"), owner));
        await t.Api.DeleteAsync(t.Deployments, "default", "owner", new DeleteParams { PropagationPolicy = KubeApi.PropagationBackground }, None);
        Assert.Null(await t.GetAsync(t.Deployments, "default", "owner"));
        await Eventually.UntilAsync(async () => await t.GetAsync(t.ConfigMaps, "default", "dep") is null, Wait, "the dependent is collected");
    }

    [Fact]
    public async Task GarbageCollector_DanglingOwnerAtCreate_IsCollected()
    {
        await using var t = await TestApi.StartAsync();
        var ghost = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["metadata"] = new JsonObject { ["name"] = "ghost", ["uid"] = Guid.NewGuid().ToString() } };
        await t.CreateAsync(t.ConfigMaps, OwnedBy(TestApi.ConfigMap("orphaned"), ghost));
        await Eventually.UntilAsync(async () => await t.GetAsync(t.ConfigMaps, "default", "orphaned") is null, Wait, "an object whose owner does not exist is collected");
    }

    [Fact]
    public async Task GarbageCollector_Orphan_KeepsDependentsWithoutReference()
    {
        await using var t = await TestApi.StartAsync();
        var owner = (await t.CreateAsync(t.Deployments, TestApi.Deployment("owner"))).ToObject();
        await t.CreateAsync(t.ConfigMaps, OwnedBy(TestApi.ConfigMap("dep"), owner));
        var r = await t.Api.DeleteAsync(t.Deployments, "default", "owner", new DeleteParams { PropagationPolicy = KubeApi.PropagationOrphan }, None);
        Assert.False(r.Deleted);
        Assert.True(r.Object.ToObject().HasFinalizer(WellKnownFinalizers.OrphanDependents));
        await Eventually.UntilAsync(async () => await t.GetAsync(t.Deployments, "default", "owner") is null, Wait, "the owner goes once orphaning is done");
        var dep = await t.GetAsync(t.ConfigMaps, "default", "dep");
        Assert.NotNull(dep);
        Assert.Null(dep!.Metadata()["ownerReferences"]);
    }

    [Fact]
    public async Task GarbageCollector_Foreground_OwnerWaitsForBlockingDependents()
    {
        await using var t = await TestApi.StartAsync();
        var owner = (await t.CreateAsync(t.Deployments, TestApi.Deployment("owner"))).ToObject();
        var dep = OwnedBy(TestApi.ConfigMap("dep"), owner, block: true);
        dep.AddFinalizer("example.com/slow");
        await t.CreateAsync(t.ConfigMaps, dep);
        await t.Api.DeleteAsync(t.Deployments, "default", "owner", new DeleteParams { PropagationPolicy = KubeApi.PropagationForeground }, None);
        await Eventually.UntilAsync(async () => (await t.GetAsync(t.ConfigMaps, "default", "dep"))?.IsDeleting() == true, Wait, "the dependent is being deleted");
        var waiting = await t.GetAsync(t.Deployments, "default", "owner");
        Assert.NotNull(waiting);
        Assert.True(waiting!.HasFinalizer(WellKnownFinalizers.ForegroundDeletion));
        await t.Api.UpdateCoreAsync(t.ConfigMaps, "default", "dep", null, new WriteParams(), null, o => { o.RemoveFinalizer("example.com/slow"); return o; }, None);
        await Eventually.UntilAsync(async () => await t.GetAsync(t.Deployments, "default", "owner") is null, Wait, "the owner goes after its dependent");
    }

    [Fact]
    public async Task NamespaceDeletion_RemovesContentsThenNamespace()
    {
        await using var t = await TestApi.StartAsync();
        await t.CreateAsync(t.Namespaces, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "doomed" } });
        await t.CreateAsync(t.ConfigMaps, TestApi.ConfigMap("a", "doomed"));
        await t.CreateAsync(t.Deployments, TestApi.Deployment("d", ns: "doomed"));
        var r = await t.Api.DeleteAsync(t.Namespaces, null, "doomed", DeleteParams.Default, None);
        Assert.False(r.Deleted);
        Assert.Equal("Terminating", (r.Object.ToObject()["status"] as JsonObject).GetString("phase"));
        await Eventually.UntilAsync(async () => await t.GetAsync(t.Namespaces, null, "doomed") is null, Wait, "the namespace is finalized and removed");
        Assert.Null(await t.GetAsync(t.ConfigMaps, "doomed", "a"));
        Assert.Null(await t.GetAsync(t.Deployments, "doomed", "d"));
    }

    private static JsonObject Crd() => KubeObject.Parse("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced",
           "names":{"plural":"widgets","singular":"widget","kind":"Widget","shortNames":["wd"]},
           "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
             "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """);

    [Fact]
    public async Task Crd_ServedAtOnce_EstablishedAndCleanedUpOnDelete()
    {
        await using var t = await TestApi.StartAsync();
        var crds = t.R("apiextensions.k8s.io", "v1", "customresourcedefinitions");
        await t.CreateAsync(crds, Crd());
        var widgets = t.R("example.com", "v1", "widgets");
        Assert.Equal(["wd"], widgets.Resource.ShortNames);
        await t.CreateAsync(widgets, KubeObject.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w1","namespace":"default"},"spec":{"size":3}}"""));
        await Eventually.UntilAsync(async () =>
        {
            var crd = await t.GetAsync(crds, null, "widgets.example.com");
            return crd?["status"]?["conditions"] is JsonArray c && c.Count == 2;
        }, Wait, "the CRD is established");
        await t.Api.DeleteAsync(crds, null, "widgets.example.com", DeleteParams.Default, None);
        await Eventually.UntilAsync(async () => await t.GetAsync(crds, null, "widgets.example.com") is null, Wait, "the CRD goes after its objects");
        Assert.Null(t.Api.Registry.Find(new GroupVersionResource("example.com", "v1", "widgets")));
        Assert.Empty((await t.Api.Storage.ListAsync("/registry/example.com/widgets/", null, 0, 0, None)).Entries);
    }

    [Fact]
    public async Task Crd_InvalidName_IsInvalid()
    {
        await using var t = await TestApi.StartAsync();
        var crd = Crd();
        crd.Metadata()["name"] = "wrong.example.com";
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => t.CreateAsync(t.R("apiextensions.k8s.io", "v1", "customresourcedefinitions"), crd));
        Assert.Equal(422, e.Code);
        Assert.Contains(e.Details!.Causes!, c => c.Field == "metadata.name");
    }
}
