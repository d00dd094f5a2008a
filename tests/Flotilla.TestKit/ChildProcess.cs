using System.Diagnostics;
using System.Text;

namespace Flotilla.TestKit;

/// <summary>How the test kit runs programs: one-shot commands whose output it returns, and long-running processes
/// whose output it keeps for failure messages.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="psi"/> to the end (stdin written when given) and returns its exit code and output;
    /// a command still running after <paramref name="timeout"/> is killed and reported as <paramref name="what"/>.</summary>
    public static async Task<KubectlResult> RunAsync(ProcessStartInfo psi, string what, TimeSpan timeout, string? stdin = null)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = stdin is not null;
        psi.UseShellExecute = false;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException(what + " did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            p.StandardInput.Close();
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish in time");
        }
        return new KubectlResult(p.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>A fresh directory under the temp path, e.g. flotilla-up-0123456789.</summary>
    public static string NewTempDirectory(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Removes a directory a test made; one still in use is left behind.</summary>
    public static void DeleteDirectory(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A long-running child process with stdout and stderr kept in one log; dispose kills its whole tree.</summary>
public sealed class LoggedProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly Process _process;

    private LoggedProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Log { get { lock (_log) return _log.ToString(); } }

    public static LoggedProcess Start(ProcessStartInfo psi)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var started = new LoggedProcess(process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>The log, cut to its last <paramref name="max"/> characters.</summary>
    public string Tail(int max)
    {
        var log = Log;
        return log.Length > max ? "...\n" + log[^max..] : log;
    }

    private void Append(string? line)
    {
        if (line is not null) lock (_log) _log.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }
}
