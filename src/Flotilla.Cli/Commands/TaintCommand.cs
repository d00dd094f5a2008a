using System.CommandLine;
using Flotilla.Client.Config;
using Flotilla.Controllers.Clusters;
using Flotilla.Core;

namespace Flotilla.Cli.Commands;

/// <summary><c>flotilla taint clusters NAME key=value:Effect ... [--overwrite]</c>, <c>key:Effect-</c> removes (karmadactl taint).</summary>
internal static class TaintCommand
{
    public static Command Create()
    {
        var resource = new Argument<string>("RESOURCE") { Description = "Always \"clusters\" (or \"cluster\")" };
        var name = new Argument<string>("NAME") { Description = "Name of the member cluster" };
        var specs = new Argument<string[]>("TAINT") { Description = "key=value:Effect to add, key:Effect- to remove", Arity = ArgumentArity.OneOrMore };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the value of an existing taint with the same key and effect" };
        var kubeconfig = CommonOptions.Kubeconfig();
        var dataDir = CommonOptions.DataDir();
        var cmd = new Command("taint", "Update the taints of a member cluster") { resource, name, specs, overwrite, kubeconfig, dataDir };
        cmd.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(resource) is not ("clusters" or "cluster"))
            {
                await Console.Error.WriteLineAsync("error: only clusters can be tainted: flotilla taint clusters NAME key=value:Effect").ConfigureAwait(false);
                return Program.ExitUsage;
            }
            var clusterName = parse.GetValue(name)!;
            List<TaintSpec> parsed;
            try { parsed = [.. parse.GetValue(specs)!.Select(TaintSpec.Parse)]; }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitUsage;
            }
            try
            {
                using var controlPlane = ClusterCommandSupport.ControlPlane(parse.GetValue(kubeconfig), parse.GetValue(dataDir)!);
                var changed = await CordonCommand.ConflictRetryAsync(async () =>
                {
                    var cluster = await controlPlane.GetAsync(ClusterApi.Clusters, null, clusterName, ct).ConfigureAwait(false)
                        ?? throw new KeyNotFoundException($"cluster({clusterName}) not found");
                    var now = DateTimeOffset.UtcNow;
                    var any = false;
                    foreach (var spec in parsed) any |= spec.ApplyTo(cluster, now, parse.GetValue(overwrite));
                    if (any) await controlPlane.UpdateAsync(ClusterApi.Clusters, cluster, null, ct).ConfigureAwait(false);
                    return any;
                }).ConfigureAwait(false);
                Console.WriteLine(changed ? $"cluster/{clusterName} tainted" : $"cluster/{clusterName} unchanged");
                return Program.ExitOk;
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or KubeconfigException or FileNotFoundException
                or HttpRequestException or ApiStatusException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitFailure;
            }
        });
        return cmd;
    }
}
