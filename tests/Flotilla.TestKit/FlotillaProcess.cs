using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Flotilla.TestKit;

/// <summary>
/// The real <c>flotilla</c> binary as a child process on loopback: a temp data directory (or a given one, to
/// restart on the same data), readiness polled on /readyz, stdout/stderr captured for failure messages, and the
/// whole process tree killed on dispose.
/// </summary>
public sealed class FlotillaProcess : IAsyncDisposable
{
    private static readonly SemaphoreSlim BuildLock = new(1, 1);
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly bool _ownsDataDir;
    private Process? _process;

    private FlotillaProcess(string dataDir, int port, bool ownsDataDir)
    {
        DataDir = dataDir;
        Port = port;
        _ownsDataDir = ownsDataDir;
    }

    public string DataDir { get; }
    public int Port { get; }
    public string KubeconfigPath => Path.Combine(DataDir, "karmada-apiserver.config");
    public string Token => File.ReadAllText(Path.Combine(DataDir, "admin.token")).Trim();
    public Uri BaseAddress => new($"https://127.0.0.1:{Port}");
    public int? ProcessId => _process?.Id;
    public bool HasExited => _process?.HasExited ?? true;
    public string Output { get { lock (_stdout) return _stdout.ToString(); } }
    public string Errors { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts <c>flotilla serve</c> (or another command given in <paramref name="command"/>).</summary>
    public static async Task<FlotillaProcess> StartAsync(string? dataDir = null, int? port = null, string store = "sqlite",
        TimeSpan? startTimeout = null, string command = "serve")
    {
        var owns = dataDir is null;
        dataDir ??= Path.Combine(Path.GetTempPath(), "flotilla-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDir);
        var p = new FlotillaProcess(dataDir, port ?? FreePort.Next(), owns);
        await p.LaunchAsync(command, store, startTimeout ?? TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        return p;
    }

    private async Task LaunchAsync(string command, string store, TimeSpan timeout)
    {
        var binary = await FindOrBuildBinaryAsync().ConfigureAwait(false);
        var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(command);
        psi.ArgumentList.Add("--data-dir");
        psi.ArgumentList.Add(DataDir);
        psi.ArgumentList.Add("--port");
        psi.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (command == "serve") { psi.ArgumentList.Add("--store"); psi.ArgumentList.Add(store); }
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"flotilla exited with {process.ExitCode}");
                return await IsReadyAsync().ConfigureAwait(false);
            }, timeout, "flotilla answers /readyz", TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"flotilla did not become ready: {e.Message}\n{Describe()}", e);
        }
    }

    /// <summary>An HttpClient that trusts the data directory's CA and sends the admin token.</summary>
    public HttpClient CreateHttpClient(bool withToken = true)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(DataDir, "pki", "ca.crt")));
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                if (cert is null) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(cert);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (withToken) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    private async Task<bool> IsReadyAsync()
    {
        if (!File.Exists(Path.Combine(DataDir, "pki", "ca.crt"))) return false;
        try
        {
            using var client = CreateHttpClient(withToken: false);
            client.Timeout = TimeSpan.FromSeconds(2);
            using var resp = await client.GetAsync(new Uri("/readyz", UriKind.Relative)).ConfigureAwait(false);
            return resp.IsSuccessStatusCode && File.Exists(KubeconfigPath);
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }

    /// <summary>SIGKILL the whole tree, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the same command again on the same data directory and port.</summary>
    public async Task RestartAsync(string store = "sqlite", TimeSpan? timeout = null)
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
        await LaunchAsync("serve", store, timeout ?? TimeSpan.FromSeconds(60)).ConfigureAwait(false);
    }

    public string Describe() => $"data dir: {DataDir}\nport: {Port}\n--- flotilla stdout ---\n{Output}\n--- flotilla stderr ---\n{Errors}";

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
        if (_ownsDataDir)
        {
            try { Directory.Delete(DataDir, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Runs a one-shot flotilla command (join, sim, get, ...) and returns its exit code and output; a command
    /// still running after 90 s is killed and reported.</summary>
    public static async Task<KubectlResult> RunCliAsync(params string[] args)
    {
        var psi = new ProcessStartInfo(await FindOrBuildBinaryAsync().ConfigureAwait(false));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return await ChildProcess.RunAsync(psi, "flotilla " + string.Join(' ', args), TimeSpan.FromSeconds(90)).ConfigureAwait(false);
    }

    /// <summary>src/Flotilla.Cli/bin/&lt;Configuration&gt;/net10.0/flotilla, built once if missing.</summary>
    public static async Task<string> FindOrBuildBinaryAsync()
    {
        var root = RepoRoot();
        var config = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
                     ?? typeof(FlotillaProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        string Path1(string c) => Path.Combine(root, "src", "Flotilla.Cli", "bin", c, "net10.0", "flotilla");
        foreach (var c in new[] { config, "Debug", "Release" })
            if (File.Exists(Path1(c))) return Path1(c);
        await BuildLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (File.Exists(Path1(config))) return Path1(config);
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
            foreach (var a in new[] { "build", "src/Flotilla.Cli", "-c", config, "-nologo", "-v", "q" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var output = await p.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await p.WaitForExitAsync().ConfigureAwait(false);
            if (p.ExitCode != 0 || !File.Exists(Path1(config))) throw new InvalidOperationException("building the flotilla CLI failed:\n" + output);
            return Path1(config);
        }
        finally
        {
            BuildLock.Release();
        }
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Flotilla.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Flotilla.slnx) above " + AppContext.BaseDirectory);
    }
}
