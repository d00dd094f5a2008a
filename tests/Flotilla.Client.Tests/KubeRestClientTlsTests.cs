using System.Net;
using System.Net.Sockets;
using System.Text;
using Flotilla.Client.Config;
using Flotilla.Client.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Flotilla.Client.Tests;

public sealed class KubeRestClientTlsTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public KubeRestClientTlsTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _fixture.Server.ClearRequests();
        _fixture.Server.Handler = ctx => MockApiServer.JsonAsync(ctx, """{"major":"1","minor":"30","gitVersion":"v1.30.0"}""");
    }

    [Fact]
    public async Task GetVersion_RightCa_Succeeds()
    {
        using var client = new KubeRestClient(_fixture.Config);

        var v = await client.GetVersionAsync(CancellationToken.None);

        Assert.Equal("v1.30.0", v.GitVersion);
        Assert.Equal("30", v.Minor);
        var r = _fixture.Server.LastRequest;
        Assert.Equal("/version", r.Path);
        Assert.Equal("application/json", r.Headers["Accept"]);
        Assert.StartsWith("flotilla/", r.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.False(r.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task GetVersion_WrongCa_FailsWithHttpRequestException()
    {
        using var client = new KubeRestClient(_fixture.Config with { CaData = TestPki.Instance.OtherCaPem });

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync(CancellationToken.None));

        Assert.Equal(HttpRequestError.SecureConnectionError, e.HttpRequestError);
        Assert.Empty(_fixture.Server.Requests);
    }

    [Fact]
    public async Task GetVersion_NoCaAndSystemTrust_Fails()
    {
        using var client = new KubeRestClient(_fixture.Config with { CaData = null });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetVersion_CaBundleWithSeveralCertificates_AnyMayAnchor()
    {
        var bundle = Bundle(TestPki.Instance.OtherCaPem, TestPki.Instance.CaPem);
        using var client = new KubeRestClient(_fixture.Config with { CaData = bundle });

        Assert.Equal("v1.30.0", (await client.GetVersionAsync(CancellationToken.None)).GitVersion);
    }

    public static TheoryData<string, bool, bool> IntermediateAnchors => new()
    {
        { "intermediate alone is an anchor (as in Go)", false, true },
        { "root plus intermediate", true, true },
    };

    [Theory]
    [MemberData(nameof(IntermediateAnchors))]
    public async Task ServerSignedByIntermediate_TrustedWhenBundleHoldsIt(string name, bool withRoot, bool ok)
    {
        Assert.NotEmpty(name);
        var pki = TestPki.Instance;
        await using var server = await MockApiServer.StartAsync(serverCertificate: pki.ServerViaIntermediate);
        server.Handler = ctx => MockApiServer.JsonAsync(ctx, """{"gitVersion":"v1.31.0"}""");
        var bundle = withRoot ? Bundle(TestPki.Pem(pki.Intermediate), pki.CaPem) : TestPki.Pem(pki.Intermediate);
        using var client = new KubeRestClient(new RestConfig { Server = server.Url, CaData = bundle });

        if (ok) Assert.Equal("v1.31.0", (await client.GetVersionAsync(CancellationToken.None)).GitVersion);
        else await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync(CancellationToken.None));
    }

    private static byte[] Bundle(params byte[][] pems) => Encoding.ASCII.GetBytes(string.Join('\n', pems.Select(Encoding.ASCII.GetString)) + "\n");

    [Fact]
    public async Task IntermediateAnchor_ThatDidNotSignTheServer_Fails()
    {
        // the fixture's server certificate is signed by the root, not by the intermediate
        using var client = new KubeRestClient(_fixture.Config with { CaData = TestPki.Pem(TestPki.Instance.Intermediate) });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ServerSignedByIntermediate_OtherCa_Fails()
    {
        var pki = TestPki.Instance;
        await using var server = await MockApiServer.StartAsync(serverCertificate: pki.ServerViaIntermediate);
        using var client = new KubeRestClient(new RestConfig { Server = server.Url, CaData = TestPki.Instance.OtherCaPem });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetVersion_Insecure_SucceedsWithoutCa()
    {
        using var client = new KubeRestClient(_fixture.Config with { CaData = TestPki.Instance.OtherCaPem, Insecure = true });

        Assert.Equal("v1.30.0", (await client.GetVersionAsync(CancellationToken.None)).GitVersion);
    }

    public static TheoryData<string, string?, bool> ServerNames => new()
    {
        { "dns SAN", "kubernetes.default.svc", true },
        { "localhost", "localhost", true },
        { "not in SANs", "evil.example", false },
    };

    [Theory]
    [MemberData(nameof(ServerNames))]
    public async Task TlsServerName_CheckedAgainstSans(string name, string? serverName, bool ok)
    {
        Assert.NotEmpty(name);
        using var client = new KubeRestClient(_fixture.Config with { TlsServerName = serverName });

        if (ok) Assert.Equal("v1.30.0", (await client.GetVersionAsync(CancellationToken.None)).GitVersion);
        else await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Localhost_MatchesDnsSan()
    {
        var url = _fixture.Server.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        using var client = new KubeRestClient(_fixture.Config with { Server = url });

        Assert.Equal("v1.30.0", (await client.GetVersionAsync(CancellationToken.None)).GitVersion);
    }

    [Fact]
    public async Task PlainHttp_WorksWithHttp11()
    {
        await using var server = await MockApiServer.StartAsync(https: false);
        server.Handler = ctx => MockApiServer.JsonAsync(ctx, """{"gitVersion":"v1.28.3"}""");
        using var client = new KubeRestClient(new RestConfig { Server = server.Url, Token = "t" });

        Assert.Equal("v1.28.3", (await client.GetVersionAsync(CancellationToken.None)).GitVersion);
        Assert.Equal("HTTP/1.1", server.LastRequest.Protocol);
        Assert.StartsWith("http://127.0.0.1:", server.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProxyUrl_TunnelsThroughProxy()
    {
        await using var proxy = new ConnectProxy();
        using var client = new KubeRestClient(_fixture.Config with { ProxyUrl = proxy.Url });

        Assert.Equal("v1.30.0", (await client.GetVersionAsync(CancellationToken.None)).GitVersion);

        Assert.Equal(new Uri(_fixture.Server.Url).Authority, Assert.Single(proxy.Tunnels));
    }

    [Fact]
    public async Task Metrics_CountAnswersAndFailuresPerHost()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<(string Host, string Code)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == ClientMetrics.MeterName && i.Name == "flotilla.client.requests") l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string host = "", code = "";
            foreach (var t in tags)
            {
                if (t.Key == "host") host = (string)t.Value!;
                if (t.Key == "code") code = (string)t.Value!;
            }
            seen.Add((host, code));
        });
        listener.Start();
        var host = new Uri(_fixture.Server.Url).Authority;
        using var client = new KubeRestClient(_fixture.Config);
        using var wrongCa = new KubeRestClient(_fixture.Config with { CaData = TestPki.Instance.OtherCaPem });

        await client.GetVersionAsync(CancellationToken.None);
        await Assert.ThrowsAsync<HttpRequestException>(() => wrongCa.GetVersionAsync(CancellationToken.None));

        Assert.Contains((host, "200"), seen);
        Assert.Contains((host, "error"), seen);
    }

    [Fact]
    public async Task BearerToken_Sent()
    {
        using var client = new KubeRestClient(_fixture.Config with { Token = "s3cr3t" });

        await client.GetVersionAsync(CancellationToken.None);

        Assert.Equal("Bearer s3cr3t", _fixture.Server.LastRequest.Headers["Authorization"]);
    }

    [Fact]
    public async Task TokenFile_ReadAndSent()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "from-file\n");
            using var client = new KubeRestClient(_fixture.Config with { TokenFile = file });

            await client.GetVersionAsync(CancellationToken.None);

            Assert.Equal("Bearer from-file", _fixture.Server.LastRequest.Headers["Authorization"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task BasicAuth_Sent()
    {
        using var client = new KubeRestClient(_fixture.Config with { Username = "jane", Password = "pw" });

        await client.GetVersionAsync(CancellationToken.None);

        Assert.Equal("Basic " + Convert.ToBase64String("jane:pw"u8.ToArray()), _fixture.Server.LastRequest.Headers["Authorization"]);
    }

    [Fact]
    public async Task Http2_NegotiatedOverTls()
    {
        using var client = new KubeRestClient(_fixture.Config);
        await client.GetVersionAsync(CancellationToken.None);
        Assert.Equal("HTTP/2", _fixture.Server.LastRequest.Protocol);

        using var http1 = new KubeRestClient(_fixture.Config with { PreferHttp2 = false });
        await http1.GetVersionAsync(CancellationToken.None);
        Assert.Equal("HTTP/1.1", _fixture.Server.LastRequest.Protocol);
    }

    public static TheoryData<string, bool> ClientKeys => new() { { "rsa pkcs1", true }, { "ec sec1", false } };

    [Theory]
    [MemberData(nameof(ClientKeys))]
    public async Task ClientCertificate_PresentedToServerThatRequiresIt(string name, bool rsa)
    {
        Assert.NotEmpty(name);
        await using var server = await MockApiServer.StartAsync(clientCertificates: ClientCertificateMode.RequireCertificate);
        server.Handler = ctx => MockApiServer.JsonAsync(ctx, """{"gitVersion":"v1.29.1"}""");
        var pki = TestPki.Instance;
        var cert = rsa ? pki.ClientRsa : pki.ClientEc;
        var key = rsa ? pki.ClientRsaKeyPem : pki.ClientEcKeyPem;
        Assert.Contains(rsa ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY", key, StringComparison.Ordinal);

        // through a kubeconfig, as the CLI writes it
        var kubeconfig = Kubeconfig.ForClientCertificate("m", server.Url, pki.CaPem, TestPki.Pem(cert), Encoding.ASCII.GetBytes(key));
        using var client = KubeRestClient.FromKubeconfig(Kubeconfig.Parse(kubeconfig.ToYaml()));
        var v = await client.GetVersionAsync(CancellationToken.None);

        Assert.Equal("v1.29.1", v.GitVersion);
        Assert.Equal(cert.Subject, server.LastRequest.ClientCertificateSubject);
    }

    [Fact]
    public async Task ClientCertificate_Missing_ServerRejectsHandshake()
    {
        await using var server = await MockApiServer.StartAsync(clientCertificates: ClientCertificateMode.RequireCertificate);
        using var client = new KubeRestClient(new RestConfig { Server = server.Url, CaData = TestPki.Instance.CaPem, PreferHttp2 = false });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync(CancellationToken.None));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ConnectionRefused_ThrowsHttpRequestException_AndProbeReportsUnreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        using var client = new KubeRestClient(new RestConfig { Server = $"https://127.0.0.1:{port}", CaData = TestPki.Instance.CaPem });

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new("", "v1", "pods"), "default", "x", CancellationToken.None));
        Assert.Equal(HttpRequestError.ConnectionError, e.HttpRequestError);

        var probe = await client.ProbeHealthAsync(CancellationToken.None);
        Assert.False(probe.Reachable);
        Assert.False(probe.Healthy);
        Assert.IsType<HttpRequestException>(probe.Error);
    }

    [Fact]
    public async Task ProbeHealth_FallsBackToHealthzWhenReadyzMissing()
    {
        _fixture.Server.Handler = async ctx =>
        {
            if (ctx.Request.Path == "/readyz") { ctx.Response.StatusCode = 404; return; }
            ctx.Response.StatusCode = 500;
            await ctx.Response.WriteAsync("[-]etcd failed", ctx.RequestAborted);
        };
        using var client = new KubeRestClient(_fixture.Config);

        var probe = await client.ProbeHealthAsync(CancellationToken.None);

        Assert.True(probe.Reachable);
        Assert.False(probe.Healthy);
        Assert.Equal(500, probe.StatusCode);
        Assert.Equal("/healthz", probe.Path);
        Assert.Equal("[-]etcd failed", probe.Body);
        Assert.Equal(["/readyz", "/healthz"], _fixture.Server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task RequestTimeout_ThrowsHttpRequestExceptionWithTimeout()
    {
        _fixture.Server.Handler = async ctx => await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
        using var client = new KubeRestClient(_fixture.Config with { Timeout = TimeSpan.FromMilliseconds(300) });

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetVersionAsync(CancellationToken.None));

        Assert.IsType<TimeoutException>(e.InnerException);
    }
}
