using Flotilla.Client.Tests.Infrastructure;
using Flotilla.Core;
using Microsoft.AspNetCore.Http;

namespace Flotilla.Client.Tests;

public sealed class KubeRestClientDiscoveryTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;
    private volatile bool _workServed;

    public KubeRestClientDiscoveryTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _fixture.Server.ClearRequests();
        _fixture.Server.Handler = ServeDiscoveryAsync;
    }

    private Task ServeDiscoveryAsync(HttpContext ctx)
    {
        var work = _workServed ? """,{"name":"work.karmada.io","versions":[{"groupVersion":"work.karmada.io/v1alpha1","version":"v1alpha1"}]}""" : "";
        return ctx.Request.Path.Value switch
        {
            "/api" => MockApiServer.JsonAsync(ctx, """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}"""),
            "/api/v1" => MockApiServer.JsonAsync(ctx, """
                {"kind":"APIResourceList","groupVersion":"v1","resources":[
                 {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list","watch"],"shortNames":["po"],"categories":["all"]},
                 {"name":"pods/status","singularName":"","namespaced":true,"kind":"Pod","verbs":["get","patch","update"]},
                 {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace","verbs":["get"],"shortNames":["ns"]}]}
                """),
            "/apis" => MockApiServer.JsonAsync(ctx, """
                {"kind":"APIGroupList","apiVersion":"v1","groups":[
                 {"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}},
                 {"name":"metrics.k8s.io","versions":[{"groupVersion":"metrics.k8s.io/v1beta1","version":"v1beta1"}]},
                 {"name":"cluster.karmada.io","versions":[{"groupVersion":"cluster.karmada.io/v1alpha1","version":"v1alpha1"}]}
                """ + work + "]}"),
            "/apis/apps/v1" => MockApiServer.JsonAsync(ctx, """
                {"kind":"APIResourceList","groupVersion":"apps/v1","resources":[
                 {"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["get"],"shortNames":["deploy"]},
                 {"name":"deployments/scale","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get"]}]}
                """),
            "/apis/metrics.k8s.io/v1beta1" => MockApiServer.JsonAsync(ctx, """{"kind":"Status","status":"Failure","reason":"ServiceUnavailable","code":503,"message":"unavailable"}""", 503),
            "/apis/cluster.karmada.io/v1alpha1" => MockApiServer.JsonAsync(ctx, """
                {"kind":"APIResourceList","groupVersion":"cluster.karmada.io/v1alpha1","resources":[
                 {"name":"clusters","singularName":"cluster","namespaced":false,"kind":"Cluster","verbs":["get","create"]}]}
                """),
            "/apis/work.karmada.io/v1alpha1" => MockApiServer.JsonAsync(ctx, """
                {"kind":"APIResourceList","groupVersion":"work.karmada.io/v1alpha1","resources":[
                 {"name":"works","singularName":"work","namespaced":true,"kind":"Work","verbs":["get"]}]}
                """),
            _ => MockApiServer.JsonAsync(ctx, """{"kind":"Status","metadata":{},"status":"Success"}"""),
        };
    }

    [Fact]
    public async Task Discover_CoreAndGroups_SkipsUnavailableGroupVersion()
    {
        using var client = new KubeRestClient(_fixture.Config);

        var all = await client.DiscoverAsync(CancellationToken.None);

        Assert.Equal(["/v1/pods", "/v1/namespaces", "apps/v1/deployments", "cluster.karmada.io/v1alpha1/clusters"],
            all.Select(r => $"{r.Group}/{r.Version}/{r.Plural}"));
        var pods = all[0];
        Assert.True(pods.Namespaced);
        Assert.True(pods.HasStatus);
        Assert.Equal(["po"], pods.ShortNames);
        Assert.False(all[1].Namespaced);
        Assert.NotNull(all[2].Scale);

        await client.DiscoverAsync(CancellationToken.None);
        Assert.Single(_fixture.Server.Requests, r => r.Path == "/apis"); // cached
    }

    [Fact]
    public async Task Resolve_ConcurrentCallers_ShareOneDiscovery()
    {
        using var client = new KubeRestClient(_fixture.Config);
        var kinds = new[] { new GroupVersionKind("apps", "v1", "Deployment"), new GroupVersionKind("", "v1", "Pod"), new GroupVersionKind("", "v1", "Namespace") };

        var resolved = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.ResolveAsync(kinds[i % 3], CancellationToken.None).AsTask()));

        Assert.All(resolved, r => Assert.Contains(r.Gvk, kinds));
        Assert.Single(_fixture.Server.Requests, r => r.Path == "/apis");
    }

    [Fact]
    public async Task Discover_NotAKubernetesServer_ThrowsNotFound()
    {
        _fixture.Server.Handler = ctx => { ctx.Response.StatusCode = 404; return Task.CompletedTask; };
        using var client = new KubeRestClient(_fixture.Config);

        var e = await Assert.ThrowsAsync<ApiStatusException>(() => client.DiscoverAsync(CancellationToken.None).AsTask());

        Assert.True(e.IsNotFound);
    }

    [Fact]
    public async Task Resolve_KnownKind_ReturnsScope()
    {
        using var client = new KubeRestClient(_fixture.Config);

        var cluster = await client.ResolveAsync(new GroupVersionKind("cluster.karmada.io", "v1alpha1", "Cluster"), CancellationToken.None);
        var deploy = await client.ResolveAsync(new GroupVersionKind("apps", "v1", "Deployment"), CancellationToken.None);

        Assert.False(cluster.Namespaced);
        Assert.Equal("clusters", cluster.Plural);
        Assert.True(deploy.Namespaced);
    }

    [Fact]
    public async Task Resolve_KindAppearsLater_RefreshesOnMiss()
    {
        using var client = new KubeRestClient(_fixture.Config with { DiscoveryMinRefreshInterval = TimeSpan.Zero });
        var work = new GroupVersionKind("work.karmada.io", "v1alpha1", "Work");
        await client.DiscoverAsync(CancellationToken.None);

        var missing = await Assert.ThrowsAsync<ApiStatusException>(() => client.ResolveAsync(work, CancellationToken.None).AsTask());
        Assert.True(missing.IsNotFound);
        Assert.Equal("no matches for kind \"Work\" in version \"work.karmada.io/v1alpha1\"", missing.Message);

        _workServed = true; // the CRD got installed
        var resolved = await client.ResolveAsync(work, CancellationToken.None);

        Assert.Equal("works", resolved.Plural);
        Assert.Equal(3, _fixture.Server.Requests.Count(r => r.Path == "/apis"));
    }

    [Fact]
    public async Task Resolve_MissWithinMinInterval_DoesNotRefetch()
    {
        using var client = new KubeRestClient(_fixture.Config with { DiscoveryMinRefreshInterval = TimeSpan.FromMinutes(5) });
        await client.DiscoverAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ApiStatusException>(() => client.ResolveAsync(new("x.io", "v1", "Nope"), CancellationToken.None).AsTask());

        Assert.Single(_fixture.Server.Requests, r => r.Path == "/apis");
        client.InvalidateDiscovery();
        await client.DiscoverAsync(CancellationToken.None);
        Assert.Equal(2, _fixture.Server.Requests.Count(r => r.Path == "/apis"));
    }

    [Fact]
    public async Task Create_KnownClusterScoped_IgnoresStrayNamespace()
    {
        using var client = new KubeRestClient(_fixture.Config);
        await client.DiscoverAsync(CancellationToken.None);
        var cluster = KubeObject.Parse("""{"apiVersion":"cluster.karmada.io/v1alpha1","kind":"Cluster","metadata":{"name":"m1","namespace":"default"}}""");

        await client.CreateAsync(new("cluster.karmada.io", "v1alpha1", "clusters"), cluster, null, CancellationToken.None);

        Assert.Equal("/apis/cluster.karmada.io/v1alpha1/clusters", _fixture.Server.LastRequest.Path);
    }

    [Fact]
    public async Task GetByKind_ResolvesThroughDiscovery()
    {
        using var client = new KubeRestClient(_fixture.Config);

        await client.GetAsync(new GroupVersionKind("", "v1", "Namespace"), "ignored", "karmada-system", CancellationToken.None);

        Assert.Equal("/api/v1/namespaces/karmada-system", _fixture.Server.LastRequest.Path);
    }

    [Fact]
    public async Task Discover_AggregatedDiscovery_TwoRequests()
    {
        _fixture.Server.Handler = ctx =>
        {
            if (!ctx.Request.Headers.Accept.ToString().Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal))
                return MockApiServer.JsonAsync(ctx, "{}", 406);
            return ctx.Request.Path.Value switch
            {
                "/api" => MockApiServer.JsonAsync(ctx, """
                    {"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","metadata":{},"items":[
                     {"metadata":{"creationTimestamp":null},"versions":[{"version":"v1","resources":[
                      {"resource":"pods","responseKind":{"group":"","version":"v1","kind":"Pod"},"scope":"Namespaced","singularResource":"pod",
                       "verbs":["get","list"],"shortNames":["po"],"categories":["all"],
                       "subresources":[{"subresource":"status","responseKind":{"group":"","version":"v1","kind":"Pod"},"verbs":["get"]}]},
                      {"resource":"nodes","responseKind":{"group":"","version":"v1","kind":"Node"},"scope":"Cluster","singularResource":"node","verbs":["get"]}]}]}]}
                    """),
                "/apis" => MockApiServer.JsonAsync(ctx, """
                    {"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","metadata":{},"items":[
                     {"metadata":{"name":"apps"},"versions":[{"version":"v1","resources":[
                      {"resource":"deployments","responseKind":{"group":"apps","version":"v1","kind":"Deployment"},"scope":"Namespaced",
                       "singularResource":"deployment","verbs":["get"],"subresources":[{"subresource":"scale","responseKind":{"group":"autoscaling","version":"v1","kind":"Scale"},"verbs":["get"]}]}],
                      "freshness":"Current"}]}]}
                    """),
                _ => MockApiServer.JsonAsync(ctx, "{}", 500),
            };
        };
        using var client = new KubeRestClient(_fixture.Config);

        var all = await client.DiscoverAsync(CancellationToken.None);

        Assert.Equal(["/v1/Pod/pods", "/v1/Node/nodes", "apps/v1/Deployment/deployments"], all.Select(r => $"{r.Group}/{r.Version}/{r.Kind}/{r.Plural}"));
        Assert.True(all[0].Namespaced && all[0].HasStatus && all[0].Scale is null);
        Assert.Equal(["po"], all[0].ShortNames);
        Assert.False(all[1].Namespaced);
        Assert.NotNull(all[2].Scale);
        Assert.Equal(["/api", "/apis"], _fixture.Server.Requests.Select(r => r.Path));
    }
}
