using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Flotilla.E2E.Tests.Python;

/// <summary>Debian's python3-kubernetes as a second, independent client (CA and token from the kubeconfig).</summary>
[Trait("Category", "E2E")]
public sealed class PythonClientTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    private static string ScriptPath([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "client_roundtrip.py");

    [Fact]
    public async Task PythonKubernetesClient_ListsCreatesPatchesAndWatches()
    {
        const string Python = "/usr/bin/python3";
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(ScriptPath());
        psi.ArgumentList.Add(fx.Server.KubeconfigPath);
        psi.ArgumentList.Add("e2e-python");
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await p.WaitForExitAsync(cts.Token);
        var output = await stdout;
        var errors = await stderr;
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}\n{output}\n{errors}\n(is python3-kubernetes installed? apt-get install -y python3-kubernetes)");
        Assert.Equal("OK", output.Trim());
    }
}
