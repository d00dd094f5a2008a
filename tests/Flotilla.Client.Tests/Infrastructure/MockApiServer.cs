using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flotilla.Client.Tests.Infrastructure;

/// <summary>One request the mock server saw.</summary>
public sealed record RecordedRequest(
    string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body,
    string? ContentType, string? ClientCertificateSubject, string Protocol);

/// <summary>
/// A scriptable Kubernetes API server on Kestrel at 127.0.0.1:0 (HTTPS with the test PKI, or plain HTTP).
/// Tests set <see cref="Handler"/>; every request is recorded before the handler runs.
/// </summary>
public sealed class MockApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private MockApiServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public Func<HttpContext, Task> Handler { get; set; } = ctx =>
    {
        ctx.Response.StatusCode = 404;
        return Task.CompletedTask;
    };

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public RecordedRequest LastRequest => _requests.Last();

    public void ClearRequests() => _requests.Clear();

    public static async Task<MockApiServer> StartAsync(bool https = true, ClientCertificateMode clientCertificates = ClientCertificateMode.AllowCertificate,
        X509Certificate2? serverCertificate = null)
    {
        var pki = TestPki.Instance;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = https ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
            if (!https) return;
            listen.UseHttps(o =>
            {
                o.ServerCertificate = serverCertificate ?? pki.Server;
                o.ClientCertificateMode = clientCertificates;
                o.ClientCertificateValidation = (cert, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(pki.Ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(cert);
                };
            });
        }));
        var app = builder.Build();
        MockApiServer? self = null;
        app.Run(async ctx =>
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(ctx.RequestAborted);
            var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            self!._requests.Enqueue(new RecordedRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "", ctx.Request.QueryString.Value ?? "",
                headers, body, ctx.Request.ContentType, ctx.Connection.ClientCertificate?.Subject, ctx.Request.Protocol));
            await self.Handler(ctx);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new MockApiServer(app, address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return self;
    }

    /// <summary>Writes a JSON answer.</summary>
    public static async Task JsonAsync(HttpContext ctx, string json, int status = 200)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(json, ctx.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
