using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Client;
using Flotilla.Controllers.Registration;
using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.PropagationBench;

/// <summary>
/// End-to-end propagation benchmark against real processes: a <c>flotilla serve</c> control plane (SQLite store,
/// default flags) and a <c>flotilla member</c> process serving simulated members, joined in Push mode. Prints:
/// <list type="bullet">
/// <item>registration latency: <c>flotilla join</c> started → Cluster Ready=True, per member;</item>
/// <item>idle control plane RSS with 3 members joined;</item>
/// <item>propagation latency: Deployment POSTed to the control plane → ADDED in the member's watch, and DELETE →
/// DELETED, p50/p90/p99 over <c>--runs</c>, isolated (<c>--gap</c> apart) and back to back;</item>
/// <item>bulk: 1,000 Deployments created by 8 clients, to 1 member and 10 members (Duplicated) and to 100 members
/// (Divided, <c>--divided-replicas</c> each), time until every member object exists, member objects/s, peak RSS.</item>
/// </list>
/// Usage: <c>dotnet run -c Release --project bench/Flotilla.PropagationBench [-- --runs 200] [--gap-ms 300]
/// [--bulk 1,10,100] [--deployments 1000] [--clients 8] [--divided-replicas 10] [--bulk-warmup 200] [--skip-latency] [--simulated-members] [--data-root DIR]</c>.
/// By default the members run with <c>--no-workloads</c> (objects stored, never run, as on a kube-apiserver without
/// controllers), the setup of Karmada's reference figures; <c>--simulated-members</c> makes them simulate pods and
/// report status, which the control plane then aggregates into Works, bindings and templates (a heavier run).
/// Build the CLI first (<c>dotnet build -c Release src/Flotilla.Cli</c>). PROPBENCH_KEEP_DATA=1 keeps each run's data
/// directory (the control plane's SQLite store) for inspection.
/// </summary>
public static class Program
{
    private static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    private static readonly GroupVersionResource Namespaces = new("", "v1", "namespaces");
    private static readonly GroupVersionResource Clusters = new("cluster.karmada.io", "v1alpha1", "clusters");
    private static readonly GroupVersionResource PropagationPolicies = new("policy.karmada.io", "v1alpha1", "propagationpolicies");

