using System.CommandLine;
using Flotilla.ApiServer.Client;
using Flotilla.ApiServer.Hosting;
using Flotilla.Controllers.Clusters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Flotilla.Cli.Commands;

/// <summary>
/// The <c>--cluster-controllers</c> switch of <c>flotilla serve</c>: runs the cluster and cluster-status controllers
/// inside the API server process, against its in-process API (until the lead wires the controller manager).
/// </summary>
internal sealed class ServeClusterControllers
{
    private readonly Option<bool> _enabled = new("--cluster-controllers") { Description = "Run the cluster and cluster-status controllers in this process" };
    private readonly Option<string> _frequency = new("--cluster-status-update-frequency") { Description = "How often member clusters are probed", DefaultValueFactory = _ => "10s" };
    private readonly Option<string> _failure = new("--cluster-failure-threshold") { Description = "How long a failure must persist before Ready leaves True", DefaultValueFactory = _ => "30s" };
    private readonly Option<string> _success = new("--cluster-success-threshold") { Description = "How long success must persist before Ready becomes True again", DefaultValueFactory = _ => "30s" };

    public void AddTo(Command command)
    {
        command.Add(_enabled);
        command.Add(_frequency);
        command.Add(_failure);
        command.Add(_success);
    }

    /// <summary>The onStarted hook for <see cref="ServeCommand.RunAsync"/>, or null when the switch is off.</summary>
    public Func<ApiServerService, Task>? OnStarted(ParseResult parse, CancellationToken ct)
    {
        if (!parse.GetValue(_enabled)) return null;
        var options = new ClusterControllerOptions
        {
            StatusUpdateFrequency = ClusterCommandSupport.ParseDuration(parse.GetValue(_frequency)!),
            FailureThreshold = ClusterCommandSupport.ParseDuration(parse.GetValue(_failure)!),
            SuccessThreshold = ClusterCommandSupport.ParseDuration(parse.GetValue(_success)!),
        };
        return async service =>
        {
            var api = await service.GetApiAsync(ct).ConfigureAwait(false);
            var loggerFactory = LoggerFactory.Create(b =>
            {
                b.SetMinimumLevel(LogLevel.Information);
                b.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                    o.UseUtcTimestamp = true;
                    o.ColorBehavior = LoggerColorBehavior.Disabled;
                });
            });
            var controllers = ClusterControllers.Create(new InProcessKubeClient(api), members: null, loggerFactory, TimeProvider.System, options);
            await controllers.StartAsync(ct).ConfigureAwait(false);
            ct.Register(() =>
            {
                controllers.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
                loggerFactory.Dispose();
            });
        };
    }
}
