using Flotilla.Core.Client;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.LeaderElection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flotilla.Runtime.Hosting;

/// <summary>
/// Runs the controllers selected by <see cref="RuntimeOptions.Controllers"/> (Karmada's controller manager). With
/// leader election enabled, controllers run only while this process holds the Lease; on losing it they are stopped
/// and rebuilt when leadership is won again.
/// </summary>
public sealed class ControllerManager : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly IReadOnlyList<ControllerRegistration> _registrations;
    private readonly RuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile string[] _running = [];

    public ControllerManager(IServiceProvider services, IEnumerable<ControllerRegistration> registrations, IOptions<RuntimeOptions> options,
        TimeProvider? time = null, ILogger<ControllerManager>? logger = null)
    {
        _services = services;
        _registrations = registrations.ToList();
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var selection = ControllerSelection.Parse(_options.Controllers);
        var unknown = selection.UnknownNames(_registrations.Select(r => r.Name));
        if (unknown.Count > 0)
            throw new InvalidOperationException($"unknown controllers in \"{_options.Controllers}\": {string.Join(", ", unknown)}; known: {string.Join(", ", _registrations.Select(r => r.Name).Order(StringComparer.Ordinal))}");
        Enabled = _registrations.Where(r => selection.IsEnabled(r.Name, r.EnabledByDefault)).Select(r => r.Name).ToList();
    }

    /// <summary>Names of the controllers the selection enables.</summary>
    public IReadOnlyList<string> Enabled { get; }

    /// <summary>Names of the controllers currently running (empty while not leader).</summary>
    public IReadOnlyList<string> Running => _running;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.LeaderElection.Enabled) return RunControllersAsync(stoppingToken);
        var elector = new LeaderElector(_services.GetRequiredService<IKubeClient>(), _options.LeaderElection, _time,
            _services.GetService<ILoggerFactory>()?.CreateLogger<LeaderElector>());
        return elector.RunAsync(RunControllersAsync, stoppingToken);
    }

    private async Task RunControllersAsync(CancellationToken ct)
    {
        var hosts = new List<(string Name, IHostedService Host)>();
        try
        {
            foreach (var r in _registrations.Where(r => Enabled.Contains(r.Name)))
            {
                var host = r.CreateHost(_services);
                hosts.Add((r.Name, host));
                await host.StartAsync(ct).ConfigureAwait(false);
            }
            _running = hosts.Select(h => h.Name).ToArray();
            _logger.LogInformation("Started {Count} controllers: {Controllers}", hosts.Count, string.Join(",", _running));
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            _running = [];
            for (var i = hosts.Count - 1; i >= 0; i--)
            {
                try { await hosts[i].Host.StopAsync(CancellationToken.None).ConfigureAwait(false); }
                catch (Exception e) { _logger.LogError(e, "Stopping controller {Controller} failed", hosts[i].Name); }
                (hosts[i].Host as IDisposable)?.Dispose();
            }
        }
    }
}
