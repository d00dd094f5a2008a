using System.CommandLine;
using System.Text.Json.Nodes;
using Flotilla.Client;
using Flotilla.Client.Config;
using Flotilla.Controllers.Clusters;
using Flotilla.Controllers.Members;
using Flotilla.Controllers.Registration;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Cli.Commands;

/// <summary><c>flotilla unjoin NAME [--wait 60s] [--force]</c>: removes a Push member (karmadactl unjoin).</summary>
internal static class UnjoinCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Name of the member cluster" };
        var clusterKubeconfig = new Option<string?>("--cluster-kubeconfig")
        {
            Description = "Kubeconfig of the member cluster (default: the credentials registered in the control plane)",
            HelpName = "FILE",
        };
        var clusterContext = new Option<string?>("--cluster-context") { Description = "Context in --cluster-kubeconfig", HelpName = "CTX" };
        var wait = new Option<string>("--wait") { Description = "How long to wait for the cluster's cleanup", DefaultValueFactory = _ => "60s", HelpName = "DURATION" };
        var force = new Option<bool>("--force") { Description = "Unjoin even when the member is gone or its cleanup fails (member side is skipped)" };
        var kubeconfig = CommonOptions.Kubeconfig();
        var dataDir = CommonOptions.DataDir();
        var cmd = new Command("unjoin", "Remove a member cluster") { name, clusterKubeconfig, clusterContext, wait, force, kubeconfig, dataDir };
        cmd.SetAction(async (parse, ct) =>
        {
            var clusterName = parse.GetValue(name)!;
            TimeSpan waitFor;
            try { waitFor = Durations.Parse(parse.GetValue(wait)!); }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitUsage;
            }
            var forced = parse.GetValue(force);
            try
            {
                using var controlPlane = ClusterCommandSupport.ControlPlane(parse.GetValue(kubeconfig), parse.GetValue(dataDir)!);
                var cluster = await controlPlane.GetAsync(ClusterApi.Clusters, null, clusterName, ct).ConfigureAwait(false);
                if (cluster is null && !forced)
                {
                    await Console.Error.WriteLineAsync($"error: cluster({clusterName}) not found").ConfigureAwait(false);
                    return Program.ExitFailure;
                }
                KubeRestClient? member = null;
                if (!forced)
                {
                    var config = parse.GetValue(clusterKubeconfig) is { } file
                        ? ClusterCommandSupport.MemberConfig(file, parse.GetValue(clusterContext))
                        : await RegisteredConfigAsync(controlPlane, cluster!, ct).ConfigureAwait(false);
                    member = new KubeRestClient(config with { Timeout = TimeSpan.FromSeconds(10), MaxRetries = 0 });
                }
                using (member)
                    await ClusterRegistrar.UnjoinAsync(controlPlane, member, clusterName, waitFor, forced, ct).ConfigureAwait(false);
                Console.WriteLine($"cluster({clusterName}) is unjoined successfully");
                return Program.ExitOk;
            }
            catch (Exception e) when (e is ClusterRegistrationException or KubeconfigException or FileNotFoundException or HttpRequestException
                or ApiStatusException or MemberClusterUnavailableException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitFailure;
            }
        });
        return cmd;
    }

    private static async Task<RestConfig> RegisteredConfigAsync(KubeRestClient controlPlane, JsonObject cluster, CancellationToken ct)
    {
        var spec = cluster["spec"] as JsonObject;
        var secretRef = spec?["secretRef"] as JsonObject;
        var ns = secretRef.GetString("namespace") ?? WellKnownNamespaces.KarmadaCluster;
        var secretName = secretRef.GetString("name") ?? cluster.Name()!;
        var secret = await controlPlane.GetAsync(ClusterApi.Secrets, ns, secretName, ct).ConfigureAwait(false)
            ?? throw new MemberClusterUnavailableException(cluster.Name()!, $"secret {ns}/{secretName} not found; pass --cluster-kubeconfig or --force");
        return ClusterMemberClientProvider.BuildConfig(cluster.Name()!, spec, secret);
    }
}
