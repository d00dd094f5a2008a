using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Http;

public sealed class HttpResourceTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _client = _server.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private static StringContent Json(string text, string contentType = "application/json") =>
        new(text, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));

    private async Task CreateConfigMapAsync(string name, string? label = null)
    {
        var labels = label is null ? "" : $",\"labels\":{{\"group\":\"{label}\"}}";
        var r = await _client.PostAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative),
            Json($"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"{name}\"{labels}}}}}"));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
    }

    private async Task<List<string>> NamesAsync(string path)
    {
        var list = KubeObject.Parse(await _client.GetStringAsync(new Uri(path, UriKind.Relative)));
        return list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();
    }

    [Fact]
    public async Task DeleteCollection_HonoursLabelSelector()
    {
        await CreateConfigMapAsync("keep");
        await CreateConfigMapAsync("drop-1", "tmp");
        await CreateConfigMapAsync("drop-2", "tmp");
        var r = await _client.DeleteAsync(new Uri("/api/v1/namespaces/default/configmaps?labelSelector=group%3Dtmp", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(["keep"], await NamesAsync("/api/v1/namespaces/default/configmaps"));
    }

    [Fact]
    public async Task Namespaces_DeleteCollectionIsNotAllowed()
    {
        var r = await _client.DeleteAsync(new Uri("/api/v1/namespaces", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, r.StatusCode);
    }

    [Fact]
    public async Task List_PagingOverHttp_AndAllNamespaces()
    {
        for (var i = 0; i < 5; i++) await CreateConfigMapAsync($"p{i}");
        var first = KubeObject.Parse(await _client.GetStringAsync(new Uri("/api/v1/namespaces/default/configmaps?limit=2", UriKind.Relative)));
        Assert.Equal(2, first["items"]!.AsArray().Count);
        var token = first["metadata"]!["continue"]!.GetValue<string>();
        Assert.Equal(3, (int)first["metadata"]!["remainingItemCount"]!);
        var second = KubeObject.Parse(await _client.GetStringAsync(new Uri($"/api/v1/namespaces/default/configmaps?limit=2&continue={Uri.EscapeDataString(token)}", UriKind.Relative)));
        Assert.Equal(["p2", "p3"], second["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal("ConfigMapList", second.Kind());
        Assert.Contains("p4", await NamesAsync("/api/v1/configmaps"));
        var bad = await _client.GetAsync(new Uri("/api/v1/namespaces/default/configmaps?limit=2&continue=bm90LWEtdG9rZW4=", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task LegacyWatchPath_WithName_StreamsThatObject()
    {
        await CreateConfigMapAsync("other");
        using var resp = await _client.GetAsync(new Uri("/api/v1/watch/namespaces/default/configmaps/target", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        using var reader = new StreamReader(await resp.Content.ReadAsStreamAsync());
        await CreateConfigMapAsync("target");
        var ev = KubeObject.Parse((await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!);
        Assert.Equal("ADDED", ev.GetString("type"));
        Assert.Equal("target", ((JsonObject)ev["object"]!).Name());
    }

    [Fact]
    public async Task Watch_SendInitialEvents_EndsInitialListWithBookmark()
    {
        await CreateConfigMapAsync("seed");
        using var resp = await _client.GetAsync(new Uri("/api/v1/namespaces/default/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await resp.Content.ReadAsStreamAsync());
        var first = KubeObject.Parse((await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!);
        Assert.Equal("ADDED", first.GetString("type"));
        var bookmark = KubeObject.Parse((await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!);
        Assert.Equal("BOOKMARK", bookmark.GetString("type"));
        Assert.Equal("true", ((JsonObject)bookmark["object"]!).Annotation("k8s.io/initial-events-end"));
    }

    [Fact]
    public async Task ScaleSubresource_OverHttp()
    {
        var deploy = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""";
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync(new Uri("/apis/apps/v1/namespaces/default/deployments", UriKind.Relative), Json(deploy))).StatusCode);
        var scale = KubeObject.Parse(await _client.GetStringAsync(new Uri("/apis/apps/v1/namespaces/default/deployments/web/scale", UriKind.Relative)));
        Assert.Equal("autoscaling/v1", scale.ApiVersion());
        Assert.Equal("app=web", scale["status"]!["selector"]!.GetValue<string>());
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/web/scale")
        {
            Content = Json("""{"spec":{"replicas":4}}""", "application/merge-patch+json"),
        };
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(patch)).StatusCode);
        var d = KubeObject.Parse(await _client.GetStringAsync(new Uri("/apis/apps/v1/namespaces/default/deployments/web", UriKind.Relative)));
        Assert.Equal(4, (int)d["spec"]!["replicas"]!);
        Assert.Equal(2, d.Generation());
    }

    [Fact]
    public async Task StrategicMergeOnCustomKind_Is415_MergePatchWorks()
    {
        var pp = """{"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"pp"},"spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}],"placement":{"clusterAffinity":{"clusterNames":["m1"]}}}}""";
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync(new Uri("/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies", UriKind.Relative), Json(pp))).StatusCode);
        using var smp = new HttpRequestMessage(HttpMethod.Patch, "/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies/pp")
        {
            Content = Json("""{"spec":{"priority":5}}""", "application/strategic-merge-patch+json"),
        };
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await _client.SendAsync(smp)).StatusCode);
        using var merge = new HttpRequestMessage(HttpMethod.Patch, "/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies/pp")
        {
            Content = Json("""{"spec":{"priority":5}}""", "application/merge-patch+json"),
        };
        var r = await _client.SendAsync(merge);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(5, (int)KubeObject.Parse(await r.Content.ReadAsStringAsync())["spec"]!["priority"]!);
    }

    [Fact]
    public async Task ServerSideApply_CreatesThenUpdates_WithManagedFields()
    {
        const string path = "/api/v1/namespaces/default/configmaps/ssa?fieldManager=test";
        using var create = new HttpRequestMessage(HttpMethod.Patch, path)
        {
            Content = Json("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: \"1\"\n", "application/apply-patch+yaml"),
        };
        var created = await _client.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var obj = KubeObject.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal("test", obj["metadata"]!["managedFields"]![0]!["manager"]!.GetValue<string>());
        using var noManager = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/ssa")
        {
            Content = Json("{}", "application/apply-patch+yaml"),
        };
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _client.SendAsync(noManager)).StatusCode);
    }
}
