using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Client.Config;
using Flotilla.Client.Http;
using Flotilla.Core;
using Flotilla.Core.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Client;

/// <summary>
/// <see cref="IKubeClient"/> over HTTP(S) for any conformant Kubernetes API server (Flotilla's own, a simulated
/// member, or a real kube-apiserver). One instance owns one connection pool; it is thread-safe and meant to live
/// as long as the cluster it talks to.
/// <para>Failure contract: <see cref="ApiStatusException"/> means the server answered with an error status;
/// <see cref="HttpRequestException"/> means there was no usable answer (connection refused or reset, DNS, TLS
/// handshake or certificate failure, request timeout — the latter with an inner <see cref="TimeoutException"/>).
/// <see cref="OperationCanceledException"/> only ever means the caller's token was cancelled.</para>
/// </summary>
public sealed partial class KubeRestClient : IKubeClient, IDisposable
{
    private const string JsonMediaType = "application/json";
    private readonly HttpClient _http;
    private readonly string _base;
    private readonly string _host;
    private readonly ILogger _logger;
    private readonly Version _httpVersion;
    private readonly string _userAgent;
    private readonly string? _basicAuth;
    private readonly Lock _tokenLock = new();
    private string? _fileToken;
    private long _fileTokenReadAt;

    /// <summary>Creates a client with its own handler built from <paramref name="config"/>.</summary>
    public KubeRestClient(RestConfig config, ILogger<KubeRestClient>? logger = null)
        : this(config, KubeHttpHandlerFactory.Create(config), disposeHandler: true, logger)
    {
    }

