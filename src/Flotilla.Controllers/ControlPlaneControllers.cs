using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Dependencies;
using Flotilla.Controllers.Detector;
using Flotilla.Controllers.Execution;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Members;
using Flotilla.Controllers.Namespaces;
using Flotilla.Controllers.Scheduling;
using Flotilla.Controllers.Status;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Runtime;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Events;
using Flotilla.Runtime.Informers;
using Flotilla.Scheduler.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Controllers;

/// <summary>
/// The propagation pipeline as one startable unit: detector, scheduler, binding (RB + CRB), bindingStatus,
/// execution, workStatus and namespace controllers over one shared informer factory of the control plane, selected
/// with Karmada's <c>--controllers</c> syntax. Create with <see cref="Create"/>, then <see cref="StartAsync"/> /
/// <see cref="StopAsync"/> (or register it as a hosted service via <c>AddFlotillaControllers</c>).
/// </summary>
public sealed class ControlPlaneControllers : IHostedService, IAsyncDisposable
{
    /// <summary>Controller names for --controllers.</summary>
    public const string Detector = "detector";
    public const string SchedulerName = "scheduler";
    public const string BindingName = "binding";
    public const string BindingStatusName = "bindingStatus";
    public const string ExecutionName = "execution";
    public const string WorkStatusName = "workStatus";
    public const string NamespaceName = "namespace";
    public const string DependenciesName = "dependencies";

    public static readonly IReadOnlyList<string> KnownControllers =
        [Detector, SchedulerName, BindingName, BindingStatusName, ExecutionName, WorkStatusName, NamespaceName, DependenciesName];

    private readonly List<BackgroundService> _services = [];
    private readonly List<IDisposable> _disposables = [];
    private readonly List<Func<Task>> _started = [];
    private readonly MemberInformers _memberInformers;
    private readonly SharedInformerFactory _informers;

    private ControlPlaneControllers(SharedInformerFactory informers, MemberInformers memberInformers)
    {
        _informers = informers;
        _memberInformers = memberInformers;
    }

    /// <summary>The control plane's shared informers (for other controllers that want to share caches).</summary>
    public SharedInformerFactory Informers => _informers;

    /// <summary>Names of the controllers that run.</summary>
    public IReadOnlyList<string> Enabled { get; private set; } = [];

    /// <summary>Hosts by controller name (a name may map to several hosts, e.g. binding = RB + CRB).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<BackgroundService>> Hosts { get; private set; } = new Dictionary<string, IReadOnlyList<BackgroundService>>();

