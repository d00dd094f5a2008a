using System.Diagnostics;
using System.Globalization;
using Flotilla.Storage.Sqlite;

namespace Flotilla.Benchmarks;

/// <summary>
/// kill -9 durability: a child process writes as fast as it can and prints each acknowledged key; the parent kills
/// it with SIGKILL mid-stream, reopens the database and checks that every acknowledged write is there.
/// </summary>
public static class CrashCheck
{
    public const string ChildFlag = "--crash-child";

    /// <summary>Child: writes until killed, printing "ack N" after each acknowledged create.</summary>
    public static async Task<int> RunChildAsync(string path, CancellationToken ct)
    {
        var store = await SqliteStorageBackend.OpenAsync(path, new SqliteStorageOptions { CompactInterval = TimeSpan.Zero }, null, ct);
        var value = Payloads.ConfigMap("default", "crash", 500);
        var next = -1;
        var output = Console.Out;
        var gate = new Lock();
        var tasks = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                var result = await store.CreateAsync(Payloads.Key(i), value, ct);
                if (result.Succeeded)
                {
                    lock (gate)
                    {
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {i}"));
                    }
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(tasks);
        return 0;
    }

    /// <summary>Parent: runs the child, kills it, verifies.</summary>
    public static async Task<string> RunAsync(string path, CancellationToken ct)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? "dotnet",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(CrashCheck).Assembly.Location);
        }

        start.ArgumentList.Add(ChildFlag);
        start.ArgumentList.Add(path);

        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child");
        var acked = new List<int>();
        var stopwatch = Stopwatch.StartNew();
        while (acked.Count < 20_000 && stopwatch.Elapsed < TimeSpan.FromSeconds(20))
        {
            var line = await child.StandardOutput.ReadLineAsync(ct);
            if (line is null)
            {
                break;
            }

            if (line.StartsWith("ack ", StringComparison.Ordinal))
            {
                acked.Add(int.Parse(line.AsSpan(4), CultureInfo.InvariantCulture));
            }
        }

        child.Kill(entireProcessTree: true); // SIGKILL on Linux
        await child.WaitForExitAsync(ct);

        await using var store = await SqliteStorageBackend.OpenAsync(path, new SqliteStorageOptions { CompactInterval = TimeSpan.Zero }, null, ct);
        var missing = 0;
        foreach (var i in acked)
        {
            if ((await store.GetAsync(Payloads.Key(i), 0, ct)).Entry is null)
            {
                missing++;
            }
        }

        var revision = await store.CurrentRevisionAsync(ct);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"kill -9 durability: {acked.Count} writes acknowledged before SIGKILL, {missing} missing after reopen ({store.KeyCount} keys, revision {revision})");
    }
}
