using System.CommandLine;
using System.Globalization;
using Flotilla.ApiServer.Client;
using Flotilla.ApiServer.Hosting;
using Flotilla.Cli.Hosting;
using Flotilla.Client;
using Flotilla.Controllers.Registration;
using Flotilla.Core;
using Flotilla.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flotilla.Cli.Commands;

/// <summary><c>flotilla up</c>: the whole system on this machine — the control plane with its controllers and
/// simulated member clusters joined to it (Push mode), all in one process.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var port = CommonOptions.Port(FlotillaApiServerOptions.DefaultPort);
        var members = new Option<string>("--members")
        {
            Description = "Comma-separated names of the simulated member clusters to start and join ('' for none)",
            DefaultValueFactory = _ => "member1,member2,member3",
            HelpName = "a,b,c",
        };
        var shapes = new Option<string[]>("--member-shape")
        {
            Description = "Per-member overrides, repeatable: NAME:key=value,... with keys nodes, cpu, memory, pods, region, zone, provider " +
                "(e.g. gpu-cluster:cpu=64,memory=256Gi)",
            HelpName = "NAME:k=v,...",
            AllowMultipleArgumentsPerToken = false,
        };
        var shape = new MemberShapeOptions();
        var controllers = new ControllerManagerFlags();
        var cmd = new Command("up", "Start Flotilla on this machine: control plane, controllers and simulated members (Ctrl-C stops it)")
        {
            dataDir, port, members, shapes,
        };
        shape.AddTo(cmd);
        controllers.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            ControllerManagerOptions controllerOptions;
            List<(string Name, MemberOptions Options)> memberList;
            try
            {
                controllerOptions = controllers.Read(parse);
                memberList = ParseMembers(parse.GetValue(members) ?? "", parse.GetValue(shapes) ?? [], shape.Read(parse));
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitUsage;
            }
            var dir = Path.GetFullPath(parse.GetValue(dataDir)!);
            using var loggerFactory = MemberCommand.CreateLoggerFactory();
            await using var sim = new SimulatorHost(dir, loggerFactory);
            return await ServeCommand.RunAsync(dir, parse.GetValue(port), "sqlite", controllerOptions,
                sp => StartMembersAsync(sp, sim, memberList, dir, ct), ct).ConfigureAwait(false);
        });
        return cmd;
    }

    private static async Task StartMembersAsync(IServiceProvider services, SimulatorHost sim, List<(string Name, MemberOptions Options)> members,
        string dataDir, CancellationToken ct)
    {
        var apiServer = services.GetRequiredService<ApiServerService>();
        var api = await apiServer.GetApiAsync(ct).ConfigureAwait(false);
        var controlPlane = new InProcessKubeClient(api);
        var lines = new List<string>();
        foreach (var (name, options) in members)
        {
            var cluster = await sim.AddAsync(name, options, 0, ct).ConfigureAwait(false);
            var kubeconfig = SimulatorHost.KubeconfigPath(dataDir, name);
            var config = RestConfig.FromKubeconfig(Flotilla.Client.Config.Kubeconfig.Load(kubeconfig));
            using var member = new KubeRestClient(config with { Timeout = TimeSpan.FromSeconds(10), MaxRetries = 0 });
            // A Cluster of this name left from an earlier run points at a member that no longer exists: register anew.
            if (await controlPlane.GetAsync(ClusterResource, null, name, ct).ConfigureAwait(false) is not null)
                await ClusterRegistrar.UnjoinAsync(controlPlane, null, name, TimeSpan.FromSeconds(30), force: true, ct).ConfigureAwait(false);
            await ClusterRegistrar.JoinAsync(controlPlane, member, new JoinOptions
            {
                ClusterName = name,
                ApiEndpoint = config.Server,
                CaBundle = config.CaData,
                Provider = options.Provider,
                Region = options.Region,
                Zones = options.Zone is { } z ? [z] : null,
            }, ct).ConfigureAwait(false);
            lines.Add($"  {name,-16} {cluster.BaseAddress}  kubeconfig {kubeconfig}");
        }
        var o = apiServer.Options;
        var first = members.Count > 0 ? members[0].Name : "member1";
        await Console.Out.WriteLineAsync($"""

            Flotilla is running.
              control plane    {apiServer.Host?.BaseAddress}  kubeconfig {o.KubeconfigPath}
            {string.Join(Environment.NewLine, lines)}

            Next:
              export KUBECONFIG={o.KubeconfigPath}
              kubectl get clusters
              kubectl apply -f <a Deployment and a PropagationPolicy>
              kubectl --kubeconfig {SimulatorHost.KubeconfigPath(dataDir, first)} get deployments
              flotilla sim {first} outage --data-dir {dataDir}     # fault injection: outage, recover, fail-pods, capacity

            Press Ctrl-C to stop.
            """).ConfigureAwait(false);
    }

    private static readonly GroupVersionResource ClusterResource = new(Core.Karmada.KarmadaGroups.Cluster, Core.Karmada.KarmadaGroups.V1Alpha1, "clusters");

    /// <summary>Member names with their shapes: the shared flags, then each NAME:key=value,... override.</summary>
    internal static List<(string Name, MemberOptions Options)> ParseMembers(string names, IReadOnlyList<string> shapes, MemberOptions defaults)
    {
        var list = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => (Name: n, Options: defaults.Clone())).ToList();
        foreach (var n in list)
            if (ClusterNames.Validate(n.Name) is { } invalid) throw new FormatException("--members: " + invalid);
        if (list.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count() != list.Count) throw new FormatException("--members: a name appears twice");
        foreach (var spec in shapes)
        {
            var colon = spec.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new FormatException($"--member-shape: \"{spec}\" is not NAME:key=value,...");
            var name = spec[..colon];
            var entry = list.FirstOrDefault(m => m.Name == name);
            if (entry.Options is null) throw new FormatException($"--member-shape: \"{name}\" is not one of --members");
            foreach (var kv in spec[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = kv.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0) throw new FormatException($"--member-shape: \"{kv}\" is not key=value");
                var (key, value) = (kv[..eq], kv[(eq + 1)..]);
                var o = entry.Options;
                switch (key)
                {
                    case "nodes": o.Nodes = Int(key, value); break;
                    case "pods": o.NodePods = Int(key, value); break;
                    case "cpu": o.NodeCpu = Qty(key, value); break;
                    case "memory": o.NodeMemory = Qty(key, value); break;
                    case "region": o.Region = value; break;
                    case "zone": o.Zone = value; break;
                    case "provider": o.Provider = value; break;
                    default: throw new FormatException($"--member-shape: unknown key \"{key}\" (nodes, cpu, memory, pods, region, zone, provider)");
                }
            }
        }
        return list;

        static int Int(string key, string v) => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0
            ? i : throw new FormatException($"--member-shape: {key}=\"{v}\" is not a non-negative integer");
        static Quantity Qty(string key, string v) => Quantity.TryParse(v, out var q)
            ? q : throw new FormatException($"--member-shape: {key}=\"{v}\" is not a Kubernetes quantity");
    }
}
