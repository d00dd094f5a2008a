using System.CommandLine;
using System.Runtime.InteropServices;
using Flotilla.Core;
using Flotilla.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Flotilla.Cli.Commands;

/// <summary><c>flotilla member NAME [NAME ...]</c>: serves simulated member clusters until Ctrl-C.</summary>
internal static class MemberCommand
{
    public static Command Create()
    {
        var names = new Argument<string[]>("NAME") { Description = "Names of the simulated clusters to serve", Arity = ArgumentArity.OneOrMore };
        var dataDir = CommonOptions.DataDir();
        var port = CommonOptions.Port(0);
        port.Description = "HTTPS port of the first member on 127.0.0.1 (the next members use the following ports; 0 picks free ports)";
        var shape = new MemberShapeOptions();
        var cmd = new Command("member", "Serve simulated member clusters (a real Kubernetes API each, with simulated nodes and workload controllers)")
        {
            names, dataDir, port,
        };
        shape.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            MemberOptions options;
            try { options = shape.Read(parse); }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitUsage;
            }
            return await RunAsync(parse.GetValue(names)!, parse.GetValue(dataDir)!, parse.GetValue(port), options, ct).ConfigureAwait(false);
        });
        return cmd;
    }

    private static async Task<int> RunAsync(string[] names, string dataDir, int port, MemberOptions options, CancellationToken ct)
    {
        foreach (var n in names)
        {
            try { SimulatorHost.ValidateName(n); }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitUsage;
            }
        }
        using var loggerFactory = CreateLoggerFactory();
        await using var host = new SimulatorHost(dataDir, loggerFactory);
        try
        {
            var started = await host.AddManyAsync(names.Select((n, i) => (n, options.Clone(), port == 0 ? 0 : port + i)).ToList(), ct).ConfigureAwait(false);
            foreach (var cluster in started)
                await Console.Out.WriteLineAsync($"member {cluster.Name} serving at {cluster.BaseAddress} (kubeconfig: {SimulatorHost.KubeconfigPath(dataDir, cluster.Name)})").ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("error: could not start the members: " + e.Message).ConfigureAwait(false);
            return Program.ExitFailure;
        }
        await Console.Out.WriteLineAsync("Press Ctrl-C to stop.").ConfigureAwait(false);
        // SIGINT and SIGTERM stop the members cleanly (the command line's own handling is off: serve's host has its own).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void OnSignal(PosixSignalContext c)
        {
            c.Cancel = true;
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var trimmer = new Flotilla.Runtime.Hosting.IdleMemoryTrimmer(loggerFactory.CreateLogger<Flotilla.Runtime.Hosting.IdleMemoryTrimmer>(), TimeProvider.System);
        await trimmer.StartAsync(stop.Token).ConfigureAwait(false);
        try { await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        await trimmer.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return Program.ExitOk;
    }

    internal static ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(b =>
    {
        b.SetMinimumLevel(LogLevel.Information);
        b.AddFilter("Microsoft", LogLevel.Warning);
        b.AddFilter("Flotilla.Simulator.sim-", LogLevel.Warning);
        b.AddFilter("Flotilla.Runtime", LogLevel.Warning);
        b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        b.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    });
}

/// <summary>The capacity and identity flags of simulated members (shared by <c>member</c> and <c>up</c>).</summary>
internal sealed class MemberShapeOptions
{
    private readonly Option<int> _nodes = new("--nodes") { Description = "Nodes per member", DefaultValueFactory = _ => 3, HelpName = "N" };
    private readonly Option<string> _cpu = new("--node-cpu") { Description = "CPU of each node (a Kubernetes quantity)", DefaultValueFactory = _ => "8", HelpName = "Q" };
    private readonly Option<string> _memory = new("--node-memory") { Description = "Memory of each node", DefaultValueFactory = _ => "32Gi", HelpName = "Q" };
    private readonly Option<int> _pods = new("--node-pods") { Description = "Pods each node can run", DefaultValueFactory = _ => 110, HelpName = "N" };
    private readonly Option<string> _version = new("--kubernetes-version") { Description = "Version the member reports (minor 28..33)", DefaultValueFactory = _ => "v1.31.0", HelpName = "vX.Y.Z" };
    private readonly Option<string?> _region = new("--region") { Description = "topology.kubernetes.io/region of the nodes", HelpName = "R" };
    private readonly Option<string?> _zone = new("--zone") { Description = "topology.kubernetes.io/zone of the nodes", HelpName = "Z" };
    private readonly Option<string?> _provider = new("--provider") { Description = "Cloud provider name reported when the member joins", HelpName = "P" };
    private readonly Option<string> _startup = new("--pod-startup-delay") { Description = "Time a scheduled pod takes to become ready (e.g. 300ms, 2s)", DefaultValueFactory = _ => "300ms", HelpName = "DURATION" };
    private readonly Option<string> _jobDuration = new("--job-duration") { Description = "Time a Job's pod runs before it succeeds", DefaultValueFactory = _ => "1s", HelpName = "DURATION" };
    private readonly Option<bool> _noWorkloads = new("--no-workloads")
    {
        Description = "Store workloads without running them (no Deployment, ReplicaSet, pod, Job or Service controllers): a bare API server with nodes",
    };

    public void AddTo(Command cmd)
    {
        foreach (var o in new Option[] { _nodes, _cpu, _memory, _pods, _version, _region, _zone, _provider, _startup, _jobDuration, _noWorkloads }) cmd.Add(o);
    }

    /// <summary>Reads the flags; throws FormatException naming the flag when a value is malformed.</summary>
    public MemberOptions Read(ParseResult p)
    {
        var version = p.GetValue(_version)!;
        if (!System.Text.RegularExpressions.Regex.IsMatch(version, @"^v1\.(2[89]|3[0-3])\.\d+$"))
            throw new FormatException($"--kubernetes-version: \"{version}\" must be v1.28.x .. v1.33.x");
        if (p.GetValue(_nodes) < 0) throw new FormatException("--nodes must not be negative");
        return new MemberOptions
        {
        Nodes = p.GetValue(_nodes),
        NodeCpu = ParseQuantity(_cpu, p.GetValue(_cpu)),
        NodeMemory = ParseQuantity(_memory, p.GetValue(_memory)),
        NodePods = p.GetValue(_pods),
        KubernetesVersion = p.GetValue(_version)!,
        Region = p.GetValue(_region),
        Zone = p.GetValue(_zone),
        Provider = p.GetValue(_provider),
        PodStartupDelay = ParseDuration(_startup, p.GetValue(_startup)),
        JobPodDuration = ParseDuration(_jobDuration, p.GetValue(_jobDuration)),
        Workloads = !p.GetValue(_noWorkloads),
        };
    }

    private static Quantity ParseQuantity(Option o, string? text) =>
        Quantity.TryParse(text, out var q) ? q : throw new FormatException($"{o.Name}: \"{text}\" is not a Kubernetes quantity");

    private static TimeSpan ParseDuration(Option o, string? text) =>
        Durations.TryParse(text, out var d) ? d : throw new FormatException($"{o.Name}: \"{text}\" is not a duration (e.g. 500ms, 2s, 1m)");
}
