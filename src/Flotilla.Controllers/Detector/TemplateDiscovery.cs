using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Controllers.Detector;

/// <summary>
/// Finds the propagatable resources of the control plane (discovery minus Karmada's own groups, events and
/// coordination.k8s.io, and --skipped-propagating-apis) and starts one shared informer per resource, whose events
/// enqueue <see cref="TemplateKey"/>s into the detector's queue. Re-discovers on CRD events and periodically, so
/// CRDs created at run time are picked up.
/// </summary>
public sealed class TemplateDiscovery : BackgroundService
{
    private static readonly HashSet<string> SkippedGroups = new(StringComparer.Ordinal)
    {
        KarmadaGroups.Cluster, KarmadaGroups.Policy, KarmadaGroups.Work, KarmadaGroups.Config, KarmadaGroups.Networking,
        KarmadaGroups.Autoscaling, KarmadaGroups.Apps, KarmadaGroups.Remedy, "search.karmada.io", "events.k8s.io",
        "coordination.k8s.io",
    };

    /// <summary>The informers the detector watches templates with: metadata only, so that every ConfigMap, Secret and
    /// workload of the control plane is not held in full a second time; the detector reads the full template from the
    /// API once it acts on it.</summary>
    public static readonly InformerOptions TemplateView = new() { MetadataOnly = true };

    private readonly IKubeClient _client;
    private readonly SharedInformerFactory _informers;
    private readonly DetectorOptions _options;
    private readonly SkippedPropagatingApis _skippedApis;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<GroupVersionResource, ApiResource> _watched = [];
    private readonly List<IDisposable> _subscriptions = [];
    private WorkQueue<TemplateKey>? _queue;
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _crdWatched;

