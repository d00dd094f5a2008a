using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Flotilla.TestKit;

/// <summary>
/// <c>flotilla member NAME</c> as a child process on a temp data directory and a reserved loopback port: returns once
/// the member's kubeconfig (<c>&lt;data-dir&gt;/members/NAME.config</c>) and admin file exist and its API answers
/// /readyz. <see cref="Kubectl"/> is bound to the member, <see cref="SimAsync"/> runs <c>flotilla sim NAME ...</c>
/// against the same data directory; dispose kills the process tree and removes the data directory.
/// </summary>
public sealed class FlotillaMember : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    private FlotillaMember(string name, string dataDir, int port)
    {
        Name = name;
        DataDir = dataDir;
        Port = port;
        Kubectl = new Kubectl(KubeconfigPath);
    }

    public string Name { get; }
    public string DataDir { get; }
    public int Port { get; }
    public string KubeconfigPath => Path.Combine(DataDir, "members", Name + ".config");
    public string AdminFilePath => Path.Combine(DataDir, "members", Name + ".admin.json");
    public Kubectl Kubectl { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>Starts <c>flotilla member NAME --data-dir D --port P</c> plus <paramref name="extraArgs"/> (shape flags).</summary>
    public static async Task<FlotillaMember> StartAsync(string name, IEnumerable<string>? extraArgs = null, TimeSpan? timeout = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "flotilla-member-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dataDir);
        var member = new FlotillaMember(name, dataDir, FreePort.Next());
        try
        {
            await member.LaunchAsync(extraArgs ?? [], timeout ?? TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch
        {
            await member.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return member;
    }

    private async Task LaunchAsync(IEnumerable<string> extraArgs, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(await FlotillaProcess.FindOrBuildBinaryAsync().ConfigureAwait(false))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "member", Name, "--data-dir", DataDir, "--port", Port.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        foreach (var a in extraArgs) psi.ArgumentList.Add(a);
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"flotilla member exited with {process.ExitCode}");
                if (!File.Exists(KubeconfigPath) || !File.Exists(AdminFilePath)) return false;
                return (await Kubectl.RunAsync(["get", "--raw", "/readyz"], null, TimeSpan.FromSeconds(10)).ConfigureAwait(false)).ExitCode == 0;
            }, timeout, $"flotilla member {Name} answers /readyz", TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"flotilla member did not become ready: {e.Message}\n{Describe()}", e);
        }
    }

    /// <summary>Runs <c>flotilla sim NAME ARGS... --data-dir D</c> (outage, recover, fail-pods, heal-pods, capacity).</summary>
    public Task<KubectlResult> SimAsync(params string[] args) => RunCliAsync(["sim", Name, .. args, "--data-dir", DataDir]);

    /// <summary>Runs a one-shot flotilla command.</summary>
    public static async Task<KubectlResult> RunCliAsync(params string[] args)
    {
        var psi = new ProcessStartInfo(await FlotillaProcess.FindOrBuildBinaryAsync().ConfigureAwait(false))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("flotilla did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"flotilla {string.Join(' ', args)} did not finish in time");
        }
        return new KubectlResult(p.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    public string Describe()
    {
        var log = Log;
        if (log.Length > 30000) log = "...\n" + log[^30000..];
        return $"data dir: {DataDir}\nport: {Port}\n--- flotilla member output ---\n{log}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
            _process.Dispose();
            _process = null;
        }
        try { Directory.Delete(DataDir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
