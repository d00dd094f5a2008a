using System.CommandLine;
using Flotilla.Client;
using Flotilla.Client.Config;
using Flotilla.Controllers.Registration;

namespace Flotilla.Cli.Commands;

/// <summary><c>flotilla join NAME --cluster-kubeconfig FILE</c>: registers a member cluster in Push mode (karmadactl join).</summary>
internal static class JoinCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Name of the member cluster in the control plane" };
        var clusterKubeconfig = new Option<string>("--cluster-kubeconfig") { Description = "Kubeconfig of the member cluster", Required = true, HelpName = "FILE" };
        var clusterContext = new Option<string?>("--cluster-context") { Description = "Context in --cluster-kubeconfig (default: its current context)", HelpName = "CTX" };
        var clusterNamespace = new Option<string>("--cluster-namespace")
        {
            Description = "Namespace of the cluster secrets in the control plane",
            DefaultValueFactory = _ => Core.Karmada.WellKnownNamespaces.KarmadaCluster,
        };
        var provider = new Option<string?>("--cluster-provider") { Description = "Cluster provider (spec.provider)" };
        var region = new Option<string?>("--cluster-region") { Description = "Cluster region (spec.region)" };
        var zones = new Option<string?>("--cluster-zones") { Description = "Comma-separated zones (spec.zones)", HelpName = "Z1,Z2" };
        var kubeconfig = CommonOptions.Kubeconfig();
        var karmadaContext = new Option<string?>("--karmada-context") { Description = "Context in --kubeconfig" };
        var dataDir = CommonOptions.DataDir();
        var cmd = new Command("join", "Register a member cluster (Push mode)")
        {
            name, clusterKubeconfig, clusterContext, clusterNamespace, provider, region, zones, kubeconfig, karmadaContext, dataDir,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var clusterName = parse.GetValue(name)!;
            if (ClusterNames.Validate(clusterName) is { } invalid)
            {
                await Console.Error.WriteLineAsync("error: " + invalid).ConfigureAwait(false);
                return Program.ExitUsage;
            }
            try
            {
                var memberConfig = ClusterCommandSupport.MemberConfig(parse.GetValue(clusterKubeconfig)!, parse.GetValue(clusterContext));
                using var member = new KubeRestClient(memberConfig with { Timeout = TimeSpan.FromSeconds(10), MaxRetries = 0 });
                using var controlPlane = ClusterCommandSupport.ControlPlane(parse.GetValue(kubeconfig), parse.GetValue(dataDir)!, parse.GetValue(karmadaContext));
                var options = new JoinOptions
                {
                    ClusterName = clusterName,
                    ApiEndpoint = memberConfig.Server,
                    CaBundle = memberConfig.CaData,
                    InsecureSkipTlsVerification = memberConfig.Insecure,
                    ProxyUrl = memberConfig.ProxyUrl,
                    ClusterNamespace = parse.GetValue(clusterNamespace)!,
                    Provider = parse.GetValue(provider),
                    Region = parse.GetValue(region),
                    Zones = parse.GetValue(zones)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                };
                await ClusterRegistrar.JoinAsync(controlPlane, member, options, ct).ConfigureAwait(false);
                Console.WriteLine($"cluster({clusterName}) is joined successfully");
                return Program.ExitOk;
            }
            catch (ClusterRegistrationException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return e.IsInvalidArgument ? Program.ExitUsage : Program.ExitFailure;
            }
            catch (Exception e) when (e is KubeconfigException or FileNotFoundException or HttpRequestException or Core.ApiStatusException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitFailure;
            }
        });
        return cmd;
    }
}