    public static async Task<int> Main(string[] args)
    {
        var runs = ArgInt(args, "--runs", 200);
        var gap = TimeSpan.FromMilliseconds(ArgInt(args, "--gap-ms", 300));
        var bulk = (ArgString(args, "--bulk") ?? "1,10,100").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var deployments = ArgInt(args, "--deployments", 1000);
        var clients = ArgInt(args, "--clients", 8);
        var dividedReplicas = ArgInt(args, "--divided-replicas", 10);
        var warmup = ArgInt(args, "--bulk-warmup", 200);
        var dataRoot = ArgString(args, "--data-root") ?? Path.GetTempPath();
        var binary = FindBinary();
        BenchEnvironment.BareMembers = !args.Contains("--simulated-members");
        Console.WriteLine($"flotilla: {binary}\nmachine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        try
        {
            if (!args.Contains("--skip-latency"))
            {
                await using var env = await BenchEnvironment.StartAsync(binary, dataRoot, 3, joinWithCli: true);
                await IdleAsync(env);
                await LatencyAsync(env, runs, gap);
            }
            foreach (var n in bulk)
            {
                await using var env = await BenchEnvironment.StartAsync(binary, dataRoot, n, joinWithCli: false);
                await BulkAsync(env, deployments, clients, divided: n > 10, dividedReplicas, warmup);
            }
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("bench failed: " + e);
            return 1;
        }
    }

    private static async Task IdleAsync(BenchEnvironment env)
    {
        // Let the first status rounds, lease renewals and informer lists settle (the control plane trims its memory
        // after a quiet 10 s interval), then read the resident set: 15 s and 30 s after the joins.
        await Task.Delay(TimeSpan.FromSeconds(15));
        var (early, _) = env.ControlPlaneMemory();
        await Task.Delay(TimeSpan.FromSeconds(15));
        var (rss, _) = env.ControlPlaneMemory();
        Console.WriteLine(Inv($"idle control plane RSS with {env.MemberNames.Count} members joined: {rss:0.0} MiB 30 s after the joins ({early:0.0} MiB after 15 s) (load {Load()})"));
    }

    private static async Task LatencyAsync(BenchEnvironment env, int runs, TimeSpan gap)
    {
        const string ns = "lat";
        var target = env.MemberNames[0];
        await env.CreateNamespaceAsync(ns);
        await env.ControlPlane.CreateAsync(PropagationPolicies, Json("""
            {"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"lat","namespace":"@ns@"},
             "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment"}],
                     "placement":{"clusterAffinity":{"clusterNames":["@target@"]}}}}
            """, ("ns", ns), ("target", target)), null, CancellationToken.None);
        using var watcher = new MemberWatcher(env.Members[target], ns);
        await watcher.StartAsync();

        // Warm-up (JIT, connections), not counted.
        await MeasureAsync(env, watcher, ns, "warm", 20, TimeSpan.Zero);
        foreach (var (mode, delay) in new[] { ("isolated", gap), ("back-to-back", TimeSpan.Zero) })
        {
            var (create, delete) = await MeasureAsync(env, watcher, ns, mode == "isolated" ? "iso" : "b2b", runs, delay);
            Console.WriteLine(Inv($"propagation {mode,-12} create → member: {Summary(create)}"));
            Console.WriteLine(Inv($"propagation {mode,-12} delete → member: {Summary(delete)} (load {Load()})"));
        }
    }

    private static async Task<(List<double> Create, List<double> Delete)> MeasureAsync(BenchEnvironment env, MemberWatcher watcher, string ns, string prefix, int runs, TimeSpan gap)
    {
        var create = new List<double>(runs);
        var delete = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var name = Inv($"{prefix}-{i}");
            var added = watcher.ExpectAsync(name, WatchEventType.Added);
            var t0 = Stopwatch.GetTimestamp();
            await env.ControlPlane.CreateAsync(Deployments, DeploymentJson(ns, name, 1), null, CancellationToken.None);
            var t1 = await added.WaitAsync(TimeSpan.FromSeconds(60));
            create.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            if (gap > TimeSpan.Zero) await Task.Delay(gap);

            var deleted = watcher.ExpectAsync(name, WatchEventType.Deleted);
            t0 = Stopwatch.GetTimestamp();
            await env.ControlPlane.DeleteAsync(Deployments, ns, name, null, CancellationToken.None);
            t1 = await deleted.WaitAsync(TimeSpan.FromSeconds(60));
            delete.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            if (gap > TimeSpan.Zero) await Task.Delay(gap);
        }
        return (create, delete);
    }

