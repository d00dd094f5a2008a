using System.Diagnostics;

namespace Flotilla.TestKit;

public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the real kubectl against a kubeconfig, with a private discovery cache.</summary>
public sealed class Kubectl(string kubeconfig)
{
    private readonly string _cacheDir = Path.Combine(Path.GetTempPath(), "flotilla-kubectl-cache", Guid.NewGuid().ToString("N"));

    public string Kubeconfig { get; } = kubeconfig;

    public static string FindBinary()
    {
        foreach (var candidate in new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" })
            if (File.Exists(candidate)) return candidate;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var p = Path.Combine(dir, "kubectl");
            if (dir.Length > 0 && File.Exists(p)) return p;
        }
        throw new InvalidOperationException("kubectl is not installed (looked in /usr/bin, /usr/local/bin and PATH); the end-to-end tests need the real kubectl");
    }

    public Task<KubectlResult> RunAsync(string[] args, string? stdin = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(FindBinary());
        psi.ArgumentList.Add("--kubeconfig");
        psi.ArgumentList.Add(Kubeconfig);
        psi.ArgumentList.Add("--cache-dir");
        psi.ArgumentList.Add(_cacheDir);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("KUBECONFIG");
        return ChildProcess.RunAsync(psi, "kubectl " + string.Join(' ', args), timeout ?? TimeSpan.FromSeconds(60), stdin);
    }

    public Task<KubectlResult> RunAsync(params string[] args) => RunAsync(args, null, null);

    /// <summary>Runs and fails (with the output) unless kubectl exits 0.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var r = await RunAsync(args).ConfigureAwait(false);
        if (r.ExitCode != 0) throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed: {r}");
        return r.Stdout;
    }

    /// <summary>Starts a long-running kubectl (e.g. get -w); the caller reads and kills it.</summary>
    public Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo(FindBinary()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("--kubeconfig");
        psi.ArgumentList.Add(Kubeconfig);
        psi.ArgumentList.Add("--cache-dir");
        psi.ArgumentList.Add(_cacheDir);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("kubectl did not start");
    }
}