    public TemplateDiscovery(IKubeClient client, SharedInformerFactory informers, DetectorOptions? options = null,
        TimeProvider? time = null, ILogger? logger = null)
    {
        _client = client;
        _informers = informers;
        _options = options ?? new DetectorOptions();
        _skippedApis = SkippedPropagatingApis.Parse(_options.SkippedPropagatingApis);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Where template events go (the detector host's queue).</summary>
    public void Attach(WorkQueue<TemplateKey> queue) => _queue = queue;

    /// <summary>The resources watched so far.</summary>
    public IReadOnlyList<ApiResource> Watched { get { lock (_gate) return [.. _watched.Values]; } }

    /// <summary>Asks for a re-discovery now.</summary>
    public void Trigger() => _signal.TrySetResult();

    /// <summary>Template keys a policy may concern: every watched template of the kinds its selectors name (in its
    /// namespace for a PropagationPolicy) plus those it claims.</summary>
    public IEnumerable<TemplateKey> MapPolicy(JsonObject policy)
    {
        var ns = policy.Namespace();
        var kinds = PolicyMatcher.SelectedKinds(policy).ToHashSet();
        var keys = new List<TemplateKey>();
        foreach (var res in Watched)
        {
            if (!kinds.Contains((res.ApiVersion, res.Kind))) continue;
            var cache = _informers.Get(res.Gvr, null, TemplateView).Cache;
            foreach (var o in string.IsNullOrEmpty(ns) ? cache.List() : cache.List(ns))
                keys.Add(new TemplateKey(res.Gvr, res.Kind, o.Namespace() ?? "", o.Name() ?? ""));
        }
        return keys;
    }

    /// <summary>The template key a binding points at (spec.resource), for bindings changed or deleted behind our back.</summary>
    public IEnumerable<TemplateKey> MapBinding(JsonObject binding)
    {
        if (binding["spec"]?["resource"] is not JsonObject r) yield break;
        var gvk = GroupVersionKind.From(r.GetString("apiVersion") ?? "", r.GetString("kind") ?? "");
        foreach (var res in Watched)
            if (res.Gvk == gvk) yield return new TemplateKey(res.Gvr, res.Kind, r.GetString("namespace") ?? "", r.GetString("name") ?? "");
    }

    /// <summary>One discovery pass: starts informers for newly served propagatable resources.</summary>
    public async Task DiscoverOnceAsync(CancellationToken ct)
    {
        var resources = await _client.DiscoverAsync(ct).ConfigureAwait(false);
        var chosen = new Dictionary<(string, string), ApiResource>();
        foreach (var r in resources)
        {
            if (!IsPropagatable(r)) continue;
            var gk = (r.Group, r.Kind);
            if (!chosen.TryGetValue(gk, out var existing) || (r.StorageVersion == r.Version && existing.StorageVersion != existing.Version))
                chosen[gk] = r;
        }
        foreach (var r in chosen.Values)
        {
            lock (_gate)
            {
                if (_watched.ContainsKey(r.Gvr)) continue;
                _watched[r.Gvr] = r;
            }
            var informer = _informers.Get(r.Gvr, null, TemplateView);
            lock (_gate) _subscriptions.Add(informer.AddHandler(new TemplateHandler(this, r)));
            _logger.LogDebug("Detector watches {Resource}", r.Gvr);
        }
        if (!_crdWatched && resources.Any(r => r.Gvr == KarmadaResources.CustomResourceDefinitions))
        {
            _crdWatched = true;
            var crds = _informers.Get(KarmadaResources.CustomResourceDefinitions);
            lock (_gate) _subscriptions.Add(crds.AddHandler(new InformerHandler(_ => Trigger(), (_, _) => Trigger(), _ => Trigger())));
        }
        _informers.Start();
    }

    /// <summary>Whether templates of the resource are watched: not a subresource, listable and watchable, not in
    /// Karmada's skipped groups, not the core Event, and not listed in --skipped-propagating-apis.</summary>
    public bool IsPropagatable(ApiResource r)
    {
        if (r.Plural.Contains('/', StringComparison.Ordinal)) return false;
        if (!r.Verbs.Contains("list") || !r.Verbs.Contains("watch")) return false;
        if (SkippedGroups.Contains(r.Group)) return false;
        if (r.Group.Length == 0 && r.Kind == "Event") return false;
        return !_skippedApis.Skips(r);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _signal, signal);
            try
            {
                await DiscoverOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Resource discovery for the detector failed; retrying");
            }
            try
            {
                await Task.WhenAny(signal.Task, Task.Delay(_options.RediscoveryInterval, _time, stoppingToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        lock (_gate)
        {
            foreach (var s in _subscriptions) s.Dispose();
            _subscriptions.Clear();
        }
    }

    private void Enqueue(ApiResource r, JsonObject obj) =>
        _queue?.Add(new TemplateKey(r.Gvr, r.Kind, obj.Namespace() ?? "", obj.Name() ?? ""), QueuePriority.Normal);

    /// <summary>Spec, labels or annotations changed (status-only writes, e.g. our own status aggregation, are ignored).</summary>
    public static bool SpecificationChanged(JsonObject a, JsonObject b)
    {
        if (a.ResourceVersion() == b.ResourceVersion()) return false;
        return !JsonNode.DeepEquals(Strip(a), Strip(b));

        static JsonObject Strip(JsonObject o)
        {
            var c = o.DeepCloneObject();
            c.Remove("status");
            var m = c.Metadata();
            m.Remove("resourceVersion");
            m.Remove("managedFields");
            m.Remove("generation");
            return c;
        }
    }

    private sealed class TemplateHandler(TemplateDiscovery owner, ApiResource resource) : IInformerHandler
    {
        public void OnAdd(JsonObject obj) => owner.Enqueue(resource, obj);

        public void OnUpdate(JsonObject oldObj, JsonObject newObj)
        {
            if (SpecificationChanged(oldObj, newObj)) owner.Enqueue(resource, newObj);
        }

        public void OnDelete(JsonObject lastKnown) => owner.Enqueue(resource, lastKnown);
    }
}