    /// <summary>Creates a client over a caller-supplied handler (TLS settings in <paramref name="config"/> are then ignored).</summary>
    public KubeRestClient(RestConfig config, HttpMessageHandler handler, bool disposeHandler, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        var server = new Uri(config.Server, UriKind.Absolute);
        if (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp)
            throw new ArgumentException($"server {config.Server} is not an http(s) URL", nameof(config));
        _base = config.Server.TrimEnd('/');
        _host = server.Authority;
        _http = new HttpClient(handler, disposeHandler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _logger = logger ?? NullLogger.Instance;
        _httpVersion = config.PreferHttp2 ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11;
        _userAgent = config.UserAgent ?? DefaultUserAgent;
        if (config.Username is not null)
            _basicAuth = Convert.ToBase64String(Encoding.UTF8.GetBytes(config.Username + ":" + (config.Password ?? "")));
    }

    public RestConfig Config { get; }

    /// <summary>"flotilla/&lt;version&gt;".</summary>
    public static string DefaultUserAgent { get; } = "flotilla/" + AssemblyVersion();

    // ---------------------------------------------------------------- factories

    /// <summary>A client for one context (the current one when null) of a kubeconfig file.</summary>
    public static KubeRestClient FromKubeconfigFile(string path, string? context = null, ILogger<KubeRestClient>? logger = null) =>
        new(RestConfig.FromKubeconfig(Kubeconfig.Load(path), context), logger);

    /// <summary>A client for one context (the current one when null) of a loaded kubeconfig.</summary>
    public static KubeRestClient FromKubeconfig(Kubeconfig kubeconfig, string? context = null, ILogger<KubeRestClient>? logger = null) =>
        new(RestConfig.FromKubeconfig(kubeconfig, context), logger);

    /// <summary>A client for the kubeconfig kubectl would use ($KUBECONFIG merged, else ~/.kube/config).</summary>
    public static KubeRestClient FromDefaultKubeconfig(string? context = null, ILogger<KubeRestClient>? logger = null) =>
        new(RestConfig.FromKubeconfig(Kubeconfig.LoadDefault(), context), logger);

    public static KubeRestClient FromConfig(RestConfig config, ILogger<KubeRestClient>? logger = null) => new(config, logger);

    // ---------------------------------------------------------------- CRUD

    public async Task<JsonObject?> GetAsync(GroupVersionResource resource, string? ns, string name, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var node = await SendForJsonAsync(HttpMethod.Get, KubePaths.Resource(resource, ns, name), null, nullOn404: true, ct).ConfigureAwait(false);
        return node as JsonObject;
    }

    /// <summary>Gets a subresource such as "status" or "scale" (an autoscaling/v1 Scale); null on 404.</summary>
    public async Task<JsonObject?> GetSubresourceAsync(GroupVersionResource resource, string? ns, string name, string subresource, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(subresource);
        var node = await SendForJsonAsync(HttpMethod.Get, KubePaths.Resource(resource, ns, name, subresource), null, nullOn404: true, ct).ConfigureAwait(false);
        return node as JsonObject;
    }

    public async Task<ObjectList> ListAsync(GroupVersionResource resource, string? ns, ListOptions? options, CancellationToken ct)
    {
        var path = KubePaths.Resource(resource, ns) + KubePaths.ListQuery(options, watch: false);
        var node = await SendForJsonAsync(HttpMethod.Get, path, null, nullOn404: false, ct).ConfigureAwait(false);
        if (node is not JsonObject list) throw Unexpected(200, "the list answer is not a JSON object");
        return ToObjectList(list);
    }

    public async Task<JsonObject> CreateAsync(GroupVersionResource resource, JsonObject obj, WriteOptions? options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var ns = IsKnownClusterScoped(resource) ? null : obj.Namespace();
        var path = options?.Subresource is { } sub
            ? KubePaths.Resource(resource, ns, obj.Name() ?? throw new ArgumentException("creating a subresource needs metadata.name", nameof(obj)), sub)
            : KubePaths.Resource(resource, ns);
        return await WriteAsync(HttpMethod.Post, path + KubePaths.WriteQuery(options, apply: false), JsonBody(obj), ct).ConfigureAwait(false);
    }

    public async Task<JsonObject> UpdateAsync(GroupVersionResource resource, JsonObject obj, WriteOptions? options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = obj.Name();
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("an update needs metadata.name", nameof(obj));
        var ns = IsKnownClusterScoped(resource) ? null : obj.Namespace();
        var path = KubePaths.Resource(resource, ns, name, options?.Subresource) + KubePaths.WriteQuery(options, apply: false);
        return await WriteAsync(HttpMethod.Put, path, JsonBody(obj), ct).ConfigureAwait(false);
    }

    public async Task<JsonObject> PatchAsync(GroupVersionResource resource, string? ns, string name, PatchType type, string patch, WriteOptions? options, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(patch);
        var path = KubePaths.Resource(resource, ns, name, options?.Subresource) + KubePaths.WriteQuery(options, apply: type == PatchType.Apply);
        return await WriteAsync(HttpMethod.Patch, path, new RequestBody(Encoding.UTF8.GetBytes(patch), type.ContentType()), ct).ConfigureAwait(false);
    }

    public async Task<JsonObject?> DeleteAsync(GroupVersionResource resource, string? ns, string name, DeleteOptions? options, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" };
        if (options is not null)
        {
            if (options.PropagationPolicy is not null) body["propagationPolicy"] = options.PropagationPolicy;
            if (options.GracePeriodSeconds is { } g) body["gracePeriodSeconds"] = g;
            if (options.PreconditionUid is not null || options.PreconditionResourceVersion is not null)
            {
                var pre = new JsonObject();
                if (options.PreconditionUid is not null) pre["uid"] = options.PreconditionUid;
                if (options.PreconditionResourceVersion is not null) pre["resourceVersion"] = options.PreconditionResourceVersion;
                body["preconditions"] = pre;
            }
            if (options.DryRun) body["dryRun"] = new JsonArray("All");
        }
        var node = await SendForJsonAsync(HttpMethod.Delete, KubePaths.Resource(resource, ns, name), JsonBody(body), nullOn404: true, ct).ConfigureAwait(false);
        return node as JsonObject;
    }

    private async Task<JsonObject> WriteAsync(HttpMethod method, string path, RequestBody content, CancellationToken ct)
    {
        var node = await SendForJsonAsync(method, path, content, nullOn404: false, ct).ConfigureAwait(false);
        return node as JsonObject ?? throw Unexpected(200, $"{method} {path} answered without a JSON object");
    }

    private static RequestBody JsonBody(JsonNode node) => new(node.ToUtf8(), JsonMediaType);

    /// <summary>A request body kept as bytes so a retried request can send it again.</summary>
    private readonly record struct RequestBody(byte[] Data, string ContentType);

    /// <summary>Turns a list answer into an <see cref="ObjectList"/>, filling in items' apiVersion and kind
    /// (kube-apiserver omits them for built-in kinds).</summary>
    internal static ObjectList ToObjectList(JsonObject list)
    {
        var meta = list["metadata"] as JsonObject;
        var apiVersion = list.GetString("apiVersion");
        var listKind = list.GetString("kind");
        var kind = listKind is not null && listKind.EndsWith("List", StringComparison.Ordinal) ? listKind[..^4] : null;
        var items = new List<JsonObject>();
        if (list["items"] is JsonArray arr)
        {
            for (var i = 0; i < arr.Count; i++)
            {
                if (arr[i] is not JsonObject item) continue;
                if (apiVersion is not null && item["apiVersion"] is null) item["apiVersion"] = apiVersion;
                if (kind is not null && item["kind"] is null) item["kind"] = kind;
                items.Add(item);
            }
            arr.Clear();
        }
        long? remaining = meta?["remainingItemCount"] is JsonValue rv && rv.TryGetValue<long>(out var r) ? r : null;
        var cont = meta.GetString("continue");
        return new ObjectList
        {
            ResourceVersion = meta.GetString("resourceVersion") ?? "",
            Continue = string.IsNullOrEmpty(cont) ? null : cont,
            RemainingItemCount = remaining,
            Items = items,
        };
    }

    private static string AssemblyVersion()
    {
        var v = typeof(KubeRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(KubeRestClient).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = v.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? v : v[..plus];
    }

    public void Dispose() => _http.Dispose();
}
