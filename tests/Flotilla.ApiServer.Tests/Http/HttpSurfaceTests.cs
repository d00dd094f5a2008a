using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.TestKit;

namespace Flotilla.ApiServer.Tests.Http;

public sealed class HttpSurfaceTests : IAsyncLifetime
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

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage r) => KubeObject.Parse(await r.Content.ReadAsStringAsync());

    private static StringContent Body(string text, string contentType = "application/json") =>
        new(text, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));

    [Fact]
    public async Task NoToken_Is401Status_ButHealthAndVersionAreOpen()
    {
        using var anon = _server.Client(withToken: false);
        var r = await anon.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        var status = await JsonAsync(r);
        Assert.Equal("Status", status.Kind());
        Assert.Equal("Unauthorized", status.GetString("reason"));
        Assert.Equal(401, (int)status["code"]!);
        using var bad = _server.Client(withToken: false);
        bad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync(new Uri("/api", UriKind.Relative))).StatusCode);
        Assert.Equal("ok", await anon.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        Assert.Contains("readyz check passed", await anon.GetStringAsync(new Uri("/readyz?verbose", UriKind.Relative)), StringComparison.Ordinal);
        var version = KubeObject.Parse(await anon.GetStringAsync(new Uri("/version", UriKind.Relative)));
        var minor = int.Parse(version.GetString("minor")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(minor, 28, 33);
        Assert.NotNull(version.GetString("flotillaVersion"));
    }

    [Fact]
    public async Task Discovery_ListsKindsWithShortNamesAndSubresources()
    {
        var core = await JsonAsync(await _client.GetAsync(new Uri("/api/v1", UriKind.Relative)));
        var resources = core["resources"]!.AsArray().OfType<JsonObject>().ToList();
        var cm = resources.Single(r => r.GetString("name") == "configmaps");
        Assert.Equal("cm", cm["shortNames"]![0]!.GetValue<string>());
        Assert.True((bool)cm["namespaced"]!);
        var pp = await JsonAsync(await _client.GetAsync(new Uri("/apis/policy.karmada.io/v1alpha1", UriKind.Relative)));
        Assert.Contains(pp["resources"]!.AsArray().OfType<JsonObject>(), r => r.GetString("name") == "propagationpolicies" && r["shortNames"]![0]!.GetValue<string>() == "pp");
        var apps = await JsonAsync(await _client.GetAsync(new Uri("/apis/apps/v1", UriKind.Relative)));
        Assert.Contains(apps["resources"]!.AsArray().OfType<JsonObject>(), r => r.GetString("name") == "deployments/scale" && r.GetString("kind") == "Scale");
        var groups = await JsonAsync(await _client.GetAsync(new Uri("/apis", UriKind.Relative)));
        var work = groups["groups"]!.AsArray().OfType<JsonObject>().Single(g => g.GetString("name") == "work.karmada.io");
        Assert.Equal("v1alpha2", work["preferredVersion"]!["version"]!.GetValue<string>());

        using var req = new HttpRequestMessage(HttpMethod.Get, "/apis");
        req.Headers.Accept.ParseAdd("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        var agg = await _client.SendAsync(req);
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", agg.Content.Headers.ContentType!.ToString().Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("APIGroupDiscoveryList", (await JsonAsync(agg)).Kind());
    }

    [Fact]
    public async Task AccessReviews_AreAnsweredAndNeverStored()
    {
        var access = await _client.PostAsync(new Uri("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", UriKind.Relative),
            Body("""{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"verb":"create","group":"apps","resource":"deployments"}}}"""));
        Assert.Equal(HttpStatusCode.Created, access.StatusCode);
        var review = await JsonAsync(access);
        Assert.True(review["status"]!["allowed"]!.GetValue<bool>());
        Assert.Equal("deployments", review["spec"]!["resourceAttributes"]!["resource"]!.GetValue<string>());

        var who = await JsonAsync(await _client.PostAsync(new Uri("/apis/authentication.k8s.io/v1/selfsubjectreviews", UriKind.Relative),
            Body("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""")));
        Assert.Equal("kubernetes-admin", who["status"]!["userInfo"]!["username"]!.GetValue<string>());
        Assert.Null(who["spec"]);

        var token = await JsonAsync(await _client.PostAsync(new Uri("/apis/authentication.k8s.io/v1/tokenreviews", UriKind.Relative),
            Body("""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"not-a-token"}}""")));
        Assert.False(token["status"]!["authenticated"]!.GetValue<bool>());

        var wrongNamespace = await _client.PostAsync(new Uri("/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews", UriKind.Relative),
            Body("""{"kind":"LocalSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","spec":{"user":"bob","resourceAttributes":{"namespace":"other","verb":"get","resource":"pods"}}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, wrongNamespace.StatusCode);
        var list = await _client.GetAsync(new Uri("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, list.StatusCode);
    }

    [Fact]
    public async Task Crud_YamlBody_GetUpdateConflictDelete()
    {
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  port: \"80\"\n  enabled: \"true\"\n";
        var created = await _client.PostAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative), Body(yaml, "application/yaml"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cm = await JsonAsync(created);
        Assert.Equal("80", cm["data"]!["port"]!.GetValue<string>());

        var got = await JsonAsync(await _client.GetAsync(new Uri("/api/v1/namespaces/default/configmaps/web", UriKind.Relative)));
        Assert.Equal(cm.ResourceVersion(), got.ResourceVersion());

        got["data"]!["port"] = "8080";
        var put = await _client.PutAsync(new Uri("/api/v1/namespaces/default/configmaps/web", UriKind.Relative), Body(got.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var conflict = await _client.PutAsync(new Uri("/api/v1/namespaces/default/configmaps/web", UriKind.Relative), Body(got.ToJsonString()));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("Conflict", (await JsonAsync(conflict)).GetString("reason"));

        var del = await _client.DeleteAsync(new Uri("/api/v1/namespaces/default/configmaps/web", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, del.StatusCode);
        Assert.Equal("Success", (await JsonAsync(del)).GetString("status"));
        var gone = await _client.GetAsync(new Uri("/api/v1/namespaces/default/configmaps/web", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("configmaps \"web\" not found", (await JsonAsync(gone)).GetString("message"));
    }

    public static TheoryData<string, string, string, string, int> BadRequests => new()
    {
        { "malformed json", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\": {", 400 },
        { "unknown resource", "GET", "/api/v1/widgets", "", 404 },
        { "unknown group", "GET", "/apis/nope.example.com/v1/things", "", 404 },
        { "wrong verb", "POST", "/api/v1/namespaces/default/configmaps/x", "{}", 405 },
        { "unsupported patch", "PATCH", "/api/v1/namespaces/default/configmaps/x", "{}", 415 },
        { "bad selector", "GET", "/api/v1/configmaps?fieldSelector=spec.x%3D1", "", 400 },
        { "invalid name", "POST", "/api/v1/namespaces/default/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Bad_Name\"}}", 422 },
        { "kind mismatch", "POST", "/api/v1/namespaces/default/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"}}", 400 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInput_IsStatusAndChangesNothing(string name, string method, string path, string body, int code)
    {
        _ = name;
        var before = await _server.Api.Api.Storage.CurrentRevisionAsync(CancellationToken.None);
        using var req = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET") req.Content = Body(body, method == "PATCH" ? "application/foo" : "application/json");
        var r = await _client.SendAsync(req);
        Assert.Equal(code, (int)r.StatusCode);
        var status = await JsonAsync(r);
        Assert.Equal("Status", status.Kind());
        Assert.Equal("Failure", status.GetString("status"));
        Assert.Equal(code, (int)status["code"]!);
        Assert.DoesNotContain("   at ", status.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, await _server.Api.Api.Storage.CurrentRevisionAsync(CancellationToken.None));
        if (code == 400 && name == "malformed json") Assert.Contains("line", status.GetString("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_StreamsNewlineDelimitedEvents()
    {
        var list = await JsonAsync(await _client.GetAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative)));
        var rv = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}");
        using var resp = await _client.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        using var reader = new StreamReader(await resp.Content.ReadAsStreamAsync());
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"watched"}}""";
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative), Body(body))).StatusCode);
        var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var ev = KubeObject.Parse(line!);
        Assert.Equal("ADDED", ev.GetString("type"));
        Assert.Equal("watched", (ev["object"] as JsonObject)!.Name());
    }

    [Fact]
    public async Task Table_WhenAsked()
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces");
        req.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");
        var table = await JsonAsync(await _client.SendAsync(req));
        Assert.Equal("Table", table.Kind());
        Assert.Equal("Name", table["columnDefinitions"]![0]!["name"]!.GetValue<string>());
        Assert.Contains(table["rows"]!.AsArray(), row => row!["cells"]![0]!.GetValue<string>() == "default");
    }

    [Fact]
    public async Task Host_StopAndRestart_KeepsStateAndPort()
    {
        await _client.PostAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative), Body("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"kept"}}"""));
        var port = _server.Host.Port;
        await _server.Host.StopAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _client.GetAsync(new Uri("/api/v1/namespaces/default/configmaps/kept", UriKind.Relative)));
        await _server.Host.StartAsync(CancellationToken.None);
        Assert.Equal(port, _server.Host.Port);
        using var fresh = _server.Client();
        await Eventually.UntilAsync(async () => (await fresh.GetAsync(new Uri("/api/v1/namespaces/default/configmaps/kept", UriKind.Relative))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(10), "the restarted listener serves the same state");
    }
}