    private static async Task BulkAsync(BenchEnvironment env, int deployments, int clients, bool divided, int dividedReplicas, int warmup)
    {
        const string ns = "bulk";
        var members = env.MemberNames.Count;
        var placement = divided
            ? """{"replicaScheduling":{"replicaSchedulingType":"Divided","replicaDivisionPreference":"Weighted"}}"""
            : "{}";
        var replicas = divided ? dividedReplicas : 1;
        if (warmup > 0)
        {
            // A round trip of a few hundred Deployments first (created, propagated, deleted, gone from the members), so
            // that the timed run measures a running control plane, not the JIT compiling its code paths.
            const string warm = "bulk-warmup";
            var sw0 = Stopwatch.StartNew();
            await CreatePolicyAsync(env, warm, placement);
            var names = Enumerable.Range(0, warmup).Select(i => Inv($"warm-{i}")).ToList();
            var warmWatchers = env.MemberNames.Select(m => new MemberWatcher(env.Members[m], warm)).ToList();
            await Task.WhenAll(warmWatchers.Select(w => w.StartAsync()));
            try
            {
                var expectedWarm = divided ? warmup * Math.Min(replicas, members) : warmup * members;
                await ForEachAsync(names, clients, n => env.ControlPlane.CreateAsync(Deployments, DeploymentJson(warm, n, replicas), null, CancellationToken.None));
                await BenchEnvironment.UntilAsync(() => Task.FromResult(warmWatchers.Sum(w => w.Present) >= expectedWarm), "the warm-up Deployments in the members", TimeSpan.FromMinutes(5));
                await ForEachAsync(names, clients, n => env.ControlPlane.DeleteAsync(Deployments, warm, n, null, CancellationToken.None));
                await BenchEnvironment.UntilAsync(() => Task.FromResult(warmWatchers.Sum(w => w.Present) == 0), "the warm-up Deployments gone from the members", TimeSpan.FromMinutes(5));
            }
            finally
            {
                foreach (var w in warmWatchers) w.Dispose();
            }
            Console.WriteLine(Inv($"warm-up: {warmup} Deployments propagated and deleted in {sw0.Elapsed.TotalSeconds:0.0}s"));
        }
        await CreatePolicyAsync(env, ns, placement);
        var expected = divided ? deployments * Math.Min(replicas, members) : deployments * members;
        var watchers = env.MemberNames.Select(m => new MemberWatcher(env.Members[m], ns)).ToList();
        await Task.WhenAll(watchers.Select(w => w.StartAsync()));
        try
        {
            using var sampler = new PeakSampler(env);
            var cpu0 = env.CpuSeconds();
            var self0 = Process.GetCurrentProcess().TotalProcessorTime;
            var rv0 = await env.RevisionAsync();
            var names = Enumerable.Range(0, deployments).Select(i => Inv($"bulk-{i}")).ToList();
            var sw = Stopwatch.StartNew();
            await ForEachAsync(names, clients, n => env.ControlPlane.CreateAsync(Deployments, DeploymentJson(ns, n, replicas), null, CancellationToken.None));
            var posted = sw.Elapsed;
            var deadline = DateTime.UtcNow.AddMinutes(10);
            while (watchers.Sum(w => w.Present) < expected)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException(Inv($"only {watchers.Sum(w => w.Present)} of {expected} member objects after 10 minutes"));
                await Task.Delay(5);
            }
            var done = sw.Elapsed;
            var cpu1 = env.CpuSeconds();
            var self = (Process.GetCurrentProcess().TotalProcessorTime - self0).TotalSeconds;
            var writes = await env.RevisionAsync() - rv0;
            var (_, peak) = env.ControlPlaneMemory();
            var mode = (divided ? Inv($"Divided, {replicas} replicas each") : "Duplicated") + (BenchEnvironment.BareMembers ? ", bare members" : ", simulated members");
            Console.WriteLine(Inv(
                $"bulk {deployments} Deployments by {clients} clients to {members,3} member(s) ({mode}): POSTs done {posted.TotalSeconds:0.0}s, all {expected} member objects after {done.TotalSeconds:0.0}s ({expected / done.TotalSeconds:0} objects/s), control plane peak RSS {Math.Max(peak, sampler.Peak):0} MiB, {writes} control plane writes, CPU used: control plane {cpu1.ControlPlane - cpu0.ControlPlane:0.0}s, members {cpu1.Members - cpu0.Members:0.0}s, this benchmark's clients and watches {self:0.0}s (load {Load()})"));
        }
        finally
        {
            foreach (var w in watchers) w.Dispose();
        }
    }

    private static async Task CreatePolicyAsync(BenchEnvironment env, string ns, string placement)
    {
        await env.CreateNamespaceAsync(ns);
        await env.ControlPlane.CreateAsync(PropagationPolicies, Json("""
            {"apiVersion":"policy.karmada.io/v1alpha1","kind":"PropagationPolicy","metadata":{"name":"bulk","namespace":"@ns@"},
             "spec":{"resourceSelectors":[{"apiVersion":"apps/v1","kind":"Deployment"}],"placement":@placement@}}
            """, ("ns", ns), ("placement", placement)), null, CancellationToken.None);
    }

    private static async Task ForEachAsync(IReadOnlyList<string> names, int clients, Func<string, Task> action)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < names.Count) await action(names[i]);
        })));
    }

    private static JsonObject DeploymentJson(string ns, string name, int replicas) => Json("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"@name@","namespace":"@ns@","labels":{"app":"@name@"}},
         "spec":{"replicas":@replicas@,"selector":{"matchLabels":{"app":"@name@"}},
                 "template":{"metadata":{"labels":{"app":"@name@"}},
                             "spec":{"containers":[{"name":"web","image":"nginx:1.27","resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}}}
        """, ("name", name), ("ns", ns), ("replicas", replicas));

    /// <summary>Parses a JSON template, replacing each <c>@name@</c> with its value.</summary>
    private static JsonObject Json(string template, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
            template = template.Replace("@" + name + "@", Convert.ToString(value, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return JsonNode.Parse(template)!.AsObject();
    }

    private static string Summary(List<double> samples)
    {
        samples.Sort();
        double P(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        return Inv($"p50 {P(0.50),6:0.0} ms  p90 {P(0.90),6:0.0} ms  p99 {P(0.99),6:0.0} ms  max {samples[^1],6:0.0} ms  (n={samples.Count})");
    }

    internal static string Load()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return text[..text.IndexOf(' ', StringComparison.Ordinal)];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    internal static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string? ArgString(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int ArgInt(string[] args, string name, int def) =>
        ArgString(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : def;

    private static string FindBinary()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Flotilla.slnx"))) dir = dir.Parent;
        var root = dir?.FullName ?? Directory.GetCurrentDirectory();
        foreach (var c in new[] { "Release", "Debug" })
        {
            var p = Path.Combine(root, "src", "Flotilla.Cli", "bin", c, "net10.0", "flotilla");
            if (File.Exists(p)) return p;
        }
        throw new InvalidOperationException("build the CLI first: dotnet build -c Release src/Flotilla.Cli");
    }

    /// <summary>The control plane and member processes of one run, with clients bound to each API.</summary>
    private sealed class BenchEnvironment : IAsyncDisposable
    {
        private readonly List<Process> _processes = [];

        private BenchEnvironment(string dataDir) => DataDir = dataDir;

        public string DataDir { get; }
        public IReadOnlyList<string> MemberNames { get; private set; } = [];
        public KubeRestClient ControlPlane { get; private set; } = null!;
        public Dictionary<string, KubeRestClient> Members { get; } = new(StringComparer.Ordinal);
        private Process Server => _processes[0];

        public static async Task<BenchEnvironment> StartAsync(string binary, string dataRoot, int members, bool joinWithCli)
        {
            var env = new BenchEnvironment(Path.Combine(dataRoot, "flotilla-propbench-" + Guid.NewGuid().ToString("N")[..8]));
            try
            {
                await env.LaunchAsync(binary, members, joinWithCli);
            }
            catch
            {
                await env.DisposeAsync();
                throw;
            }
            return env;
        }

        /// <summary>Members store workloads without running them (<c>flotilla member --no-workloads</c>): a bare API
        /// server, as Karmada's reference figures were taken against a kube-apiserver member.</summary>
        public static bool BareMembers { get; set; }

        private async Task LaunchAsync(string binary, int members, bool joinWithCli)
        {
            Directory.CreateDirectory(DataDir);
            _processes.Add(Start(binary, "serve", "--data-dir", DataDir, "--port", "0", "--store", "sqlite"));
            var kubeconfig = Path.Combine(DataDir, "karmada-apiserver.config");
            await UntilAsync(() => Task.FromResult(File.Exists(kubeconfig)), "the control plane's kubeconfig");
            ControlPlane = KubeRestClient.FromKubeconfigFile(kubeconfig);
            await UntilAsync(async () => (await ControlPlane.ProbeHealthAsync(CancellationToken.None)).Healthy, "the control plane to be ready");

            MemberNames = Enumerable.Range(1, members).Select(i => Inv($"member{i}")).ToList();
            var member = Start(binary, ["member", .. MemberNames, "--data-dir", DataDir, "--nodes", "3", .. (BareMembers ? new[] { "--no-workloads" } : [])]);
            _processes.Add(member);
            var configs = MemberNames.Select(m => Path.Combine(DataDir, "members", m + ".config")).ToList();
            await UntilAsync(() => Task.FromResult(configs.All(File.Exists)), "the members' kubeconfigs", TimeSpan.FromMinutes(2));
            foreach (var m in MemberNames)
            {
                Members[m] = KubeRestClient.FromKubeconfigFile(Path.Combine(DataDir, "members", m + ".config"));
                await UntilAsync(async () => (await Members[m].ProbeHealthAsync(CancellationToken.None)).Healthy, $"member {m} to be ready");
            }

            if (joinWithCli)
            {
                foreach (var m in MemberNames)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    using var join = Start(binary, "join", m, "--cluster-kubeconfig", Path.Combine(DataDir, "members", m + ".config"), "--kubeconfig", kubeconfig);
                    await join.WaitForExitAsync();
                    if (join.ExitCode != 0) throw new InvalidOperationException($"flotilla join {m} exited with {join.ExitCode}");
                    var joined = Stopwatch.GetElapsedTime(t0);
                    await UntilAsync(() => IsReadyAsync(m), $"cluster {m} Ready", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(5));
                    Console.WriteLine(Inv($"registration {m}: flotilla join returned after {joined.TotalMilliseconds:0} ms, Ready=True {Stopwatch.GetElapsedTime(t0).TotalMilliseconds:0} ms after the command started"));
                }
            }
            else
            {
                var sw = Stopwatch.StartNew();
                using var gate = new SemaphoreSlim(8);
                await Task.WhenAll(MemberNames.Select(async m =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        var cfg = Members[m].Config;
                        await ClusterRegistrar.JoinAsync(ControlPlane, Members[m], new JoinOptions
                        {
                            ClusterName = m, ApiEndpoint = cfg.Server, CaBundle = cfg.CaData, InsecureSkipTlsVerification = cfg.Insecure,
                        }, CancellationToken.None);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
                foreach (var m in MemberNames) await UntilAsync(() => IsReadyAsync(m), $"cluster {m} Ready", TimeSpan.FromMinutes(2));
                Console.WriteLine(Inv($"{members} members joined and Ready after {sw.Elapsed.TotalSeconds:0.0}s"));
            }
        }

        public async Task CreateNamespaceAsync(string ns)
        {
            await ControlPlane.CreateAsync(Namespaces, Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"@ns@"}}""", ("ns", ns)), null, CancellationToken.None);
            // The namespace controller creates it in every member; wait for it so that the first Deployment is not
            // timed waiting for its namespace.
            foreach (var m in MemberNames)
                await UntilAsync(async () => await Members[m].GetAsync(Namespaces, null, ns, CancellationToken.None) is not null, $"namespace {ns} in {m}", TimeSpan.FromMinutes(2));
        }

        /// <summary>The control plane store's current revision (every write bumps it).</summary>
        public async Task<long> RevisionAsync() =>
            long.Parse((await ControlPlane.ListAsync(Namespaces, null, new ListOptions { Limit = 1 }, CancellationToken.None)).ResourceVersion, CultureInfo.InvariantCulture);

        /// <summary>CPU seconds (user + system) used so far by the control plane and by the member process.</summary>
        public (double ControlPlane, double Members) CpuSeconds() => (Cpu(_processes[0]), Cpu(_processes[1]));

        private static double Cpu(Process p)
        {
            // /proc/PID/stat: fields 14 and 15 (utime, stime) in clock ticks, after the parenthesised command name.
            var stat = File.ReadAllText(Inv($"/proc/{p.Id}/stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        /// <summary>(current RSS, peak RSS) of the control plane process in MiB.</summary>
        public (double Rss, double Peak) ControlPlaneMemory()
        {
            double rss = double.NaN, hwm = double.NaN;
            foreach (var line in File.ReadLines(Inv($"/proc/{Server.Id}/status")))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kib(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kib(line);
            }
            return (rss / 1024.0, hwm / 1024.0);
            static double Kib(string line) => double.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        private async Task<bool> IsReadyAsync(string name)
        {
            var cluster = await ControlPlane.GetAsync(Clusters, null, name, CancellationToken.None);
            return cluster?["status"]?["conditions"] is JsonArray conditions
                && conditions.Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True");
        }

        internal static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? poll = null)
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
            while (true)
            {
                try
                {
                    if (await condition()) return;
                }
                catch (HttpRequestException)
                {
                }
                if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for " + what);
                await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50));
            }
        }

        private static Process Start(string binary, params string[] args)
        {
            var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment["FLOTILLA_LOG"] = "Warning";
            var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + binary);
            p.OutputDataReceived += (_, _) => { };
            p.ErrorDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("fail", StringComparison.OrdinalIgnoreCase)) Console.Error.WriteLine("  [" + args[0] + "] " + line); };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return p;
        }

        public async ValueTask DisposeAsync()
        {
            ControlPlane?.Dispose();
            foreach (var c in Members.Values) c.Dispose();
            foreach (var p in Enumerable.Reverse(_processes))
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    await p.WaitForExitAsync();
                }
                p.Dispose();
            }
            if (Environment.GetEnvironmentVariable("PROPBENCH_KEEP_DATA") == "1")
            {
                Console.WriteLine("data kept in " + DataDir);
                return;
            }
            try { Directory.Delete(DataDir, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>Samples the control plane's peak RSS (VmHWM) every 200 ms while a bulk run is under way.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public PeakSampler(BenchEnvironment env) => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Peak = Math.Max(Peak, env.ControlPlaneMemory().Peak);
                try { await Task.Delay(200, _stop.Token); }
                catch (OperationCanceledException) { }
            }
        });

        public double Peak { get; private set; }

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }

    /// <summary>
    /// One member's watch on Deployments in a namespace: the arrival time of each ADDED/DELETED event (Stopwatch
    /// timestamps) and the number of objects present. Re-watches from the last resourceVersion when the server ends
    /// the stream; re-lists on 410.
    /// </summary>
    private sealed class MemberWatcher(KubeRestClient client, string ns) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentDictionary<(string, string), TaskCompletionSource<long>> _waiters = new();
        private readonly ConcurrentDictionary<string, byte> _present = new(StringComparer.Ordinal);
        private Task? _loop;

        public int Present => _present.Count;

        public async Task StartAsync()
        {
            var list = await client.ListAsync(Deployments, ns, null, CancellationToken.None);
            foreach (var o in list.Items) _present[(string)o["metadata"]!["name"]!] = 0;
            _loop = Task.Run(() => WatchLoopAsync(list.ResourceVersion));
        }

        /// <summary>Registers interest before the write, so that an event arriving before the await is not lost.</summary>
        public Task<long> ExpectAsync(string name, string type) =>
            _waiters.GetOrAdd((name, type), _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        private async Task WatchLoopAsync(string? rv)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await foreach (var e in client.WatchAsync(Deployments, ns, new ListOptions { ResourceVersion = rv, AllowWatchBookmarks = true }, _stop.Token))
                    {
                        var now = Stopwatch.GetTimestamp();
                        rv = (string?)e.Object["metadata"]?["resourceVersion"] ?? rv;
                        if (e.Type == WatchEventType.Bookmark) continue;
                        var name = (string)e.Object["metadata"]!["name"]!;
                        if (e.Type == WatchEventType.Deleted) _present.TryRemove(name, out _);
                        else _present[name] = 0;
                        if (e.Type is not (WatchEventType.Added or WatchEventType.Deleted)) continue;
                        _waiters.GetOrAdd((name, e.Type), _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(now);
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (ApiStatusException e) when (e.Code == 410)
                {
                    var list = await client.ListAsync(Deployments, ns, null, CancellationToken.None);
                    _present.Clear();
                    foreach (var o in list.Items) _present[(string)o["metadata"]!["name"]!] = 0;
                    rv = list.ResourceVersion;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _loop?.Wait(TimeSpan.FromSeconds(5)); }
            catch (AggregateException) { }
            _stop.Dispose();
        }
    }
}