    /// <summary>Builds the controllers. <paramref name="members"/> null ⇒ clients built from Cluster objects and
    /// their Secrets (<see cref="ClusterMemberClientProvider"/>).</summary>
    public static ControlPlaneControllers Create(IKubeClient controlPlane, IMemberClientProvider? members, ILoggerFactory? loggerFactory = null,
        TimeProvider? time = null, ControllersOptions? options = null, IResourceInterpreter? interpreter = null)
    {
        options ??= new ControllersOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        time ??= TimeProvider.System;
        var selection = ControllerSelection.Parse(options.Controllers);
        var unknown = selection.UnknownNames(KnownControllers);
        if (unknown.Count > 0) throw new ArgumentException("unknown controllers: " + string.Join(", ", unknown), nameof(options));

        var informers = new SharedInformerFactory(controlPlane, loggerFactory, time);
        ClusterMemberClientProvider? ownedProvider = null;
        if (members is null) members = ownedProvider = new ClusterMemberClientProvider(informers);
        interpreter ??= new ResourceInterpreter(time);
        var memberInformers = new MemberInformers(members, loggerFactory, time);
        var result = new ControlPlaneControllers(informers, memberInformers);
        if (ownedProvider is not null) result._disposables.Add(ownedProvider);
        var hosts = new Dictionary<string, List<BackgroundService>>(StringComparer.Ordinal);

        ControllerOptions Opts(int workers) => new() { Workers = workers, RateLimiter = options.RateLimiter };
        ControllerHost<TKey> Host<TKey>(string name, string component, IReconciler<TKey> reconciler, ControllerWatches<TKey> watches, int workers)
            where TKey : notnull, IEquatable<TKey>
        {
            var host = new ControllerHost<TKey>(component, reconciler, informers, watches, Opts(workers), loggerFactory.CreateLogger("Flotilla.Controllers." + component), time);
            if (!hosts.TryGetValue(name, out var list)) hosts[name] = list = [];
            list.Add(host);
            result._services.Add(host);
            result._started.Add(() => host.Started);
            return host;
        }
        // Events are written in the background (client-go's broadcaster does the same), so workers are not held up.
        IEventRecorder Recorder(string component)
        {
            var queued = new QueuedEventRecorder(new EventRecorder(controlPlane, component, time, loggerFactory.CreateLogger<EventRecorder>()));
            result._disposables.Add(queued);
            return queued;
        }

        if (selection.IsEnabled(Detector))
        {
            var discovery = new TemplateDiscovery(controlPlane, informers, options.Detector, time, loggerFactory.CreateLogger<TemplateDiscovery>());
            var detector = new ResourceDetector(controlPlane, informers, interpreter, Recorder(ResourceDetector.ControllerName), options.Detector,
                loggerFactory.CreateLogger<ResourceDetector>());
            var watches = new ControllerWatches<TemplateKey>()
                .Watches(KarmadaResources.PropagationPolicies, discovery.MapPolicy, EventPredicate.ResourceVersionChanged)
                .Watches(KarmadaResources.ClusterPropagationPolicies, discovery.MapPolicy, EventPredicate.ResourceVersionChanged)
                .Watches(KarmadaResources.ResourceBindings, discovery.MapBinding, new EventPredicate(create: _ => false, update: (_, _) => false))
                .Watches(KarmadaResources.ClusterResourceBindings, discovery.MapBinding, new EventPredicate(create: _ => false, update: (_, _) => false));
            var host = Host(Detector, ResourceDetector.ControllerName, detector, watches, options.ConcurrentResourceTemplateSyncs);
            discovery.Attach(host.Queue);
            result._services.Add(discovery);
        }
        if (selection.IsEnabled(SchedulerName))
        {
            var scheduler = new GenericScheduler(options.Scheduler);
            foreach (var cs in new[] { false, true })
            {
                var c = new SchedulerController(controlPlane, informers, scheduler, Recorder("default-scheduler"), cs, time);
                Host(SchedulerName, cs ? "cluster-scheduler" : "scheduler", c, c.Watches(), options.ConcurrentSchedulerWorkers);
            }
        }
        if (selection.IsEnabled(BindingName))
        {
            foreach (var cs in new[] { false, true })
            {
                var c = new BindingController(controlPlane, informers, interpreter, Recorder("binding-controller"), cs);
                Host(BindingName, cs ? "cluster-resource-binding-controller" : "binding-controller", c, c.Watches(),
                    cs ? options.ConcurrentClusterBindingSyncs : options.ConcurrentBindingSyncs);
            }
        }
        if (selection.IsEnabled(BindingStatusName))
        {
            foreach (var cs in new[] { false, true })
            {
                var c = new BindingStatusController(controlPlane, informers, interpreter, cs, time);
                Host(BindingStatusName, cs ? "cluster-resource-binding-status-controller" : "resource-binding-status-controller", c, c.Watches(),
                    options.ConcurrentBindingStatusSyncs);
            }
        }
        ControllerHost<ObjectKey>? executionHost = null;
        if (selection.IsEnabled(ExecutionName))
        {
            var c = new ExecutionController(controlPlane, informers, members, interpreter, Recorder("execution-controller"), time, options.ExecutionNamespace);
            executionHost = Host(ExecutionName, "execution-controller", c, c.Watches(), options.ConcurrentWorkSyncs);
        }
        if (selection.IsEnabled(WorkStatusName))
        {
            var c = new WorkStatusController(controlPlane, informers, memberInformers, interpreter, options.ExecutionNamespace);
            var host = Host(WorkStatusName, "work-status-controller", c, c.Watches(), options.ConcurrentWorkStatusSyncs);
            memberInformers.WorkChanged = k => host.Queue.Add(k);
            if (executionHost is not null) c.RequestResync = k => executionHost.Queue.AddAfter(k, TimeSpan.FromMilliseconds(50));
        }
        if (selection.IsEnabled(NamespaceName) && options.ExecutionNamespace is null)
        {
            var c = new NamespaceSyncController(controlPlane, informers, interpreter);
            Host(NamespaceName, "namespace-sync-controller", c, c.Watches(), options.ConcurrentNamespaceSyncs);
        }
        if (selection.IsEnabled(DependenciesName) && options.ExecutionNamespace is null)
        {
            var c = new DependenciesDistributor(controlPlane, informers, interpreter);
            Host(DependenciesName, DependenciesDistributor.ControllerName, c, c.Watches(), options.ConcurrentDependencySyncs);
        }

        result.Enabled = hosts.Keys.ToList();
        result.Hosts = hosts.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<BackgroundService>)kv.Value, StringComparer.Ordinal);
        return result;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var s in _services) await s.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var s in Enumerable.Reverse(_services)) await s.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until every controller host has synced its caches and runs its workers.</summary>
    public Task WaitForStartedAsync(CancellationToken ct) =>
        Task.WhenAll(_started.Select(s => s())).WaitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var s in _services) s.Dispose();
        await _memberInformers.DisposeAsync().ConfigureAwait(false);
        await _informers.DisposeAsync().ConfigureAwait(false);
        foreach (var d in _disposables)
        {
            if (d is IAsyncDisposable a) await a.DisposeAsync().ConfigureAwait(false);
            else d.Dispose();
        }
    }
}
