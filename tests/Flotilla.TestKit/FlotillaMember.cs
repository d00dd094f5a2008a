using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Flotilla.TestKit;

/// <summary>
/// <c>flotilla member NAME [NAME ...]</c> as a child process on a temp data directory: returns once every member's
/// kubeconfig (<c>&lt;data-dir&gt;/members/NAME.config</c>) and admin file exist and its API answers /readyz.
/// <see cref="Name"/>, <see cref="Kubectl"/> and <see cref="SimAsync"/> address the first member (one member gets a
/// reserved loopback <see cref="Port"/>; several get ports of their own choosing), the <c>…Of(name)</c> forms any of
/// them; dispose kills the process tree and removes the data directory.
/// </summary>
public sealed partial class FlotillaMember : IAsyncDisposable
{
    private LoggedProcess? _process;

    private FlotillaMember(IReadOnlyList<string> names, string dataDir, int port)
    {
        Names = names;
        DataDir = dataDir;
        Port = port;
        Kubectl = KubectlOf(Name);
    }

    public IReadOnlyList<string> Names { get; }
    public string Name => Names[0];
    public string DataDir { get; }
    /// <summary>The first member's port (0 when several members chose their own).</summary>
    public int Port { get; }
    public string KubeconfigPath => KubeconfigPathOf(Name);
    public Kubectl Kubectl { get; }
    public string Log => _process?.Log ?? "";

    public string KubeconfigPathOf(string name) => Path.Combine(DataDir, "members", name + ".config");

    public string AdminFilePathOf(string name) => Path.Combine(DataDir, "members", name + ".admin.json");

    /// <summary>kubectl bound to a member's own API, with its admin credentials.</summary>
    public Kubectl KubectlOf(string name) => new(KubeconfigPathOf(name));

    /// <summary>A member's API address as its kubeconfig names it, e.g. https://127.0.0.1:41234.</summary>
    public string ServerOf(string name) => ServerLine().Match(File.ReadAllText(KubeconfigPathOf(name))).Groups[1].Value;

    /// <summary>Starts <c>flotilla member NAME --data-dir D --port P</c> plus <paramref name="extraArgs"/> (shape flags).</summary>
    public static Task<FlotillaMember> StartAsync(string name, IEnumerable<string>? extraArgs = null, TimeSpan? timeout = null) =>
        StartAsync([name], extraArgs, timeout);

    /// <summary>Starts one <c>flotilla member</c> process serving every name in <paramref name="names"/>.</summary>
    public static async Task<FlotillaMember> StartAsync(IReadOnlyList<string> names, IEnumerable<string>? extraArgs = null, TimeSpan? timeout = null)
    {
        var dataDir = ChildProcess.NewTempDirectory("flotilla-member-");
        var member = new FlotillaMember(names, dataDir, names.Count == 1 ? FreePort.Next() : 0);
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
        var psi = new ProcessStartInfo(await FlotillaProcess.FindOrBuildBinaryAsync().ConfigureAwait(false));
        psi.ArgumentList.Add("member");
        foreach (var n in Names) psi.ArgumentList.Add(n);
        foreach (var a in new[] { "--data-dir", DataDir, "--port", Port.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        foreach (var a in extraArgs) psi.ArgumentList.Add(a);
        var process = _process = LoggedProcess.Start(psi);
        try
        {
            foreach (var name in Names)
            {
                var kubectl = KubectlOf(name);
                await Eventually.UntilAsync(async () =>
                {
                    if (process.HasExited) throw new InvalidOperationException($"flotilla member exited with {process.ExitCode}");
                    if (!File.Exists(KubeconfigPathOf(name)) || !File.Exists(AdminFilePathOf(name))) return false;
                    return (await kubectl.RunAsync(["get", "--raw", "/readyz"], null, TimeSpan.FromSeconds(10)).ConfigureAwait(false)).ExitCode == 0;
                }, timeout, $"flotilla member {name} answers /readyz", TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"flotilla member did not become ready: {e.Message}\n{Describe()}", e);
        }
    }

    /// <summary>Runs <c>flotilla sim NAME ARGS... --data-dir D</c> (outage, recover, fail-pods, heal-pods, capacity).</summary>
    public Task<KubectlResult> SimAsync(params string[] args) => SimOfAsync(Name, args);

    /// <summary>The same for any of the members.</summary>
    public Task<KubectlResult> SimOfAsync(string name, params string[] args) =>
        FlotillaProcess.RunCliAsync(["sim", name, .. args, "--data-dir", DataDir]);

    public string Describe()
    {
        var log = _process?.Tail(30000) ?? "";
        return $"data dir: {DataDir}\nport: {Port}\n--- flotilla member output ---\n{log}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync().ConfigureAwait(false);
        _process = null;
        ChildProcess.DeleteDirectory(DataDir);
    }

    [GeneratedRegex(@"server:\s*(\S+)")]
    private static partial Regex ServerLine();
}
