using Flotilla.Client;
using Flotilla.Client.Config;

namespace Flotilla.Cli.Commands;

/// <summary>Helpers shared by join, unjoin, cordon and taint.</summary>
internal static class ClusterCommandSupport
{
    /// <summary>The control plane's client: --kubeconfig, else &lt;data-dir&gt;/karmada-apiserver.config.</summary>
    public static KubeRestClient ControlPlane(string? kubeconfig, string dataDir, string? context = null)
    {
        var path = kubeconfig ?? Path.Combine(Path.GetFullPath(dataDir), "karmada-apiserver.config");
        if (!File.Exists(path)) throw new FileNotFoundException($"control plane kubeconfig {path} not found (is `flotilla serve` running? pass --kubeconfig)");
        return KubeRestClient.FromKubeconfigFile(path, context);
    }

    public static RestConfig MemberConfig(string path, string? context)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"cluster kubeconfig {path} not found");
        return RestConfig.FromKubeconfig(Kubeconfig.Load(path), context);
    }
}
