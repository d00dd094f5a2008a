using System.CommandLine;
using Flotilla.Cli.Commands;
using Flotilla.Controllers;
using Flotilla.Controllers.Clusters;
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
    private readonly Option<string> _leaseDuration = new("--cluster-lease-duration") { Description = "Duration written into the cluster Leases (karmada-cluster/<cluster>)", DefaultValueFactory = _ => "40s", HelpName = "DURATION" };
    private readonly Option<double> _leaseFraction = new("--cluster-lease-renew-interval-fraction") { Description = "Fraction of the lease duration after which a healthy cluster's Lease is renewed", DefaultValueFactory = _ => 0.25, HelpName = "F" };
    private readonly Option<bool> _emptyWorkloads = new("--enable-empty-workload-propagation") { Description = "Keep selected clusters that were assigned 0 replicas (propagate 0-replica copies)" };
    private readonly Option<string?> _plugins = new("--plugins") { Description = "Scheduler plugins ('*' all, '-Name' disables, e.g. '*,-ClusterLocality')" };
    private readonly Option<int> _workSyncs = Workers("--concurrent-work-syncs", "Works", new ControllersOptions().ConcurrentWorkSyncs);
    private readonly Option<int> _bindingSyncs = Workers("--concurrent-resourcebinding-syncs", "ResourceBindings", new ControllersOptions().ConcurrentBindingSyncs);
    private readonly Option<int> _clusterBindingSyncs = Workers("--concurrent-clusterresourcebinding-syncs", "ClusterResourceBindings", new ControllersOptions().ConcurrentClusterBindingSyncs);
    private readonly Option<int> _templateSyncs = Workers("--concurrent-resource-template-syncs", "resource templates", new ControllersOptions().ConcurrentResourceTemplateSyncs);
    private readonly Option<int> _namespaceSyncs = Workers("--concurrent-namespace-syncs", "Namespaces", new ControllersOptions().ConcurrentNamespaceSyncs);
    private readonly Option<int> _clusterSyncs = Workers("--concurrent-cluster-syncs", "Clusters (status probes)", new ClusterControllerOptions().StatusWorkers);

    private static Option<int> Workers(string name, string what, int byDefault) =>
        new(name) { Description = $"The number of {what} that are allowed to sync concurrently", DefaultValueFactory = _ => byDefault, HelpName = "N" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _controllers, _frequency, _failure, _success, _leaseDuration, _leaseFraction, _emptyWorkloads, _plugins,
            _workSyncs, _bindingSyncs, _clusterBindingSyncs, _templateSyncs, _namespaceSyncs, _clusterSyncs })
            command.Add(o);
    }

    /// <summary>Reads the flags; throws FormatException naming the flag when a value is malformed.</summary>
    public ControllerManagerOptions Read(ParseResult parse)
    {
        var o = new ControllerManagerOptions { Controllers = parse.GetValue(_controllers) ?? "*" };
        o.Cluster.StatusUpdateFrequency = Duration(_frequency, parse.GetValue(_frequency));
        o.Cluster.FailureThreshold = Duration(_failure, parse.GetValue(_failure));
        o.Cluster.SuccessThreshold = Duration(_success, parse.GetValue(_success));
        o.Cluster.LeaseDuration = Duration(_leaseDuration, parse.GetValue(_leaseDuration));
        if (o.Cluster.LeaseDuration < TimeSpan.FromSeconds(1))
            throw new FormatException($"{_leaseDuration.Name}: must be at least 1s (the Lease holds whole seconds)");
        var fraction = parse.GetValue(_leaseFraction);
        if (!(fraction > 0 && fraction <= 1)) throw new FormatException($"{_leaseFraction.Name}: {fraction} must be in (0, 1]");
        o.Cluster.LeaseRenewIntervalFraction = fraction;
        o.Propagation.ConcurrentWorkSyncs = Positive(_workSyncs, parse.GetValue(_workSyncs));
        o.Propagation.ConcurrentBindingSyncs = Positive(_bindingSyncs, parse.GetValue(_bindingSyncs));
        o.Propagation.ConcurrentClusterBindingSyncs = Positive(_clusterBindingSyncs, parse.GetValue(_clusterBindingSyncs));
        o.Propagation.ConcurrentResourceTemplateSyncs = Positive(_templateSyncs, parse.GetValue(_templateSyncs));
        o.Propagation.ConcurrentNamespaceSyncs = Positive(_namespaceSyncs, parse.GetValue(_namespaceSyncs));
        o.Cluster.StatusWorkers = Positive(_clusterSyncs, parse.GetValue(_clusterSyncs));
        o.Propagation.Scheduler = new SchedulerOptions
        {
            EnableEmptyWorkloadPropagation = parse.GetValue(_emptyWorkloads),
            Plugins = parse.GetValue(_plugins),
        };
        return o;
    }

    private static int Positive(Option o, int value) =>
        value >= 1 ? value : throw new FormatException($"{o.Name}: {value} must be at least 1");

    private static TimeSpan Duration(Option o, string? text) =>
        Durations.TryParse(text, out var d) ? d : throw new FormatException($"{o.Name}: \"{text}\" is not a duration (e.g. 500ms, 2s, 1m)");
}
