using System.CommandLine;
using Flotilla.ApiServer.Hosting;

namespace Flotilla.Cli.Commands;

/// <summary>Options shared by the commands.</summary>
internal static class CommonOptions
{
    public static Option<string> DataDir() => new("--data-dir")
    {
        Description = "Directory for certificates, tokens, kubeconfigs and the store",
        DefaultValueFactory = _ => FlotillaApiServerOptions.DefaultDataDir(),
        HelpName = "DIR",
    };

    public static Option<int> Port(int defaultPort) => new("--port")
    {
        Description = "API server port on 127.0.0.1 (0 picks a free port)",
        DefaultValueFactory = _ => defaultPort,
        HelpName = "N",
    };

    public static Option<string> Store()
    {
        var o = new Option<string>("--store")
        {
            Description = "Storage backend: sqlite (durable, in the data directory) or memory",
            DefaultValueFactory = _ => "sqlite",
        };
        o.AcceptOnlyFromAmong("sqlite", "memory");
        return o;
    }

    public static Option<string> Kubeconfig() => new("--kubeconfig")
    {
        Description = "Kubeconfig of the control plane (default: <data-dir>/karmada-apiserver.config)",
        HelpName = "FILE",
    };
}
