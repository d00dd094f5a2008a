using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Clusters;

/// <summary>
/// One <c>flotilla member NAME ... --data-dir D</c> process serving simulated member clusters on loopback, each with its
/// kubeconfig at <c>D/members/NAME.config</c>; faults go through <c>flotilla sim NAME ... --data-dir D</c>. Killed on dispose.
/// </summary>
internal sealed partial class SimulatedMembers : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SimulatedMembers(Process process, string dataDir)
    {
        _process = process;
        DataDir = dataDir;
    }

    public string DataDir { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }

    public string KubeconfigPath(string name) => Path.Combine(DataDir, "members", name + ".config");

    /// <summary>kubectl bound to the member's own API, with its admin credentials.</summary>
    public Kubectl Kubectl(string name) => new(KubeconfigPath(name));

    /// <summary>The member's API address as its kubeconfig names it, e.g. https://127.0.0.1:41234.</summary>
    public string Server(string name) => ServerLine().Match(File.ReadAllText(KubeconfigPath(name))).Groups[1].Value;

    /// <summary>Starts <c>flotilla member</c> for <paramref name="names"/> with extra flags and waits until each answers /readyz.</summary>
    public static async Task<SimulatedMembers> StartAsync(IReadOnlyList<string> names, params string[] extraArgs)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "flotilla-e2e-members-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dataDir);
        var psi = new ProcessStartInfo(await FlotillaProcess.FindOrBuildBinaryAsync())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("member");
        foreach (var n in names) psi.ArgumentList.Add(n);
        foreach (var a in new[] { "--data-dir", dataDir, "--port", "0" }) psi.ArgumentList.Add(a);
        foreach (var a in extraArgs) psi.ArgumentList.Add(a);
        var process = new Process { StartInfo = psi };
        var members = new SimulatedMembers(process, dataDir);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (members._log) members._log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (members._log) members._log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            foreach (var n in names)
            {
                var k = members.Kubectl(n);
                await Eventually.UntilAsync(async () =>
                    process.HasExited
                        ? throw new InvalidOperationException($"flotilla member exited with {process.ExitCode}\n" + members.Log)
                        : File.Exists(members.KubeconfigPath(n)) && (await k.RunAsync(["get", "--raw", "/readyz"])).ExitCode == 0,
                    TimeSpan.FromSeconds(60), $"flotilla member serves {n}\n" + members.Log, TimeSpan.FromMilliseconds(100));
            }
        }
        catch
        {
            await members.DisposeAsync();
            throw;
        }
        return members;
    }

    /// <summary><c>flotilla sim NAME ACTION [flags] --data-dir D</c>.</summary>
    public Task<KubectlResult> SimAsync(string name, string action, params string[] flags) =>
        FlotillaCli.RunAsync(["sim", name, action, .. flags, "--data-dir", DataDir]);

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(DataDir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"server:\s*(\S+)")]
    private static partial Regex ServerLine();
}
