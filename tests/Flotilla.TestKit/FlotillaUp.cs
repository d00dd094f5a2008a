using System.Diagnostics;
using System.Text;

namespace Flotilla.TestKit;

/// <summary>
/// <c>flotilla up</c> as a child process: the control plane, its controllers and simulated members in one process on a
/// temp data directory and port 0. <see cref="StartAsync"/> returns once every named member is a Ready cluster;
/// <see cref="ControlPlane"/> and <see cref="Member"/> give kubectl bound to each API; dispose kills the process tree.
/// </summary>
public sealed class FlotillaUp : IAsyncDisposable
{
    private readonly Dictionary<string, Kubectl> _members = new(StringComparer.Ordinal);
    private LoggedProcess? _process;

    private FlotillaUp(string dataDir, IReadOnlyList<string> members)
    {
        DataDir = dataDir;
        MemberNames = members;
        ControlPlane = new Kubectl(KubeconfigPath);
    }

    public string DataDir { get; }
    public IReadOnlyList<string> MemberNames { get; }
    public string KubeconfigPath => Path.Combine(DataDir, "karmada-apiserver.config");
    public Kubectl ControlPlane { get; }
    public string Log => _process?.Log ?? "";

    public string MemberKubeconfigPath(string name) => Path.Combine(DataDir, "members", name + ".config");

    /// <summary>kubectl bound to the member's own API (D/members/NAME.config).</summary>
    public Kubectl Member(string name)
    {
        lock (_members)
        {
            if (!_members.TryGetValue(name, out var k)) _members[name] = k = new Kubectl(MemberKubeconfigPath(name));
            return k;
        }
    }

    /// <summary>Starts <c>flotilla up --members a,b ...</c> with extra flags and waits until every member is Ready.</summary>
    public static async Task<FlotillaUp> StartAsync(IReadOnlyList<string> members, IEnumerable<string>? extraArgs = null, TimeSpan? timeout = null)
    {
        var dataDir = ChildProcess.NewTempDirectory("flotilla-up-");
        var up = new FlotillaUp(dataDir, members);
        try
        {
            await up.LaunchAsync(extraArgs ?? [], timeout ?? TimeSpan.FromSeconds(90)).ConfigureAwait(false);
        }
        catch
        {
            await up.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return up;
    }

    private async Task LaunchAsync(IEnumerable<string> extraArgs, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(await FlotillaProcess.FindOrBuildBinaryAsync().ConfigureAwait(false));
        foreach (var a in new[] { "up", "--data-dir", DataDir, "--port", "0", "--members", string.Join(',', MemberNames) })
            psi.ArgumentList.Add(a);
        foreach (var a in extraArgs) psi.ArgumentList.Add(a);
        // The detector's decisions (conflicts, requeues) are logged at Debug: keep them for failure messages.
        psi.Environment["FLOTILLA_LOG"] = "Flotilla.Controllers.resource-detector=Debug,Flotilla.Controllers.Detector=Debug";
        var process = _process = LoggedProcess.Start(psi);
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"flotilla up exited with {process.ExitCode}");
                if (!File.Exists(KubeconfigPath)) return false;
                if (MemberNames.Count == 0)
                    return (await ControlPlane.RunAsync(["get", "--raw", "/readyz"]).ConfigureAwait(false)).ExitCode == 0;
                var r = await ControlPlane.RunAsync(["get", "clusters", "-o",
                    "jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}"]).ConfigureAwait(false);
                if (r.ExitCode != 0) return false;
                var ready = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(l => l.EndsWith("=True", StringComparison.Ordinal)).Select(l => l[..^5]).ToHashSet(StringComparer.Ordinal);
                return MemberNames.All(ready.Contains);
            }, timeout, "flotilla up: every member is a Ready cluster", TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"flotilla up did not become ready: {e.Message}\n{Describe()}", e);
        }
    }

    /// <summary>Runs a one-shot flotilla command (e.g. <c>sim NAME capacity ...</c>) against this data directory.</summary>
    public Task<KubectlResult> RunCliAsync(params string[] args) => FlotillaProcess.RunCliAsync(args);

    /// <summary>Waits for a condition, attaching the process output to the failure.</summary>
    public async Task UntilAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        try
        {
            await Eventually.UntilAsync(condition, timeout ?? TimeSpan.FromSeconds(30), because, TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + await ControlPlaneStateAsync().ConfigureAwait(false) + Describe(), e);
        }
    }

    /// <summary>The control plane's Karmada objects (bindings with their conditions, works with theirs), for failure messages.</summary>
    public async Task<string> ControlPlaneStateAsync()
    {
        var sb = new StringBuilder("--- control plane state ---\n");
        const string conditions = "{range .status.conditions[*]}{.type}={.status}({.reason}: {.message}) {end}";
        foreach (var kind in new[] { "clusterpropagationpolicies", "propagationpolicies", "clusterresourcebindings", "resourcebindings", "works" })
        {
            var r = await ControlPlane.RunAsync(["get", kind, "-A", "-o",
                "jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name} rv={.metadata.resourceVersion} clusters={.spec.clusters} " + conditions + "{\"\\n\"}{end}"],
                null, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            sb.Append(kind).Append(":\n").Append(r.ExitCode == 0 ? r.Stdout : r.Stderr).Append('\n');
        }
        var events = await ControlPlane.RunAsync(["get", "events", "-A", "--field-selector", "type=Warning", "-o",
            "jsonpath={range .items[*]}{.involvedObject.kind}/{.involvedObject.name} {.reason}: {.message}{\"\\n\"}{end}"],
            null, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        sb.Append("warning events:\n").Append(events.ExitCode == 0 ? events.Stdout : events.Stderr).Append('\n');
        return sb.ToString();
    }

    public string Describe()
    {
        var log = _process?.Tail(60000) ?? "";
        return $"data dir: {DataDir}\n--- flotilla up output ---\n{log}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync().ConfigureAwait(false);
        _process = null;
        ChildProcess.DeleteDirectory(DataDir);
    }
}
