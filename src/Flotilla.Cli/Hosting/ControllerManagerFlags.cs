using System.CommandLine;
using Flotilla.Cli.Commands;
using Flotilla.Scheduler.Core;

namespace Flotilla.Cli.Hosting;

/// <summary>The controller-manager and scheduler flags of <c>flotilla serve</c> and <c>flotilla up</c>, with Karmada's names.</summary>
internal sealed class ControllerManagerFlags
{
    private readonly Option<string> _controllers = new("--controllers")
    {
        Description = "Controllers to run (Karmada's syntax: '*' all, 'name' enable, '-name' disable): cluster, clusterStatus, detector, " +
            "scheduler, binding, bindingStatus, execution, workStatus, namespace, dependencies",
        DefaultValueFactory = _ => "*",
    };
    private readonly Option<string> _frequency = new("--cluster-status-update-frequency") { Description = "How often member clusters are probed", DefaultValueFactory = _ => "10s", HelpName = "DURATION" };
    private readonly Option<string> _failure = new("--cluster-failure-threshold") { Description = "How long a failure must persist before Ready leaves True", DefaultValueFactory = _ => "30s", HelpName = "DURATION" };
    private readonly Option<string> _success = new("--cluster-success-threshold") { Description = "How long success must persist before Ready becomes True again", DefaultValueFactory = _ => "30s", HelpName = "DURATION" };
    private readonly Option<bool> _emptyWorkloads = new("--enable-empty-workload-propagation") { Description = "Keep selected clusters that were assigned 0 replicas (propagate 0-replica copies)" };
    private readonly Option<string?> _plugins = new("--plugins") { Description = "Scheduler plugins ('*' all, '-Name' disables, e.g. '*,-ClusterLocality')" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _controllers, _frequency, _failure, _success, _emptyWorkloads, _plugins }) command.Add(o);
    }

    /// <summary>Reads the flags; throws FormatException naming the flag when a value is malformed.</summary>
    public ControllerManagerOptions Read(ParseResult parse)
    {
        var o = new ControllerManagerOptions { Controllers = parse.GetValue(_controllers) ?? "*" };
        o.Cluster.StatusUpdateFrequency = Duration(_frequency, parse.GetValue(_frequency));
        o.Cluster.FailureThreshold = Duration(_failure, parse.GetValue(_failure));
        o.Cluster.SuccessThreshold = Duration(_success, parse.GetValue(_success));
        o.Propagation.Scheduler = new SchedulerOptions
        {
            EnableEmptyWorkloadPropagation = parse.GetValue(_emptyWorkloads),
            Plugins = parse.GetValue(_plugins),
        };
        return o;
    }

    private static TimeSpan Duration(Option o, string? text) =>
        Durations.TryParse(text, out var d) ? d : throw new FormatException($"{o.Name}: \"{text}\" is not a duration (e.g. 500ms, 2s, 1m)");
}
