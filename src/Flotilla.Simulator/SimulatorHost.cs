using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Hosting;
using Flotilla.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flotilla.Simulator;

/// <summary>
/// Hosts many simulated members in one process and their fault-injection endpoint: a plain-HTTP admin API on
/// 127.0.0.1 guarded by a token, found by the CLI through <c>&lt;data-dir&gt;/members/&lt;NAME&gt;.admin.json</c>.
/// Each member's kubeconfig is written to <c>&lt;data-dir&gt;/members/&lt;NAME&gt;.config</c>.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly Dictionary<string, SimulatedCluster> _clusters = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _loggerFactory;
    private readonly string _dataDir;
    private readonly string _adminToken;
    private WebApplication? _admin;

    public SimulatorHost(string dataDir, ILoggerFactory loggerFactory)
    {
        _dataDir = Path.GetFullPath(dataDir);
        _loggerFactory = loggerFactory;
        // Every member's Kestrel host is built by WebApplication.CreateSlimBuilder, which watches appsettings*.json
        // with an inotify instance each: past ~60 members the per-user inotify limit (128) is reached and start-up
        // fails. Members read no configuration files, so turn reloading off for this process's hosts.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Span<byte> b = stackalloc byte[24];
        RandomNumberGenerator.Fill(b);
        _adminToken = Convert.ToHexStringLower(b);
        Certificates = ServingCertificates.LoadOrCreate(Path.Combine(_dataDir, "members", "pki"));
    }

    public ServingCertificates Certificates { get; }
    public IReadOnlyDictionary<string, SimulatedCluster> Clusters => _clusters;
    public Uri? AdminAddress { get; private set; }

    public static string MembersDir(string dataDir) => Path.Combine(Path.GetFullPath(dataDir), "members");
    public static string KubeconfigPath(string dataDir, string name) => Path.Combine(MembersDir(dataDir), name + ".config");
    public static string AdminFilePath(string dataDir, string name) => Path.Combine(MembersDir(dataDir), name + ".admin.json");

    /// <summary>Starts a member (port 0 = any free port) and writes its kubeconfig and admin file.</summary>
    public async Task<SimulatedCluster> AddAsync(string name, MemberOptions options, int port, CancellationToken ct)
    {
        ValidateName(name);
        lock (_clusters)
            if (_clusters.ContainsKey(name)) throw new InvalidOperationException($"member {name} already runs in this process");
        await EnsureAdminAsync(ct).ConfigureAwait(false);
        var cluster = await SimulatedCluster.StartAsync(name, options, port, Certificates, _loggerFactory, null, ct).ConfigureAwait(false);
        lock (_clusters) _clusters[name] = cluster;
        Kubeconfig.Write(KubeconfigPath(_dataDir, name), cluster.RenderKubeconfig());
        var admin = new JsonObject
        {
            ["url"] = AdminAddress!.ToString().TrimEnd('/'),
            ["token"] = _adminToken,
            ["cluster"] = name,
            ["server"] = cluster.BaseAddress!.ToString().TrimEnd('/'),
            ["pid"] = Environment.ProcessId,
        };
        Kubeconfig.Write(AdminFilePath(_dataDir, name), admin.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return cluster;
    }

    /// <summary>DNS-1123 label, as cluster names must be.</summary>
    public static void ValidateName(string name)
    {
        if (name.Length is 0 or > 63 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || name[0] == '-' || name[^1] == '-')
            throw new ArgumentException($"invalid member name \"{name}\": must be a lowercase DNS-1123 label (a-z, 0-9, '-'; at most 63 characters)");
    }

    private readonly SemaphoreSlim _adminGate = new(1, 1);

    /// <summary>Starts several members one after the other (concurrent starts were measured slower: they fight
    /// over the thread pool while Kestrel and the informers spin up); returns them in the order given.</summary>
    public async Task<IReadOnlyList<SimulatedCluster>> AddManyAsync(IReadOnlyList<(string Name, MemberOptions Options, int Port)> members, CancellationToken ct)
    {
        var result = new List<SimulatedCluster>(members.Count);
        foreach (var (name, options, port) in members) result.Add(await AddAsync(name, options, port, ct).ConfigureAwait(false));
        return result;
    }

    private async Task EnsureAdminAsync(CancellationToken ct)
    {
        await _adminGate.WaitAsync(ct).ConfigureAwait(false);
        try { await StartAdminAsync(ct).ConfigureAwait(false); }
        finally { _adminGate.Release(); }
    }

    private async Task StartAdminAsync(CancellationToken ct)
    {
        if (_admin is not null) return;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Flotilla.Simulator.Admin", Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Run(HandleAdminAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        var server = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
        var address = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        AdminAddress = new Uri(address);
        _admin = app;
    }

    // POST /clusters/{name}/{outage|recover|fail-pods|heal-pods|capacity}?selector=..&cpu=..&memory=..&pods=..&nodes=..
    // GET  /clusters
    private async Task HandleAdminAsync(HttpContext ctx)
    {
        var auth = ctx.Request.Headers.Authorization.ToString();
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(auth), System.Text.Encoding.UTF8.GetBytes("Bearer " + _adminToken)))
        {
            await ReplyAsync(ctx, 401, "unauthorized").ConfigureAwait(false);
            return;
        }
        var parts = ctx.Request.Path.Value?.Trim('/').Split('/') ?? [];
        if (parts is ["clusters"] && HttpMethods.IsGet(ctx.Request.Method))
        {
            var list = new JsonArray(_clusters.Values.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["server"] = c.BaseAddress?.ToString(),
                ["answering"] = c.IsAnswering,
                ["failingSelectors"] = new JsonArray(c.Faults.FailingSelectors.Select(s => (JsonNode)s).ToArray()),
                ["nodes"] = c.Options.Nodes,
                ["nodeCpu"] = c.Options.NodeCpu.ToString(),
                ["nodeMemory"] = c.Options.NodeMemory.ToString(),
                ["nodePods"] = c.Options.NodePods,
            }).ToArray());
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(list.ToJsonString(), ctx.RequestAborted).ConfigureAwait(false);
            return;
        }
        if (parts is not ["clusters", var name, var action] || !HttpMethods.IsPost(ctx.Request.Method))
        {
            await ReplyAsync(ctx, 404, "unknown admin path").ConfigureAwait(false);
            return;
        }
        if (!_clusters.TryGetValue(name, out var cluster))
        {
            await ReplyAsync(ctx, 404, $"no member named {name} in this process").ConfigureAwait(false);
            return;
        }
        var q = ctx.Request.Query;
        try
        {
            switch (action)
            {
                case "outage": await cluster.StartOutageAsync(ctx.RequestAborted).ConfigureAwait(false); break;
                case "recover": await cluster.RecoverAsync(ctx.RequestAborted).ConfigureAwait(false); break;
                case "fail-pods":
                    var sel = q["selector"].ToString();
                    if (sel.Length == 0) { await ReplyAsync(ctx, 400, "fail-pods needs a selector").ConfigureAwait(false); return; }
                    Flotilla.Core.Selectors.LabelSelector.Parse(sel);
                    cluster.FailPods(sel);
                    break;
                case "heal-pods": cluster.HealPods(q["selector"].ToString() is { Length: > 0 } s ? s : null); break;
                case "capacity":
                    // Everything is parsed before anything changes: a malformed value is refused and changes nothing.
                    var (cpu, memory, pods, nodes) = (Q("cpu", q["cpu"]), Q("memory", q["memory"]), Count("pods", q["pods"]), Count("nodes", q["nodes"]));
                    cluster.SetCapacity(cpu, memory, pods);
                    if (nodes is { } n) cluster.SetNodeCount(n);
                    break;
                default:
                    await ReplyAsync(ctx, 404, $"unknown action {action}").ConfigureAwait(false);
                    return;
            }
        }
        catch (FormatException e)
        {
            await ReplyAsync(ctx, 400, e.Message).ConfigureAwait(false);
            return;
        }
        await ReplyAsync(ctx, 200, $"{action} done for {name}").ConfigureAwait(false);

        static Quantity? Q(string name, string? s) =>
            string.IsNullOrEmpty(s) ? null
            : Quantity.TryParse(s, out var v) && v.Sign >= 0 ? v
            : throw new FormatException($"{name}: \"{s}\" is not a non-negative Kubernetes quantity");

        static int? Count(string name, string? s) =>
            string.IsNullOrEmpty(s) ? null
            : int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
            : throw new FormatException($"{name}: \"{s}\" is not a non-negative integer");
    }

    private static Task ReplyAsync(HttpContext ctx, int code, string message)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(new JsonObject { ["message"] = message }.ToJsonString(), ctx.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clusters.Values) await c.DisposeAsync().ConfigureAwait(false);
        foreach (var name in _clusters.Keys)
        {
            try { File.Delete(AdminFilePath(_dataDir, name)); }
            catch (IOException) { }
        }
        _clusters.Clear();
        if (_admin is not null) await _admin.DisposeAsync().ConfigureAwait(false);
    }
}
