using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Auth;
using Flotilla.ApiServer.Components;
using Flotilla.ApiServer.Controllers;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Schema;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.ApiServer;

/// <summary>
/// One Kubernetes-compatible API server without its HTTP front: the resource registry, the generic object store
/// (create/get/list/update/patch/delete/watch with Kubernetes' semantics) over an <see cref="IStorageBackend"/>,
/// admission, schemas, tables, tokens, and the loops kube-controller-manager would run (garbage collector,
/// namespace lifecycle, CRD establishing) plus history compaction. Cheap enough to host many per process.
/// </summary>
public sealed partial class KubeApi : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, bool> _namespaces = new(StringComparer.Ordinal); // name → terminating
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly ILoggerFactory _loggerFactory;
    private int _started;

    public KubeApi(IStorageBackend storage, KubeApiOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        Storage = storage;
        Options = options ?? new KubeApiOptions();
        Time = time ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = _loggerFactory.CreateLogger<KubeApi>();
        var components = Options.Components ?? ApiServerComponents.CreateDefault(Time);
        Admission = components.Admission;
        Schemas = components.Schemas;
        Tables = components.Tables;
        Registry = Options.ServeResource is { } serve ? new ResourceRegistry(BuiltinResources.Create().Where(serve).ToList()) : ResourceRegistry.CreateDefault();
        PatchMeta = Schemas is SchemaRegistry schemaRegistry
            ? new Patch.CompositePatchMeta(Patch.BuiltInPatchMeta.Instance, new Patch.OpenApiPatchMeta(schemaRegistry.GetRootSchema))
            : Patch.BuiltInPatchMeta.Instance;
        Tokens = new TokenAuthenticator(this);
        Watches = new WatchEventCache();
    }

    public IStorageBackend Storage { get; }
    public KubeApiOptions Options { get; }
    public TimeProvider Time { get; }
    public ResourceRegistry Registry { get; }
    public IAdmission Admission { get; }
    public ISchemaRegistry Schemas { get; }
    public ITableConverter Tables { get; }
    public TokenAuthenticator Tokens { get; }
    /// <summary>Merge keys and list types for strategic merge patch, server-side apply and managedFields.</summary>
    public Patch.IPatchMetaProvider PatchMeta { get; }
    internal WatchEventCache Watches { get; }
    internal ILogger Logger { get; }
    internal ILoggerFactory LoggerFactory => _loggerFactory;
    /// <summary>Cancelled when the instance stops; ends open watches.</summary>
    public CancellationToken Stopping => _stopping.Token;
    /// <summary>True once <see cref="StartAsync"/> finished: bootstrap objects exist and CRDs are served.</summary>
    public bool IsReady { get; private set; }

    /// <summary>Creates the initial namespaces, serves stored CRDs and starts the internal loops.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        var nsResource = NamespaceResource;
        foreach (var name in Options.InitialNamespaces)
        {
            try
            {
                await CreateAsync(nsResource, null, new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Namespace",
                    ["metadata"] = new JsonObject { ["name"] = name },
                }, WriteParams.Default, ct).ConfigureAwait(false);
            }
            catch (ApiStatusException e) when (e.IsAlreadyExists)
            {
            }
        }
        await CrdController.ServeStoredCrdsAsync(this, ct).ConfigureAwait(false);
        if (Options.RunControllers)
        {
            var stop = _stopping.Token;
            _loops.Add(Task.Run(() => new NamespaceController(this).RunAsync(stop), CancellationToken.None));
            _loops.Add(Task.Run(() => new CrdController(this).RunAsync(stop), CancellationToken.None));
            _loops.Add(Task.Run(() => new GarbageCollector(this).RunAsync(stop), CancellationToken.None));
            if (Options.CompactionInterval > TimeSpan.Zero)
                _loops.Add(Task.Run(() => CompactLoopAsync(stop), CancellationToken.None));
        }
        IsReady = true;
    }

    /// <summary>Stops the loops and ends every open watch. The storage backend stays open (the owner disposes it).</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_loops).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>Compacts history up to <paramref name="toRevision"/> (0 = current revision).</summary>
    public async Task<long> CompactAsync(long toRevision, CancellationToken ct)
    {
        if (toRevision <= 0) toRevision = await Storage.CurrentRevisionAsync(ct).ConfigureAwait(false);
        return await Storage.CompactAsync(toRevision, ct).ConfigureAwait(false);
    }

    private async Task CompactLoopAsync(CancellationToken ct)
    {
        long previous = 0;
        using var timer = new PeriodicTimer(Options.CompactionInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    if (previous > 0) await Storage.CompactAsync(previous, ct).ConfigureAwait(false);
                    previous = await Storage.CurrentRevisionAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Logger.LogWarning(e, "Compaction to revision {Revision} failed", previous);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private readonly SemaphoreSlim _serviceAddressesLoad = new(1, 1);
    private Store.ServiceAddresses? _serviceAddresses;

    internal static bool IsServiceResource(ServedResource r) => r.Group.Length == 0 && r.Plural == "services";

    /// <summary>The Service address allocator (null when disabled), loaded from the stored Services on first use.</summary>
    internal async Task<Store.ServiceAddresses?> ServiceAddressesAsync(CancellationToken ct)
    {
        if (Options.ServiceClusterIpRange is not { Length: > 0 } cidr) return null;
        if (Volatile.Read(ref _serviceAddresses) is { } loaded) return loaded;
        await _serviceAddressesLoad.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_serviceAddresses is { } again) return again;
            var addresses = Store.ServiceAddresses.Parse(cidr);
            var services = Registry.Find(new GroupVersionResource("", "v1", "services"));
            if (services is not null)
            {
                var page = await ListAsync(services, null, Store.ListQuery.Everything, ct).ConfigureAwait(false);
                foreach (var item in page.Items) addresses.Observe(item.ToObject());
            }
            Volatile.Write(ref _serviceAddresses, addresses);
            return addresses;
        }
        finally
        {
            _serviceAddressesLoad.Release();
        }
    }

    internal ServedResource NamespaceResource => Registry.Find(new GroupVersionResource("", "v1", "namespaces"))!;
    internal ServedResource SecretResource => Registry.Find(new GroupVersionResource("", "v1", "secrets"))!;
    internal ServedResource CrdResource => Registry.Find(new GroupVersionResource(KubeGroups.ApiExtensions, "v1", "customresourcedefinitions"))!;

    internal string Now() => Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal ILogger CreateLogger<T>() => _loggerFactory.CreateLogger<T>();

    /// <summary>Records a namespace's state as seen by a write or the namespace watch.</summary>
    internal void NoteNamespace(string name, bool exists, bool terminating)
    {
        if (exists) _namespaces[name] = terminating;
        else _namespaces.TryRemove(name, out _);
    }

    /// <summary>404 when the namespace does not exist, 403 when it is terminating (for creates).</summary>
    internal async ValueTask EnsureNamespaceAsync(string ns, bool forCreate, CancellationToken ct)
    {
        if (!_namespaces.TryGetValue(ns, out var terminating))
        {
            var r = await Storage.GetAsync(NamespaceResource.Key(null, ns), 0, ct).ConfigureAwait(false);
            if (r.Entry is null) throw ApiErrors.NotFound("namespaces", ns);
            var obj = ObjectBytes.ToObject(r.Entry.Value.Span, r.Entry.ModRevision);
            terminating = obj.IsDeleting();
            _namespaces[ns] = terminating;
        }
        if (terminating && forCreate)
            throw new ApiStatusException(403, StatusReasons.Forbidden,
                $"unable to create new content in namespace {ns} because it is being terminated",
                new StatusDetails(ns, "", "namespaces", [new StatusCause("NamespaceTerminating",
                    $"namespace {ns} is being terminated", "metadata.namespace")]));
    }

    internal static string NewUid() => Guid.NewGuid().ToString();
}
