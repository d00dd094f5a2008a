using System.Text.Json.Nodes;
using Flotilla.Client.Tests.Infrastructure;
using Flotilla.Core;
using Flotilla.Core.Client;
using Microsoft.AspNetCore.Http;

namespace Flotilla.Client.Tests;

public sealed class KubeRestClientRequestTests : IClassFixture<ServerFixture>, IDisposable
{
    private static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    private static readonly GroupVersionResource Clusters = new("cluster.karmada.io", "v1alpha1", "clusters");
    private static readonly GroupVersionResource Namespaces = new("", "v1", "namespaces");
    private readonly ServerFixture _fixture;
    private readonly KubeRestClient _client;

    public KubeRestClientRequestTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _fixture.Server.ClearRequests();
        _fixture.Server.Handler = ctx => MockApiServer.JsonAsync(ctx, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"echo"}}""");
        _client = new KubeRestClient(_fixture.Config);
    }

    public void Dispose() => _client.Dispose();

    private RecordedRequest Last => _fixture.Server.LastRequest;

    private static JsonObject Deployment(string ns = "prod") => KubeObject.Parse(
        $$$"""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"nginx","namespace":"{{{ns}}}"},"spec":{"replicas":2}}""");

    [Fact]
    public async Task Get_Namespaced_GetsObjectPath()
    {
        var obj = await _client.GetAsync(Deployments, "prod", "nginx", CancellationToken.None);

        Assert.Equal("echo", obj!.Name());
        Assert.Equal(("GET", "/apis/apps/v1/namespaces/prod/deployments/nginx", ""), (Last.Method, Last.Path, Last.Query));
    }

    [Fact]
    public async Task Get_ClusterScopedCoreGroup_GetsApiPath()
    {
        await _client.GetAsync(Namespaces, null, "karmada-es-member1", CancellationToken.None);

        Assert.Equal("/api/v1/namespaces/karmada-es-member1", Last.Path);
    }

    [Fact]
    public async Task GetSubresource_GetsScale()
    {
        await _client.GetSubresourceAsync(Deployments, "prod", "nginx", "scale", CancellationToken.None);

        Assert.Equal(("GET", "/apis/apps/v1/namespaces/prod/deployments/nginx/scale"), (Last.Method, Last.Path));
    }

    [Fact]
    public async Task Get_NotFound_ReturnsNull()
    {
        _fixture.Server.Handler = ctx => MockApiServer.JsonAsync(ctx, ApiErrors.NotFound("deployments.apps", "nginx").ToStatus().ToJsonString(), 404);

        Assert.Null(await _client.GetAsync(Deployments, "prod", "nginx", CancellationToken.None));
    }

    [Fact]
    public async Task List_SendsOptionsAndFillsItemKinds()
    {
        _fixture.Server.Handler = ctx => MockApiServer.JsonAsync(ctx, """
            {"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"42","continue":"next","remainingItemCount":3},
             "items":[{"metadata":{"name":"a"}},{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"b"}}]}
            """);

        var list = await _client.ListAsync(Deployments, "prod", new ListOptions { LabelSelector = "app=web", Limit = 2 }, CancellationToken.None);

        Assert.Equal(("GET", "/apis/apps/v1/namespaces/prod/deployments", "?labelSelector=app%3Dweb&limit=2"), (Last.Method, Last.Path, Last.Query));
        Assert.Equal("42", list.ResourceVersion);
        Assert.Equal("next", list.Continue);
        Assert.Equal(3, list.RemainingItemCount);
        Assert.Equal(["a", "b"], list.Items.Select(i => i.Name()));
        Assert.All(list.Items, i => Assert.Equal(new GroupVersionKind("apps", "v1", "Deployment"), i.Gvk()));
    }

    [Fact]
    public async Task Create_PostsToCollectionWithJsonAndQuery()
    {
        await _client.CreateAsync(Deployments, Deployment(), new WriteOptions { DryRun = true, FieldManager = "flotilla", FieldValidation = "Strict" }, CancellationToken.None);

        Assert.Equal(("POST", "/apis/apps/v1/namespaces/prod/deployments", "?dryRun=All&fieldManager=flotilla&fieldValidation=Strict"), (Last.Method, Last.Path, Last.Query));
        Assert.Equal("application/json", Last.ContentType);
        Assert.Equal(2, (int)KubeObject.Parse(Last.Body)["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task Create_ClusterScoped_PostsWithoutNamespace()
    {
        var cluster = KubeObject.Parse("""{"apiVersion":"cluster.karmada.io/v1alpha1","kind":"Cluster","metadata":{"name":"member1"}}""");

        await _client.CreateAsync(Clusters, cluster, null, CancellationToken.None);

        Assert.Equal(("POST", "/apis/cluster.karmada.io/v1alpha1/clusters"), (Last.Method, Last.Path));
    }

    [Fact]
    public async Task Update_StatusSubresource_PutsToStatus()
    {
        await _client.UpdateAsync(Deployments, Deployment(), new WriteOptions { Subresource = "status" }, CancellationToken.None);

        Assert.Equal(("PUT", "/apis/apps/v1/namespaces/prod/deployments/nginx/status", ""), (Last.Method, Last.Path, Last.Query));
        Assert.Equal("application/json", Last.ContentType);
    }

    public static TheoryData<PatchType, string> PatchTypesData => new()
    {
        { PatchType.Json, "application/json-patch+json" },
        { PatchType.Merge, "application/merge-patch+json" },
        { PatchType.StrategicMerge, "application/strategic-merge-patch+json" },
        { PatchType.Apply, "application/apply-patch+yaml" },
    };

    [Theory]
    [MemberData(nameof(PatchTypesData))]
    public async Task Patch_SendsContentType(PatchType type, string contentType)
    {
        await _client.PatchAsync(Deployments, "prod", "nginx", type, "{}", new WriteOptions { Subresource = "scale", Force = true }, CancellationToken.None);

        Assert.Equal(("PATCH", "/apis/apps/v1/namespaces/prod/deployments/nginx/scale"), (Last.Method, Last.Path));
        Assert.Equal(type == PatchType.Apply ? "?force=true" : "", Last.Query);
        Assert.Equal(contentType, Last.ContentType);
        Assert.Equal("{}", Last.Body);
    }

    [Fact]
    public async Task Apply_ServerSideApplyWithManagerAndForce()
    {
        await _client.ApplyAsync(Deployments, Deployment("edge"), "karmada-execution", force: true, null, CancellationToken.None);

        Assert.Equal(("PATCH", "/apis/apps/v1/namespaces/edge/deployments/nginx", "?fieldManager=karmada-execution&force=true"), (Last.Method, Last.Path, Last.Query));
        Assert.Equal("application/apply-patch+yaml", Last.ContentType);
        Assert.Equal("nginx", KubeObject.Parse(Last.Body).Name());
    }

    [Fact]
    public async Task Delete_SendsDeleteOptionsBody()
    {
        await _client.DeleteAsync(Deployments, "prod", "nginx", new DeleteOptions
        {
            PropagationPolicy = "Foreground",
            GracePeriodSeconds = 0,
            PreconditionUid = "u-1",
            DryRun = true,
        }, CancellationToken.None);

        Assert.Equal(("DELETE", "/apis/apps/v1/namespaces/prod/deployments/nginx"), (Last.Method, Last.Path));
        var body = KubeObject.Parse(Last.Body);
        Assert.Equal("DeleteOptions", body.Kind());
        Assert.Equal("Foreground", body.GetString("propagationPolicy"));
        Assert.Equal(0, (int)body["gracePeriodSeconds"]!);
        Assert.Equal("u-1", ((JsonObject)body["preconditions"]!).GetString("uid"));
        Assert.Equal("All", (string)body["dryRun"]![0]!);
    }

    [Fact]
    public async Task Delete_NotFound_ReturnsNull()
    {
        _fixture.Server.Handler = ctx => MockApiServer.JsonAsync(ctx, ApiErrors.NotFound("deployments.apps", "nginx").ToStatus().ToJsonString(), 404);

        Assert.Null(await _client.DeleteAsync(Deployments, "prod", "nginx", null, CancellationToken.None));
    }

    [Fact]
    public async Task Create_InvalidStatus_ThrowsWithReasonAndCauses()
    {
        var invalid = ApiErrors.Invalid("Deployment", "apps", "nginx",
            [new StatusCause(StatusReasons.FieldValueInvalid, "Invalid value: -1: must be greater than or equal to 0", "spec.replicas")]);
        _fixture.Server.Handler = ctx => MockApiServer.JsonAsync(ctx, invalid.ToStatus().ToJsonString(), 422);

        var e = await Assert.ThrowsAsync<ApiStatusException>(() => _client.CreateAsync(Deployments, Deployment(), null, CancellationToken.None));

        Assert.Equal(422, e.Code);
        Assert.Equal(StatusReasons.Invalid, e.Reason);
        Assert.Equal(invalid.Message, e.Message);
        var cause = Assert.Single(e.Details!.Causes!);
        Assert.Equal(("spec.replicas", StatusReasons.FieldValueInvalid), (cause.Field, cause.Reason));
    }

    [Fact]
    public async Task Update_Conflict_ThrowsConflict()
    {
        _fixture.Server.Handler = ctx => MockApiServer.JsonAsync(ctx,
            ApiErrors.Conflict("deployments.apps", "nginx", ApiErrors.StaleObjectMessage).ToStatus().ToJsonString(), 409);

        var e = await Assert.ThrowsAsync<ApiStatusException>(() => _client.UpdateAsync(Deployments, Deployment(), null, CancellationToken.None));

        Assert.True(e.IsConflict);
    }

    [Fact]
    public async Task Error_NotAStatus_SyntheticException()
    {
        _fixture.Server.Handler = async ctx =>
        {
            ctx.Response.StatusCode = 503;
            ctx.Response.Headers.RetryAfter = "7";
            await ctx.Response.WriteAsync("<html>upstream down</html>", ctx.RequestAborted);
        };
        using var client = new KubeRestClient(_fixture.Config with { MaxRetries = 0 });

        var e = await Assert.ThrowsAsync<ApiStatusException>(() => client.ListAsync(Deployments, null, null, CancellationToken.None));

        Assert.Equal(503, e.Code);
        Assert.Equal(StatusReasons.ServiceUnavailable, e.Reason);
        Assert.Contains("upstream down", e.Message, StringComparison.Ordinal);
        Assert.Equal(7, e.Details!.RetryAfterSeconds);
    }

    [Fact]
    public async Task PathPrefix_PrependedToEveryRequest()
    {
        using var proxied = new KubeRestClient(_fixture.Config with { Server = _fixture.Server.Url + "/apis/cluster.karmada.io/v1alpha1/clusters/m1/proxy/" });

        await proxied.GetAsync(Deployments, "prod", "nginx", CancellationToken.None);

        Assert.Equal("/apis/cluster.karmada.io/v1alpha1/clusters/m1/proxy/apis/apps/v1/namespaces/prod/deployments/nginx", Last.Path);
    }

    [Fact]
    public async Task ListAll_FollowsContinueTokens()
    {
        _fixture.Server.Handler = ctx =>
        {
            var cont = ctx.Request.Query["continue"].ToString();
            var json = cont switch
            {
                "" => """{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"10","continue":"p2"},"items":[{"metadata":{"name":"a"}}]}""",
                "p2" => """{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"10","continue":"p3"},"items":[{"metadata":{"name":"b"}}]}""",
                _ => """{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"10"},"items":[{"metadata":{"name":"c"}}]}""",
            };
            return MockApiServer.JsonAsync(ctx, json);
        };

        var all = await _client.ListAllAsync(Deployments, null, new ListOptions { Limit = 1, ResourceVersion = "0" }, CancellationToken.None);

        Assert.Equal(["a", "b", "c"], all.Items.Select(i => i.Name()));
        Assert.Equal("10", all.ResourceVersion);
        Assert.Null(all.Continue);
        Assert.Equal(["?limit=1&resourceVersion=0", "?limit=1&continue=p2", "?limit=1&continue=p3"], _fixture.Server.Requests.Select(r => r.Query));
    }

    [Fact]
    public async Task SendJson_RawPath_ParsesAnswer()
    {
        var node = await _client.SendJsonAsync(HttpMethod.Post, "/apis/coordination.k8s.io/v1/namespaces/karmada-system/leases", new JsonObject { ["a"] = 1 }, CancellationToken.None);

        Assert.Equal("echo", ((JsonObject)node!).Name());
        Assert.Equal(("POST", "/apis/coordination.k8s.io/v1/namespaces/karmada-system/leases", "{\"a\":1}"), (Last.Method, Last.Path, Last.Body));
    }

    [Fact]
    public async Task SendRaw_ReturnsResponseWithoutThrowing()
    {
        _fixture.Server.Handler = ctx => { ctx.Response.StatusCode = 418; return Task.CompletedTask; };

        using var response = await _client.SendAsync(HttpMethod.Get, "/livez", null, CancellationToken.None);

        Assert.Equal(418, (int)response.StatusCode);
    }

    [Fact]
    public async Task TooManyRequests_RetriedAfterRetryAfter_ThenSucceeds()
    {
        var calls = 0;
        _fixture.Server.Handler = ctx =>
        {
            if (Interlocked.Increment(ref calls) <= 2)
            {
                ctx.Response.Headers.RetryAfter = "0";
                return MockApiServer.JsonAsync(ctx, ApiErrors.TooManyRequests("slow down", 0).ToStatus().ToJsonString(), 429);
            }
            return MockApiServer.JsonAsync(ctx, """{"metadata":{"name":"ok"}}""", 201);
        };

        var created = await _client.CreateAsync(Deployments, Deployment(), null, CancellationToken.None);

        Assert.Equal("ok", created.Name());
        Assert.Equal(3, _fixture.Server.Requests.Count);
        Assert.All(_fixture.Server.Requests, r => Assert.Equal("nginx", KubeObject.Parse(r.Body).Name())); // body re-sent
    }

    [Fact]
    public async Task TooManyRequests_BeyondMaxRetries_Throws()
    {
        _fixture.Server.Handler = ctx =>
        {
            ctx.Response.Headers.RetryAfter = "0";
            return MockApiServer.JsonAsync(ctx, ApiErrors.TooManyRequests("slow down", 0).ToStatus().ToJsonString(), 429);
        };
        using var client = new KubeRestClient(_fixture.Config with { MaxRetries = 2 });

        var e = await Assert.ThrowsAsync<ApiStatusException>(() => client.GetAsync(Deployments, "prod", "nginx", CancellationToken.None));

        Assert.Equal(429, e.Code);
        Assert.Equal(3, _fixture.Server.Requests.Count);
    }

    [Fact]
    public async Task InternalError_WithoutRetryAfter_NotRetried()
    {
        _fixture.Server.Handler = ctx => MockApiServer.JsonAsync(ctx, ApiErrors.Internal("boom").ToStatus().ToJsonString(), 500);

        var e = await Assert.ThrowsAsync<ApiStatusException>(() => _client.GetAsync(Deployments, "prod", "nginx", CancellationToken.None));

        Assert.Equal((500, StatusReasons.InternalError), (e.Code, e.Reason));
        Assert.Single(_fixture.Server.Requests);
    }
}
