using Flotilla.ApiServer.Client;
using Flotilla.ApiServer.Hosting;
using Flotilla.Controllers;
using Flotilla.Controllers.Clusters;
using Flotilla.Controllers.Members;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Informers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flotilla.Cli.Hosting;

/// <summary>What the control plane's controller manager runs, parsed from the command line.</summary>
public sealed class ControllerManagerOptions
{
    public const string ClusterController = "cluster";
    public const string ClusterStatusController = "clusterStatus";

    /// <summary>Karmada's --controllers syntax over every controller: "*", "name", "-name".</summary>
    public string Controllers { get; set; } = "*";
    public ClusterControllerOptions Cluster { get; set; } = new();
    public ControllersOptions Propagation { get; set; } = new();
}

/// <summary>
/// Runs the controllers of the control plane (Karmada's controller-manager and scheduler) inside the API server's
/// process, against its in-process API: the cluster and cluster-status controllers and the propagation pipeline
/// (detector, scheduler, binding, execution, status, namespaces, dependencies). Starts once the API is up; stops
/// before it.
/// </summary>
public sealed class ControllerManagerService(ApiServerService apiServer, ControllerManagerOptions options, ILoggerFactory loggerFactory,
    TimeProvider time) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ControllerManagerService>();
    private SharedInformerFactory? _informers;
    private ClusterMemberClientProvider? _members;
    private ClusterControllers? _clusters;
    private ControlPlaneControllers? _propagation;

    public ControlPlaneControllers? Propagation => _propagation;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var api = await apiServer.GetApiAsync(cancellationToken).ConfigureAwait(false);
        var client = new InProcessKubeClient(api);
        var selection = ControllerSelection.Parse(options.Controllers);
        var known = ControlPlaneControllers.KnownControllers.Concat([ControllerManagerOptions.ClusterController, ControllerManagerOptions.ClusterStatusController]).ToList();
        var unknown = selection.UnknownNames(known);
        if (unknown.Count > 0) throw new ArgumentException("unknown controllers: " + string.Join(", ", unknown) + "; known: " + string.Join(", ", known));

        _informers = new SharedInformerFactory(client, loggerFactory, time);
        _members = new ClusterMemberClientProvider(_informers);
        if (selection.IsEnabled(ControllerManagerOptions.ClusterController, true) || selection.IsEnabled(ControllerManagerOptions.ClusterStatusController, true))
        {
            _clusters = ClusterControllers.Create(client, _members, loggerFactory, time, options.Cluster, _informers);
            await _clusters.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        // The propagation controllers get the same selection minus the cluster controllers' names.
        var propagationSelection = string.Join(",", options.Controllers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.TrimStart('-') is not (ControllerManagerOptions.ClusterController or ControllerManagerOptions.ClusterStatusController)));
        if (propagationSelection.Length > 0)
        {
            options.Propagation.Controllers = propagationSelection;
            _propagation = ControlPlaneControllers.Create(client, _members, loggerFactory, time, options.Propagation);
            await _propagation.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        _logger.LogInformation("Controllers started: {Controllers}",
            string.Join(", ", (_propagation?.Enabled ?? []).Concat(_clusters is null ? [] : [ControllerManagerOptions.ClusterController, ControllerManagerOptions.ClusterStatusController])));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_propagation is not null) await _propagation.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_clusters is not null) await _clusters.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _propagation, null) is { } p) await p.DisposeAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _clusters, null) is { } c) await c.DisposeAsync().ConfigureAwait(false);
        _members?.Dispose();
        if (Interlocked.Exchange(ref _informers, null) is { } i) await i.DisposeAsync().ConfigureAwait(false);
    }
}
