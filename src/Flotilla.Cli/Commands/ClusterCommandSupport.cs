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

    public static TimeSpan ParseDuration(string text)
    {
        text = text.Trim();
        if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var ts) && text.Contains(':', StringComparison.Ordinal)) return ts;
        double total = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (start == i) throw new FormatException($"invalid duration \"{text}\" (e.g. 60s, 2m, 1m30s)");
            var number = double.Parse(text[start..i], System.Globalization.CultureInfo.InvariantCulture);
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
            total += text[unitStart..i] switch
            {
                "ms" => number / 1000,
                "s" or "" => number,
                "m" => number * 60,
                "h" => number * 3600,
                var u => throw new FormatException($"invalid duration \"{text}\": unknown unit \"{u}\""),
            };
        }
        return TimeSpan.FromSeconds(total);
    }
}
