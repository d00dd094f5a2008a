using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Flotilla.ApiServer.Hosting;
using Flotilla.ApiServer.Tests.Core;

namespace Flotilla.ApiServer.Tests.Http;

/// <summary>A KubeApi on the memory backend behind Kestrel on 127.0.0.1:0 with TLS and a bearer token.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(TestApi api, ApiServerHost host, ServingCertificates certs, string token)
    {
        Api = api;
        Host = host;
        Certs = certs;
        Token = token;
    }

    public TestApi Api { get; }
    public ApiServerHost Host { get; }
    public ServingCertificates Certs { get; }
    public string Token { get; }

    public static async Task<TestServer> StartAsync()
    {
        var api = await TestApi.StartAsync();
        var certs = ServingCertificates.CreateEphemeral();
        var token = KubeApi.NewToken();
        api.Api.Tokens.AddToken(token);
        var host = new ApiServerHost(api.Api, new ApiServerHostOptions { Port = 0, Certificate = certs.Serving });
        await host.StartAsync(CancellationToken.None);
        return new TestServer(api, host, certs, token);
    }

    public HttpClient Client(bool withToken = true)
    {
        var ca = X509Certificate2.CreateFromPem(Certs.CaPem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                if (cert is null) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(cert);
            },
        };
        var c = new HttpClient(handler) { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        if (withToken) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Api.DisposeAsync();
    }
}
