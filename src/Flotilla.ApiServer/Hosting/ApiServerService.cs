using System.Net;
using Flotilla.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flotilla.ApiServer.Hosting;

/// <summary>
/// Runs the control plane's API server inside a generic host: opens the store, creates the data directory's
/// certificates, admin token and kubeconfig, starts the <see cref="KubeApi"/> and its HTTPS listener.
/// Other services await <see cref="GetApiAsync"/> to use the same instance in-process.
/// </summary>
public sealed class ApiServerService(IOptions<FlotillaApiServerOptions> options, ILoggerFactory loggerFactory, TimeProvider? time = null) : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<KubeApi> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger = loggerFactory.CreateLogger<ApiServerService>();
    private IStorageBackend? _storage;
    private KubeApi? _api;
    private ApiServerHost? _host;

    public FlotillaApiServerOptions Options => options.Value;
    public ApiServerHost? Host => _host;

    /// <summary>The running instance, once started.</summary>
    public Task<KubeApi> GetApiAsync(CancellationToken ct) => _ready.Task.WaitAsync(ct);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        try
        {
            Directory.CreateDirectory(o.DataDir);
            var certs = ServingCertificates.LoadOrCreate(o.PkiDir);
            var token = Kubeconfig.LoadOrCreateToken(o.TokenPath);
            var factory = o.StorageFactory ?? ((_, _) => Task.FromResult<IStorageBackend>(new Storage.Memory.MemoryStorageBackend()));
            _storage = await factory(o, cancellationToken).ConfigureAwait(false);
            o.Api.CaCertificatePem ??= certs.CaPem;
            _api = new KubeApi(_storage, o.Api, loggerFactory, time);
            _api.Tokens.AddToken(token);
            await _api.StartAsync(cancellationToken).ConfigureAwait(false);
            _host = new ApiServerHost(_api, new ApiServerHostOptions
            {
                Address = IPAddress.Parse(o.Address),
                Port = o.Port,
                Certificate = certs.Serving,
            }, loggerFactory);
            await _host.StartAsync(cancellationToken).ConfigureAwait(false);
            Kubeconfig.Write(o.KubeconfigPath, Kubeconfig.Render(Kubeconfig.KarmadaApiServer, _host.BaseAddress.ToString().TrimEnd('/'), certs.CaPem, token));
            _logger.LogInformation("API server listening on {Address}; kubeconfig {Kubeconfig}", _host.BaseAddress, o.KubeconfigPath);
            _ready.TrySetResult(_api);
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_host is not null) await _host.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_api is not null) await _api.StopAsync().ConfigureAwait(false);
        if (_storage is not null)
        {
            await _storage.DisposeAsync().ConfigureAwait(false);
            _storage = null;
        }
        _logger.LogInformation("API server stopped");
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync().ConfigureAwait(false);
        if (_api is not null) await _api.DisposeAsync().ConfigureAwait(false);
        if (_storage is not null) await _storage.DisposeAsync().ConfigureAwait(false);
    }
}
