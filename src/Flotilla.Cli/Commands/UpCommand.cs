using System.CommandLine;
using Flotilla.ApiServer.Hosting;

namespace Flotilla.Cli.Commands;

/// <summary><c>flotilla up</c>: the whole system on this machine (for now: the control plane).</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var port = CommonOptions.Port(FlotillaApiServerOptions.DefaultPort);
        var cmd = new Command("up", "Start Flotilla on this machine and print how to use it (Ctrl-C stops it)") { dataDir, port };
        cmd.SetAction((parse, ct) => ServeCommand.RunAsync(parse.GetValue(dataDir)!, parse.GetValue(port), "sqlite", async svc =>
        {
            var o = svc.Options;
            var address = svc.Host?.BaseAddress.ToString() ?? "";
            await Console.Out.WriteLineAsync($"""

                Flotilla control plane is running at {address}
                Kubeconfig: {o.KubeconfigPath}

                Next:
                  export KUBECONFIG={o.KubeconfigPath}
                  kubectl get namespaces
                  kubectl api-resources | grep karmada
                  kubectl apply -f <your deployment and PropagationPolicy manifests>

                Press Ctrl-C to stop.
                """).ConfigureAwait(false);
        }, ct));
        return cmd;
    }
}
