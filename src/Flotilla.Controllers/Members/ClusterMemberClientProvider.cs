using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Client;
using Flotilla.Client.Config;
using Flotilla.Controllers.Binding;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Informers;

namespace Flotilla.Controllers.Members;

/// <summary>
/// Builds member clients from Cluster objects (push mode): <c>spec.apiEndpoint</c> plus the Secret named by
/// <c>spec.secretRef</c> (default namespace karmada-cluster, default name the cluster's) holding <c>token</c> and
/// <c>caBundle</c>, or a <c>kubeconfig</c> key (declarative registration; apiEndpoint, when set, overrides the
/// kubeconfig's server); <c>insecureSkipTLSVerification</c> and <c>proxyURL</c> are honoured. Clusters and Secrets are
/// read from informer caches; a client is cached per cluster and rebuilt when the Cluster's or the Secret's
/// resourceVersion changes (the <see cref="KubeClientFactory"/> disposes the stale one).
/// </summary>
public sealed class ClusterMemberClientProvider : IMemberClientProvider, IDisposable
{
    private readonly SharedInformerFactory _informers;
    private readonly KubeClientFactory _factory;
    private readonly bool _ownsFactory;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Version, IKubeClient Client)> _clients = new(StringComparer.Ordinal);

    public ClusterMemberClientProvider(SharedInformerFactory controlPlaneInformers, KubeClientFactory? factory = null)
    {
        _informers = controlPlaneInformers;
        _ownsFactory = factory is null;
        _factory = factory ?? new KubeClientFactory();
    }

    public async ValueTask<IKubeClient> GetAsync(string clusterName, CancellationToken ct)
    {
        var clusters = _informers.Get(KarmadaResources.Clusters);
        _informers.Start();
        await clusters.WaitForSyncAsync(ct).ConfigureAwait(false);
        var cluster = clusters.Cache.Get(null, clusterName) ?? throw new MemberClusterUnavailableException(clusterName, "no such Cluster");
        var spec = cluster["spec"] as JsonObject;
        var secretRef = spec?["secretRef"] as JsonObject;
        var secretName = secretRef.GetString("name") ?? clusterName;
        var secretNs = secretRef.GetString("namespace");
        JsonObject? secret = null;
        foreach (var ns in secretNs is { Length: > 0 } ? [secretNs] : new[] { WellKnownNamespaces.KarmadaCluster, WellKnownNamespaces.KarmadaSystem })
        {
            var inf = _informers.Get(KarmadaResources.Secrets, ns);
            _informers.Start();
            await inf.WaitForSyncAsync(ct).ConfigureAwait(false);
            secret = inf.Cache.Get(ns, secretName);
            if (secret is not null) break;
        }
        if (secret is null) throw new MemberClusterUnavailableException(clusterName, $"secret {secretName} not found");

        var version = cluster.ResourceVersion() + "/" + secret.ResourceVersion();
        lock (_gate)
            if (_clients.TryGetValue(clusterName, out var cached) && cached.Version == version) return cached.Client;

        var config = BuildConfig(clusterName, spec, secret);
        var client = _factory.GetOrCreate(clusterName, config);
        lock (_gate) _clients[clusterName] = (version, client);
        return client;
    }

    /// <summary>The REST configuration for a Cluster's spec and Secret.</summary>
    public static RestConfig BuildConfig(string clusterName, JsonObject? spec, JsonObject secret)
    {
        var endpoint = spec.GetString("apiEndpoint");
        var insecure = spec?["insecureSkipTLSVerification"] is JsonValue iv && iv.TryGetValue<bool>(out var b) && b;
        var proxy = spec.GetString("proxyURL");
        var data = secret["data"] as JsonObject;
        RestConfig config;
        if (Decode(data, "kubeconfig") is { } kubeconfigBytes)
        {
            try
            {
                config = RestConfig.FromKubeconfig(Kubeconfig.Parse(Encoding.UTF8.GetString(kubeconfigBytes)));
            }
            catch (Exception e) when (e is KubeconfigException or FormatException)
            {
                throw new MemberClusterUnavailableException(clusterName, "invalid kubeconfig in secret: " + e.Message, e);
            }
            if (!string.IsNullOrEmpty(endpoint) && !endpoint.Contains('<', StringComparison.Ordinal)) config = config with { Server = Normalize(endpoint) };
        }
        else
        {
            if (string.IsNullOrEmpty(endpoint)) throw new MemberClusterUnavailableException(clusterName, "spec.apiEndpoint is empty");
            var token = Decode(data, "token") is { } t ? Encoding.UTF8.GetString(t).Trim() : null;
            if (string.IsNullOrEmpty(token)) throw new MemberClusterUnavailableException(clusterName, "secret has no token");
            config = new RestConfig { Server = Normalize(endpoint), Token = token, CaData = Decode(data, "caBundle") };
        }
        if (insecure) config = config with { Insecure = true, CaData = null };
        if (!string.IsNullOrEmpty(proxy)) config = config with { ProxyUrl = proxy };
        return config;
    }

    public void Dispose()
    {
        if (_ownsFactory) _factory.Dispose();
    }

    private static string Normalize(string endpoint) =>
        endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "https://" + endpoint;

    private static byte[]? Decode(JsonObject? data, string key)
    {
        if (data.GetString(key) is not { Length: > 0 } s) return null;
        try { return Convert.FromBase64String(s); }
        catch (FormatException) { return Encoding.UTF8.GetBytes(s); }
    }
}
