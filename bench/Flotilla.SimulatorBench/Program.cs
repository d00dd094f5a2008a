using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

// Simulator scale benchmark: start-up time and RSS for N members in one process, then time-to-ready and RSS with
// 1,000 running pods per member. Usage: Flotilla.SimulatorBench [--sizes 1,10,100] [--pod-members 3] [--replicas 1000]
//   [--min-threads N]
var sizes = Arg("--sizes", "1,10,100").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var podMembers = int.Parse(Arg("--pod-members", "3"), CultureInfo.InvariantCulture);
var replicas = int.Parse(Arg("--replicas", "1000"), CultureInfo.InvariantCulture);
if (int.TryParse(Arg("--min-threads", "0"), out var minThreads) && minThreads > 0) ThreadPool.SetMinThreads(minThreads, minThreads);

var baseline = RssMiB();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline RSS {baseline:F1} MiB; cores {Environment.ProcessorCount}"));
foreach (var n in sizes)
{
    var dir = Directory.CreateTempSubdirectory("simbench-");
    await using (var host = new SimulatorHost(dir.FullName, NullLoggerFactory.Instance))
    {
        var before = RssMiB();
        var sw = Stopwatch.StartNew();
        for (var first = 0; first < n; first += 10)
        {
            await host.AddManyAsync(Enumerable.Range(first, Math.Min(10, n - first)).Select(i => ($"m{i}", new MemberOptions { Nodes = 3 }, 0)).ToList(), CancellationToken.None);
            if (n > 10) Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Math.Min(n, first + 10)} started after {sw.Elapsed.TotalSeconds:F1}s"));
        }
        var started = sw.Elapsed;
        // idle: wait until every member has its 3 nodes Ready, then settle
        foreach (var c in host.Clusters.Values)
            while ((await c.Client.ListAsync(new GroupVersionResource("", "v1", "nodes"), null, null, CancellationToken.None)).Items.Count < 3) await Task.Delay(10);
        var rss = RssMiB();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"members={n,4}  start={started.TotalSeconds,6:F2}s  ({started.TotalMilliseconds / n,6:F0} ms/member)  RSS={rss,7:F1} MiB  Δ={(rss - before) / n,6:F2} MiB/member"));
    }
    dir.Delete(true);
}

{
    var dir = Directory.CreateTempSubdirectory("simbench-");
    await using var host = new SimulatorHost(dir.FullName, NullLoggerFactory.Instance);
    var nodes = (replicas + 109) / 110 + 1;
    await host.AddManyAsync(Enumerable.Range(0, podMembers).Select(i => ($"p{i}", new MemberOptions { Nodes = nodes, PodStartupDelay = TimeSpan.FromMilliseconds(100) }, 0)).ToList(), CancellationToken.None);
    var before = RssMiB();
    var deployments = new GroupVersionResource("apps", "v1", "deployments");
    var sw = Stopwatch.StartNew();
    foreach (var c in host.Clusters.Values)
        await c.Client.CreateAsync(deployments, JsonNode.Parse($$$"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"big","namespace":"default"},
             "spec":{"replicas":{{{replicas}}},"selector":{"matchLabels":{"app":"big"}},
               "template":{"metadata":{"labels":{"app":"big"}},"spec":{"containers":[{"name":"c","image":"nginx","resources":{"requests":{"cpu":"10m","memory":"16Mi"} } } ] } } } }
            """)!.AsObject(), null, CancellationToken.None);
    var deadline = DateTime.UtcNow.AddMinutes(10);
    foreach (var c in host.Clusters.Values)
    {
        while (DateTime.UtcNow < deadline)
        {
            var d = await c.Client.GetAsync(deployments, "default", "big", CancellationToken.None);
            if (d?["status"]?["readyReplicas"] is JsonValue v && v.GetValue<int>() == replicas) break;
            await Task.Delay(100);
        }
    }
    var ready = sw.Elapsed;
    var rss = RssMiB();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"pods: members={podMembers} × {replicas} replicas on {nodes} nodes  ready in {ready.TotalSeconds:F1}s  RSS={rss:F1} MiB  Δ={(rss - before) / podMembers:F1} MiB/member"));
    dir.Delete(true);
}

static double RssMiB()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    foreach (var line in File.ReadLines("/proc/self/status"))
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    return double.NaN;
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
