using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Flotilla.ApiServer;
using Flotilla.ApiServer.Client;
using Flotilla.ApiServer.Hosting;
using Flotilla.Core;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Informers;
using Flotilla.Simulator.Controllers;
using Flotilla.Storage.Memory;
using Microsoft.Extensions.Logging;

namespace Flotilla.Simulator;

/// <summary>
/// One simulated member cluster: a real Kubernetes API (Flotilla's API server on an in-memory store, HTTPS on
/// 127.0.0.1) plus the controllers that make workloads behave as in a real cluster — nodes, Deployments,
/// ReplicaSets, a scheduler, kubelets, StatefulSets, DaemonSets, Jobs, CronJobs, Services and Endpoints,
/// ResourceQuota usage, per-namespace defaults — and fault injection (outage, crash-looping pods, capacity).
/// </summary>
public sealed class SimulatedCluster : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly MemoryStorageBackend _storage = new();
    private readonly List<IControllerRunner> _controllers = [];
    private readonly CancellationTokenSource _stop = new();
    private ControllerHost<ObjectKey>? _nodes;
    private ControllerHost<ObjectKey>? _kubelet;

    private SimulatedCluster(string name, MemberOptions options, ServingCertificates certs, ILoggerFactory loggerFactory, TimeProvider time)
    {
        Name = name;
        Options = options;
        Certificates = certs;
        Time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SimulatedCluster>();
        var apiOptions = new KubeApiOptions
        {
            KubernetesVersion = options.KubernetesVersion,
            CaCertificatePem = certs.CaPem,
            InstanceName = name,
            // A member cluster serves no Karmada API of its own; it does serve multicluster.x-k8s.io
            // ServiceExport/ServiceImport (Karmada installs those CRDs in members).
            ServeResource = r => !r.Group.EndsWith(".karmada.io", StringComparison.Ordinal) && r.Group != "karmada.io",
        };
        apiOptions.InitialNamespaces.Clear();
        foreach (var ns in new[] { WellKnownNamespaces.Default, WellKnownNamespaces.KubeSystem, WellKnownNamespaces.KubePublic, WellKnownNamespaces.KubeNodeLease })
            apiOptions.InitialNamespaces.Add(ns);
        Api = new KubeApi(_storage, apiOptions, loggerFactory, time);
        AdminToken = NewToken();
        Api.Tokens.AddToken(AdminToken);
        Client = new InProcessKubeClient(Api);
        Faults = new FaultState();
    }

    public string Name { get; }
    public MemberOptions Options { get; }
    public ServingCertificates Certificates { get; }
    public TimeProvider Time { get; }
    public KubeApi Api { get; }
    public InProcessKubeClient Client { get; }
    public FaultState Faults { get; }
    public string AdminToken { get; }
    public ApiServerHost? Host { get; private set; }
    /// <summary>The HTTPS address once started, e.g. https://127.0.0.1:41234.</summary>
    public Uri? BaseAddress => Host?.BaseAddress;
    /// <summary>True while the member answers; false during an injected outage.</summary>
    public bool IsAnswering => Host?.IsListening ?? false;

    /// <summary>Creates and starts a member: API, listener on <paramref name="port"/> (0 = any free port), nodes, controllers.</summary>
    public static async Task<SimulatedCluster> StartAsync(string name, MemberOptions options, int port, ServingCertificates certs,
        ILoggerFactory loggerFactory, TimeProvider? time, CancellationToken ct)
    {
        var cluster = new SimulatedCluster(name, options, certs, loggerFactory, time ?? TimeProvider.System);
        try
        {
            await cluster.Api.StartAsync(ct).ConfigureAwait(false);
            cluster.Host = new ApiServerHost(cluster.Api, new ApiServerHostOptions { Port = port, Certificate = certs.Serving }, loggerFactory);
            await cluster.Host.StartAsync(ct).ConfigureAwait(false);
            await cluster.StartControllersAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return cluster;
    }

    /// <summary>A kubeconfig (admin token, inline CA) for this member; context and cluster are named after it.</summary>
    public string RenderKubeconfig() =>
        Kubeconfig.Render(Name, BaseAddress?.ToString().TrimEnd('/') ?? throw new InvalidOperationException("not started"), Certificates.CaPem, AdminToken);

    /// <summary>Stops answering: the listener closes and open connections drop; state is kept.</summary>
    public async Task StartOutageAsync(CancellationToken ct)
    {
        if (Host is null) return;
        await Host.StopAsync(ct).ConfigureAwait(false);
        _logger.LogInformation("Member {Cluster} is in an outage (not answering)", Name);
    }

    /// <summary>Answers again on the same port, with everything it held.</summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        if (Host is null) return;
        await Host.StartAsync(ct).ConfigureAwait(false);
        _logger.LogInformation("Member {Cluster} recovered", Name);
    }

    public void FailPods(string selector)
    {
        Faults.FailPods(selector);
        RequeueAllPods();
    }

    public void HealPods(string? selector)
    {
        Faults.HealPods(selector);
        RequeueAllPods();
    }

    /// <summary>Changes every node's capacity (null keeps a value).</summary>
    public void SetCapacity(Quantity? cpu, Quantity? memory, int? pods)
    {
        if (cpu is { } c) Options.NodeCpu = c;
        if (memory is { } m) Options.NodeMemory = m;
        if (pods is { } p) Options.NodePods = p;
        _nodes?.Queue.Add(NodeController.AllNodes);
    }

    /// <summary>Changes the number of nodes.</summary>
    public void SetNodeCount(int nodes)
    {
        Options.Nodes = nodes;
        _nodes?.Queue.Add(NodeController.AllNodes);
    }

    private void RequeueAllPods()
    {
        if (_kubelet is null) return;
        foreach (var key in Client is null ? [] : _informers!.Get(SimResources.Pods).Cache.Keys()) _kubelet.Queue.Add(key);
    }

    private SharedInformerFactory? _informers;

    /// <summary>The informers the simulated controllers read (null before start); tests wait on them.</summary>
    internal SharedInformerFactory? Informers => _informers;

    private async Task StartControllersAsync(CancellationToken ct)
    {
        _informers = new SharedInformerFactory(Client, _loggerFactory, Time);
        var ctx = new SimContext(Name, Client, _informers, Options, Faults, Time, _loggerFactory);

        _nodes = Add("sim-nodes", new NodeController(ctx), w => w.For(SimResources.Nodes, _ => NodeController.AllNodes));
        var nsKey = new Func<JsonObject, IEnumerable<ObjectKey>>(o => [new ObjectKey("", o.Namespace() ?? "")]);
        Add("sim-serviceaccount", new ServiceAccountController(ctx, Certificates.CaPem), w => w
            .For(SimResources.Namespaces, o => o.Key())
            .Watches(SimResources.ServiceAccounts, nsKey, EventPredicate.Where(o => o.Name() == "default"))
            .Watches(SimResources.ConfigMaps, nsKey, EventPredicate.Where(o => o.Name() == "kube-root-ca.crt")));
        if (Options.Workloads) AddWorkloadControllers(ctx);

        foreach (var c in _controllers) await c.StartAsync(_stop.Token).ConfigureAwait(false);
        _nodes.Queue.Add(NodeController.AllNodes);
        await Task.WhenAll(_controllers.Select(c => c.Started)).WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
    }

    private void AddWorkloadControllers(SimContext ctx)
    {
        var pending = new Func<JsonObject, IEnumerable<ObjectKey>>(_ => PendingPods(ctx));
        var terminalOrGone = new EventPredicate(create: _ => false,
            update: (o, n) => PodUtil.IsActive(o) && !PodUtil.IsActive(n), delete: _ => true);
        Add("sim-deployment", new DeploymentController(ctx), w => w
            .For(SimResources.Deployments, o => o.Key())
            .Watches(SimResources.ReplicaSets, o => PodUtil.OwnerKey(o, "Deployment")));
        Add("sim-replicaset", new ReplicaSetController(ctx), w => w
            .For(SimResources.ReplicaSets, o => o.Key())
            .Watches(SimResources.Pods, o => PodUtil.OwnerKey(o, "ReplicaSet")));
        Add("sim-scheduler", new PodScheduler(ctx), w => w
            .For(SimResources.Pods, o => o.Key(), EventPredicate.Where(p => PodUtil.NodeName(p) is null))
            .Watches(SimResources.Nodes, pending)
            .Watches(SimResources.Pods, pending, terminalOrGone), workers: 1);
        _kubelet = Add("sim-kubelet", new Kubelet(ctx), w => w
            .For(SimResources.Pods, o => o.Key(), EventPredicate.Where(p => PodUtil.NodeName(p) is not null)));
        Add("sim-statefulset", new StatefulSetController(ctx), w => w
            .For(SimResources.StatefulSets, o => o.Key())
            .Watches(SimResources.Pods, o => PodUtil.OwnerKey(o, "StatefulSet")));
        Add("sim-daemonset", new DaemonSetController(ctx), w => w
            .For(SimResources.DaemonSets, o => o.Key())
            .Watches(SimResources.Pods, o => PodUtil.OwnerKey(o, "DaemonSet"))
            .Watches(SimResources.Nodes, _ => ctx.Informer(SimResources.DaemonSets).Cache.Keys()));
        Add("sim-job", new JobController(ctx), w => w
            .For(SimResources.Jobs, o => o.Key())
            .Watches(SimResources.Pods, o => PodUtil.OwnerKey(o, "Job")));
        Add("sim-cronjob", new CronJobController(ctx), w => w
            .For(SimResources.CronJobs, o => o.Key())
            .Watches(SimResources.Jobs, o => PodUtil.OwnerKey(o, "CronJob")));
        Add("sim-endpoints", new EndpointsController(ctx), w => w
            .For(SimResources.Services, o => o.Key())
            .Watches(SimResources.Pods, o => EndpointsController.ServicesSelecting(ctx, o)));
        var quotasInNamespace = new Func<JsonObject, IEnumerable<ObjectKey>>(o => ctx.Informer(SimResources.ResourceQuotas).Cache.List(o.Namespace()).Select(q => q.Key()));
        Add("sim-resourcequota", new ResourceQuotaController(ctx), w => w
            .For(SimResources.ResourceQuotas, o => o.Key())
            .Watches(SimResources.Pods, quotasInNamespace)
            .Watches(SimResources.Services, quotasInNamespace)
            .Watches(SimResources.ConfigMaps, quotasInNamespace)
            .Watches(SimResources.Secrets, quotasInNamespace)
            .Watches(SimResources.PersistentVolumeClaims, quotasInNamespace));
    }

    private static IEnumerable<ObjectKey> PendingPods(SimContext ctx)
    {
        foreach (var p in ctx.Informer(SimResources.Pods).Cache.List())
            if (PodUtil.NodeName(p) is null && PodUtil.IsActive(p)) yield return p.Key();
    }

    private ControllerHost<ObjectKey> Add(string name, IReconciler<ObjectKey> reconciler, Action<ControllerWatches<ObjectKey>> watches, int? workers = null)
    {
        var w = new ControllerWatches<ObjectKey>();
        watches(w);
        var host = new ControllerHost<ObjectKey>(name, reconciler, _informers!, w,
            new ControllerOptions { Workers = workers ?? Options.Workers }, _loggerFactory.CreateLogger("Flotilla.Simulator." + name), Time);
        _controllers.Add(new Runner(host));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var c in _controllers)
        {
            try { await c.StopAsync().ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        if (Host is not null) await Host.DisposeAsync().ConfigureAwait(false);
        if (_informers is not null) await _informers.DisposeAsync().ConfigureAwait(false);
        await Api.DisposeAsync().ConfigureAwait(false);
        await _storage.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private static string NewToken()
    {
        Span<byte> b = stackalloc byte[24];
        RandomNumberGenerator.Fill(b);
        return Convert.ToHexStringLower(b);
    }

    private interface IControllerRunner
    {
        Task Started { get; }
        Task StartAsync(CancellationToken ct);
        Task StopAsync();
    }

    private sealed class Runner(ControllerHost<ObjectKey> host) : IControllerRunner
    {
        public Task Started => host.Started;
        public Task StartAsync(CancellationToken ct) => host.StartAsync(ct);
        public async Task StopAsync()
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            host.Dispose();
        }
    }
}
