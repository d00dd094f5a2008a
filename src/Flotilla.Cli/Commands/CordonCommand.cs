using System.CommandLine;
using Flotilla.Client.Config;
using Flotilla.Controllers.Clusters;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Cli.Commands;

/// <summary><c>flotilla cordon NAME</c> / <c>uncordon NAME</c>: the cluster.karmada.io/unschedulable:NoSchedule taint.</summary>
internal static class CordonCommand
{
    public static Command Create() => Build(cordon: true);

    public static Command CreateUncordon() => Build(cordon: false);

    private static Command Build(bool cordon)
    {
        var name = new Argument<string>("NAME") { Description = "Name of the member cluster" };
        var kubeconfig = CommonOptions.Kubeconfig();
        var dataDir = CommonOptions.DataDir();
        var cmd = new Command(cordon ? "cordon" : "uncordon",
            cordon ? "Mark a cluster unschedulable" : "Mark a cluster schedulable again") { name, kubeconfig, dataDir };
        cmd.SetAction(async (parse, ct) =>
        {
            var clusterName = parse.GetValue(name)!;
            try
            {
                using var controlPlane = ClusterCommandSupport.ControlPlane(parse.GetValue(kubeconfig), parse.GetValue(dataDir)!);
                var changed = await ConflictRetryAsync(async () =>
                {
                    var cluster = await controlPlane.GetAsync(ClusterApi.Clusters, null, clusterName, ct).ConfigureAwait(false)
                        ?? throw new KeyNotFoundException($"cluster({clusterName}) not found");
                    var edited = cordon
                        ? ClusterTaints.AddTaint(cluster, WellKnownTaints.Unschedulable, null, TaintEffects.NoSchedule, DateTimeOffset.UtcNow, overwrite: false)
                        : ClusterTaints.RemoveTaint(cluster, WellKnownTaints.Unschedulable, TaintEffects.NoSchedule);
                    if (edited) await controlPlane.UpdateAsync(ClusterApi.Clusters, cluster, null, ct).ConfigureAwait(false);
                    return edited;
                }).ConfigureAwait(false);
                var verb = cordon ? "cordoned" : "uncordoned";
                Console.WriteLine(changed ? $"{clusterName} cluster {verb}" : $"{clusterName} cluster already {verb}");
                return Program.ExitOk;
            }
            catch (Exception e) when (e is KeyNotFoundException or KubeconfigException or FileNotFoundException or HttpRequestException or ApiStatusException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitFailure;
            }
        });
        return cmd;
    }

    /// <summary>Runs a read-modify-write again on 409 Conflict (up to 5 times).</summary>
    internal static async Task<T> ConflictRetryAsync<T>(Func<Task<T>> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await action().ConfigureAwait(false); }
            catch (ApiStatusException e) when (e.IsConflict && attempt < 5) { }
        }
    }
}
