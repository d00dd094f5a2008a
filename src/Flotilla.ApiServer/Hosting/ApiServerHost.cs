using System.Net;
using System.Security.Cryptography.X509Certificates;
using Flotilla.ApiServer.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.ApiServer.Hosting;

/// <summary>Where and how one API server listens.</summary>
public sealed class ApiServerHostOptions
{
    public IPAddress Address { get; set; } = IPAddress.Loopback;
    /// <summary>0 picks a free port (kept across <see cref="ApiServerHost.StopAsync"/> / StartAsync).</summary>
    public int Port { get; set; }
    /// <summary>The serving certificate; null serves plain HTTP (tests only).</summary>
    public X509Certificate2? Certificate { get; set; }
}

/// <summary>
/// Kestrel in front of one <see cref="KubeApi"/>. Many can run in one process (one port each). Stopping closes the
/// listener and every open connection but keeps the KubeApi and its state; starting again listens on the same port —
/// what a simulator needs to make a member unreachable and bring it back.
/// </summary>
public sealed class ApiServerHost : IAsyncDisposable
{
    private readonly KubeApi _api;
    private readonly ApiServerHostOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly KubeHttpHandler _handler;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;
    private int _port;

    public ApiServerHost(KubeApi api, ApiServerHostOptions options, ILoggerFactory? loggerFactory = null)
    {
        _api = api;
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _handler = new KubeHttpHandler(api);
        _port = options.Port;
    }

    public KubeApi Api => _api;
    /// <summary>The port listened on (after the first start when 0 was asked).</summary>
    public int Port => _port;
    public bool IsListening => _app is not null;
    public Uri BaseAddress => new($"{(_options.Certificate is null ? "http" : "https")}://{FormatHost(_options.Address)}:{_port}");

    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_app is not null) return;
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Flotilla.ApiServer", Args = [] });
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(_loggerFactory);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                k.Limits.MaxRequestBodySize = HttpBody.MaxBytes + 1;
                k.Limits.Http2.MaxStreamsPerConnection = 1000;
                k.Listen(_options.Address, _port, listen =>
                {
                    listen.Protocols = _options.Certificate is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
                    if (_options.Certificate is { } cert) listen.UseHttps(cert);
                });
            });
            var app = builder.Build();
            var stopping = app.Lifetime.ApplicationStopping;
            app.Run(ctx =>
            {
                if (stopping.IsCancellationRequested || _api.Stopping.IsCancellationRequested)
                {
                    ctx.Abort();
                    return Task.CompletedTask;
                }
                var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping, _api.Stopping);
                ctx.RequestAborted = linked.Token;
                ctx.Response.RegisterForDispose(linked);
                return _handler.HandleAsync(ctx);
            });
            await app.StartAsync(ct).ConfigureAwait(false);
            if (_port == 0)
            {
                var server = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
                var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>();
                var first = addresses?.Addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address");
                _port = new Uri(first.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
            }
            _app = app;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops listening and drops open connections (watches end); the KubeApi keeps running.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var app = _app;
            if (app is null) return;
            _app = null;
            await app.StopAsync(ct).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _gate.Dispose();
    }

    private static string FormatHost(IPAddress a) =>
        a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + a + "]" : a.ToString();
}
