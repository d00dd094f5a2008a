using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Flotilla.LoadTest;

/// <summary>
/// Macro load test of the API server: starts a real <c>flotilla serve --store sqlite</c> and measures create
/// throughput (1 and 16 HTTPS clients), list latency at 10k objects, watch delivery latency (write → event) and the
/// server's RSS at 10k and 100k ConfigMaps. Prints the figures; run in Release:
/// <c>dotnet run -c Release --project bench/Flotilla.LoadTest [-- --objects 100000] [--data-root DIR] [--warmup 2000]
/// [--serve-args "--controllers=-detector"]</c> (extra arguments for <c>flotilla serve</c>, e.g. to measure the API server
/// without the controllers, as kube-apiserver's published figures are).
/// Each figure is followed by the machine's 1-minute load average. Keep the data directory out of trees that other
/// processes watch recursively (a FileSystemWatcher on /tmp turns every SQLite write into inotify work: on a shared
/// machine this alone cut creates/s by more than half); <c>--data-root</c> (default: the temp directory) chooses it.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var total = ArgInt(args, "--objects", 100_000);
        var root = RepoRoot();
        var binary = FindBinary(root);
        var dataRoot = ArgString(args, "--data-root") ?? Path.GetTempPath();
        var dataDir = Path.Combine(dataRoot, "flotilla-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePort();
        Console.WriteLine($"flotilla: {binary}\ndata dir: {dataDir}\nmachine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        using var server = StartServer(binary, dataDir, port, ArgString(args, "--serve-args"));
        try
        {
            using var http = await WaitReadyAsync(dataDir, port, server);
            await CreateNamespaceAsync(http, "bench");
            await CreateNamespaceAsync(http, "watch");

            // JIT (tiered compilation) and connection warm-up, not timed; --warmup raises it to measure steady state (the
            // warm-up objects stay in namespace "watch", so they count in the RSS figures).
            await CreateManyAsync(dataDir, port, "watch", "warmup", ArgInt(args, "--warmup", 2_000), clients: 16);
            var one = await CreateManyAsync(dataDir, port, "bench", "single", 2_000, clients: 1);
            Console.WriteLine($"create, 1 client:   {one:0} objects/s {Load()}");
            var sixteen = await CreateManyAsync(dataDir, port, "bench", "multi", 8_000, clients: 16);
            Console.WriteLine($"create, 16 clients: {sixteen:0} objects/s {Load()}");
            var count = 10_000;
            Console.WriteLine($"RSS at {count} ConfigMaps: {Rss(server.Id) / 1024.0 / 1024.0:0.0} MiB {Load()}");

            var list = await ListLatencyAsync(http, "/api/v1/namespaces/bench/configmaps", 20);
            var limited = await ListLatencyAsync(http, "/api/v1/namespaces/bench/configmaps?limit=500", 20);
            Console.WriteLine($"list 500 of 10k (limit=500): p50 {limited.P50:0.0} ms, p99 {limited.P99:0.0} ms {Load()}");
            Console.WriteLine($"list 10k (namespace bench): p50 {list.P50:0.0} ms, p99 {list.P99:0.0} ms, {list.Bytes / 1024 / 1024.0:0.0} MiB {Load()}");

            var watch = await WatchLatencyAsync(dataDir, port, http, 500);
            Console.WriteLine($"watch delivery (write → event): p50 {watch.P50:0.00} ms, p99 {watch.P99:0.00} ms {Load()}");

            if (total > count)
            {
                var fill = await CreateManyAsync(dataDir, port, "bench", "fill", 28_000 - count, clients: 16);
                Console.WriteLine($"RSS at 28000 ConfigMaps: {Rss(server.Id) / 1024.0 / 1024.0:0.0} MiB (fill rate {fill:0}/s) {Load()}");
                if (total <= 28_000)
                {
                    // --hold-seconds keeps the server up for inspection (dotnet-gcdump, /proc/PID/smaps).
                    if (ArgInt(args, "--hold-seconds", 0) is > 0 and var hold)
                    {
                        Console.WriteLine($"holding the server (pid {server.Id}) for {hold}s");
                        await Task.Delay(TimeSpan.FromSeconds(hold));
                    }
                    return 0;
                }
                fill = await CreateManyAsync(dataDir, port, "bench", "more", total - 28_000, clients: 16);
                Console.WriteLine($"RSS at {total} ConfigMaps: {Rss(server.Id) / 1024.0 / 1024.0:0.0} MiB (fill rate {fill:0}/s) {Load()}");
            }
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("bench failed: " + e);
            return 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            try { Directory.Delete(dataDir, true); } catch (IOException) { }
        }
    }

    private static string? ArgString(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>"(load 1.23)": the 1-minute load average, or empty where /proc/loadavg does not exist.</summary>
    private static string Load()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return "(load " + text[..text.IndexOf(' ', StringComparison.Ordinal)] + ")";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static int ArgInt(string[] args, string name, int def)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : def;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Flotilla.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    private static string FindBinary(string root)
    {
        foreach (var c in new[] { "Release", "Debug" })
        {
            var p = Path.Combine(root, "src", "Flotilla.Cli", "bin", c, "net10.0", "flotilla");
            if (File.Exists(p)) return p;
        }
        throw new InvalidOperationException("build the CLI first: dotnet build -c Release src/Flotilla.Cli");
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static Process StartServer(string binary, string dataDir, int port, string? extraArgs)
    {
        var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "serve", "--data-dir", dataDir, "--port", port.ToString(CultureInfo.InvariantCulture), "--store", "sqlite" }) psi.ArgumentList.Add(a);
        foreach (var a in (extraArgs ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static HttpClient Client(string dataDir, int port, int connections = 1)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dataDir, "pki", "ca.crt")));
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    if (cert is null) return false;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(cert));
                },
            },
        };
        var c = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(dataDir, "admin.token")).Trim());
        return c;
    }

    private static async Task<HttpClient> WaitReadyAsync(string dataDir, int port, Process server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited) throw new InvalidOperationException("flotilla exited");
            if (File.Exists(Path.Combine(dataDir, "karmada-apiserver.config")))
            {
                var c = Client(dataDir, port, 4);
                try
                {
                    if ((await c.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode) return c;
                }
                catch (HttpRequestException) { }
                c.Dispose();
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("flotilla did not become ready");
    }

    private static async Task CreateNamespaceAsync(HttpClient http, string name)
    {
        using var r = await http.PostAsync(new Uri("/api/v1/namespaces", UriKind.Relative),
            new StringContent($"{{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{{\"name\":\"{name}\"}}}}", Encoding.UTF8, "application/json"));
        if (r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)) throw new InvalidOperationException($"namespace {name}: {r.StatusCode}");
    }

    private static string ConfigMapJson(string name, int i) =>
        $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"{name}\",\"labels\":{{\"app\":\"bench\",\"shard\":\"{i % 16}\"}}}},\"data\":{{\"index\":\"{i}\",\"payload\":\"{new string('x', 200)}\"}}}}";

    /// <summary>Creates <paramref name="count"/> ConfigMaps with <paramref name="clients"/> concurrent HTTPS connections.</summary>
    private static async Task<double> CreateManyAsync(string dataDir, int port, string ns, string prefix, int count, int clients)
    {
        var next = -1;
        var uri = new Uri($"/api/v1/namespaces/{ns}/configmaps", UriKind.Relative);
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(async _ =>
        {
            using var c = Client(dataDir, port);
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= count) return;
                using var content = new StringContent(ConfigMapJson($"{prefix}-{i}", i), Encoding.UTF8, "application/json");
                using var r = await c.PostAsync(uri, content);
                if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create failed: {r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return count / sw.Elapsed.TotalSeconds;
    }

    private sealed record Latency(double P50, double P99, long Bytes);

    private static async Task<Latency> ListLatencyAsync(HttpClient http, string path, int rounds)
    {
        var samples = new List<double>();
        long bytes = 0;
        for (var i = 0; i < rounds + 2; i++)
        {
            var sw = Stopwatch.StartNew();
            var body = await http.GetByteArrayAsync(new Uri(path, UriKind.Relative));
            sw.Stop();
            bytes = body.Length;
            if (i >= 2) samples.Add(sw.Elapsed.TotalMilliseconds);
        }
        return Summarise(samples, bytes);
    }

    private static async Task<Latency> WatchLatencyAsync(string dataDir, int port, HttpClient http, int events)
    {
        var list = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/namespaces/watch/configmaps", UriKind.Relative)))!;
        var rv = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var watcher = Client(dataDir, port);
        using var resp = await watcher.GetAsync(new Uri($"/api/v1/namespaces/watch/configmaps?watch=true&resourceVersion={rv}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await resp.Content.ReadAsStreamAsync());
        var sent = new long[events];
        var received = new long[events];
        var readerTask = Task.Run(async () =>
        {
            for (var n = 0; n < events; n++)
            {
                var line = await reader.ReadLineAsync() ?? throw new InvalidOperationException("watch ended");
                var now = Stopwatch.GetTimestamp();
                var name = JsonNode.Parse(line)!["object"]!["metadata"]!["name"]!.GetValue<string>();
                received[int.Parse(name.AsSpan(2), CultureInfo.InvariantCulture)] = now;
            }
        });
        using var writer = Client(dataDir, port);
        for (var i = 0; i < events; i++)
        {
            sent[i] = Stopwatch.GetTimestamp();
            using var r = await writer.PostAsync(new Uri("/api/v1/namespaces/watch/configmaps", UriKind.Relative),
                new StringContent(ConfigMapJson($"w-{i}", i), Encoding.UTF8, "application/json"));
            if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException("watch write failed");
        }
        await readerTask.WaitAsync(TimeSpan.FromSeconds(60));
        var samples = new List<double>(events);
        for (var i = 0; i < events; i++) samples.Add(Stopwatch.GetElapsedTime(sent[i], received[i]).TotalMilliseconds);
        return Summarise(samples, 0);
    }

    private static Latency Summarise(List<double> samples, long bytes)
    {
        samples.Sort();
        double P(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        return new Latency(P(0.50), P(0.99), bytes);
    }

    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }
}
