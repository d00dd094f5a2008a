using System.Diagnostics;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.KubectlCommands;

/// <summary>Assertion helpers around the real kubectl for the everyday-command tests.</summary>
internal sealed class KubectlRunner(ServerFixture fx)
{
    public Flotilla.TestKit.Kubectl K => fx.Kubectl;

    public async Task<string> OkAsync(params string[] args)
    {
        var r = await K.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)}\n{r}\n{fx.Server.Describe()}");
        return r.Stdout;
    }

    public async Task<string> ApplyAsync(string yaml, params string[] extra)
    {
        var r = await K.RunAsync(["apply", "-f", "-", .. extra], yaml.ReplaceLineEndings("\n"));
        Assert.True(r.ExitCode == 0, $"kubectl apply {string.Join(' ', extra)}\n{yaml}\n{r}");
        return r.Stdout;
    }

    public async Task<string> JsonPathAsync(string resource, string name, string ns, string path) =>
        await OkAsync("get", resource, name, "-n", ns, "-o", "jsonpath=" + path);

    /// <summary>Runs kubectl with extra environment variables (e.g. EDITOR for kubectl edit).</summary>
    public async Task<KubectlResult> RunWithEnvAsync(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo(Flotilla.TestKit.Kubectl.FindBinary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--kubeconfig");
        psi.ArgumentList.Add(K.Kubeconfig);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("KUBECONFIG");
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        return new KubectlResult(p.ExitCode, await stdout, await stderr);
    }

    public static IReadOnlyList<string> Header(string table) =>
        table.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
