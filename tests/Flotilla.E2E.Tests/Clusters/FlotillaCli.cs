using System.Diagnostics;
using System.Globalization;
using System.Text;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Clusters;

/// <summary>Runs the flotilla binary: one-shot commands (join, unjoin, ...) and servers with extra arguments.</summary>
internal static class FlotillaCli
{
    public static Task<KubectlResult> RunAsync(params string[] args) => FlotillaProcess.RunCliAsync(args);

    /// <summary>A <c>flotilla serve</c> with extra arguments, stopped (killed) on dispose.</summary>
    public sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();

        private Server(Process process, string dataDir)
        {
            _process = process;
            DataDir = dataDir;
        }

        public string DataDir { get; }
        public string KubeconfigPath => Path.Combine(DataDir, "karmada-apiserver.config");
        public string Log { get { lock (_log) return _log.ToString(); } }

        public static async Task<Server> StartAsync(params string[] extraArgs)
        {
            var dataDir = Path.Combine(Path.GetTempPath(), "flotilla-e2e-cluster-" + Guid.NewGuid().ToString("N")[..10]);
            Directory.CreateDirectory(dataDir);
            var psi = new ProcessStartInfo(await FlotillaProcess.FindOrBuildBinaryAsync())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "serve", "--data-dir", dataDir, "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--store", "memory" })
                psi.ArgumentList.Add(a);
            foreach (var a in extraArgs) psi.ArgumentList.Add(a);
            var process = new Process { StartInfo = psi };
            var server = new Server(process, dataDir);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (server._log) server._log.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._log) server._log.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var kubectl = new Kubectl(server.KubeconfigPath);
            await Eventually.UntilAsync(async () =>
                process.HasExited
                    ? throw new InvalidOperationException($"flotilla serve exited with {process.ExitCode}\n" + server.Log)
                    : File.Exists(server.KubeconfigPath) && (await kubectl.RunAsync(["get", "--raw", "/readyz"])).ExitCode == 0,
                TimeSpan.FromSeconds(60), "flotilla serve answers /readyz\n" + server.Log, TimeSpan.FromMilliseconds(200));
            return server;
        }

        private bool _disposed;

        /// <summary>SIGKILL, as a crash or a vanished cluster would look.</summary>
        public async Task KillAsync()
        {
            if (_process.HasExited) return;
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            await KillAsync();
            _process.Dispose();
            try { Directory.Delete(DataDir, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
