using System.CommandLine;
using System.Globalization;
using Flotilla.Core;
using Flotilla.Simulator;

namespace Flotilla.Cli.Commands;

/// <summary><c>flotilla sim NAME outage|recover|fail-pods|heal-pods|capacity</c>: fault injection into a running
/// simulated member, found through the data directory.</summary>
internal static class SimCommand
{
    private static readonly string[] Actions = ["outage", "recover", "fail-pods", "heal-pods", "capacity"];

    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The simulated member's name" };
        var action = new Argument<string>("ACTION")
        {
            Description = "outage (stop answering, keep state) | recover | fail-pods --selector S (crash-loop matching pods) | " +
                "heal-pods [--selector S] | capacity [--cpu Q] [--memory Q] [--pods N] [--nodes N]",
        };
        action.AcceptOnlyFromAmong(Actions);
        var dataDir = CommonOptions.DataDir();
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector of the pods (fail-pods, heal-pods)", HelpName = "SELECTOR" };
        var cpu = new Option<string?>("--cpu") { Description = "New CPU of each node (capacity)", HelpName = "Q" };
        var memory = new Option<string?>("--memory") { Description = "New memory of each node (capacity)", HelpName = "Q" };
        var pods = new Option<string?>("--pods") { Description = "New pod capacity of each node (capacity)", HelpName = "N" };
        var nodes = new Option<string?>("--nodes") { Description = "New number of nodes (capacity)", HelpName = "N" };
        var cmd = new Command("sim", "Inject faults into a running simulated member (found through --data-dir)")
        {
            name, action, dataDir, selector, cpu, memory, pods, nodes,
        };
        cmd.Validators.Add(r =>
        {
            if (r.GetValue(action) == "fail-pods" && string.IsNullOrEmpty(r.GetValue(selector)))
                r.AddError("fail-pods needs --selector");
            if (r.GetValue(action) == "capacity" && new[] { cpu, memory, pods, nodes }.All(o => string.IsNullOrEmpty(r.GetValue(o))))
                r.AddError("capacity needs at least one of --cpu, --memory, --pods, --nodes");
            foreach (var o in new[] { cpu, memory })
                if (r.GetValue(o) is { Length: > 0 } q && !(Quantity.TryParse(q, out var v) && v.Sign >= 0))
                    r.AddError($"{o.Name}: \"{q}\" is not a non-negative Kubernetes quantity");
            foreach (var o in new[] { pods, nodes })
                if (r.GetValue(o) is { Length: > 0 } n && !int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    r.AddError($"{o.Name}: \"{n}\" is not a non-negative integer");
        });
        cmd.SetAction(async (parse, ct) =>
        {
            var query = new Dictionary<string, string?>
            {
                ["selector"] = parse.GetValue(selector),
                ["cpu"] = parse.GetValue(cpu),
                ["memory"] = parse.GetValue(memory),
                ["pods"] = parse.GetValue(pods),
                ["nodes"] = parse.GetValue(nodes),
            };
            try
            {
                using var admin = SimAdminClient.Open(parse.GetValue(dataDir)!, parse.GetValue(name)!);
                var message = await admin.InvokeAsync(parse.GetValue(action)!, query, ct).ConfigureAwait(false);
                await Console.Out.WriteLineAsync(message).ConfigureAwait(false);
                return Program.ExitOk;
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidOperationException or HttpRequestException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitFailure;
            }
        });
        return cmd;
    }
}
