using Flotilla.Client.Config;
using Flotilla.Core.Karmada;

namespace Flotilla.Client;

/// <summary>
/// Everything needed to reach one Kubernetes API server: where it is, how to trust it, and who we are.
/// <see cref="Server"/> may carry a path prefix (for example a Karmada cluster proxy URL); every request path is
/// appended to it verbatim.
/// </summary>
public sealed record RestConfig
{
    /// <summary>Base URL, e.g. <c>https://127.0.0.1:6443</c> or <c>https://host/apis/cluster.karmada.io/v1alpha1/clusters/m1/proxy</c>.</summary>
    public required string Server { get; init; }
    /// <summary>PEM CA bundle; when set it is the only trust anchor. When null the system trust store is used.</summary>
    public byte[]? CaData { get; init; }
    /// <summary>Skip server certificate verification entirely (insecure-skip-tls-verify).</summary>
    public bool Insecure { get; init; }
    /// <summary>Name to check the server certificate against instead of the URL's host.</summary>
    public string? TlsServerName { get; init; }
    public string? Token { get; init; }
    /// <summary>Absolute path of a token file; re-read at most once a minute.</summary>
    public string? TokenFile { get; init; }
    /// <summary>PEM client certificate (may be followed by intermediates).</summary>
    public byte[]? ClientCertificateData { get; init; }
    /// <summary>PEM private key (PKCS#1 RSA, SEC1 EC or PKCS#8).</summary>
    public byte[]? ClientKeyData { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    /// <summary>Proxy for every request (proxy-url); when null no proxy is used.</summary>
    public string? ProxyUrl { get; init; }
    /// <summary>Timeout of one non-watch request (headers and body). Watches have none.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>The context's default namespace, if any (informational; the client never applies it implicitly).</summary>
    public string? Namespace { get; init; }
    /// <summary>User-Agent header; defaults to <c>flotilla/&lt;version&gt;</c>.</summary>
    public string? UserAgent { get; init; }
    /// <summary>Offer HTTP/2 (negotiated by ALPN over TLS; plain http stays HTTP/1.1).</summary>
    public bool PreferHttp2 { get; init; } = true;
    /// <summary>How often a request answered 429 (or 5xx with Retry-After) is retried before the error surfaces.</summary>
    public int MaxRetries { get; init; } = 3;
    /// <summary>A discovery miss refreshes discovery at most this often (a kind that is really not served must not
    /// turn every lookup into a round of requests).</summary>
    public TimeSpan DiscoveryMinRefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The same server reached through a path prefix, e.g. Karmada's cluster proxy
    /// (<c>/apis/cluster.karmada.io/v1alpha1/clusters/NAME/proxy</c>): every request path is appended to it.
    /// </summary>
    public RestConfig WithPathPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return this with { Server = Server.TrimEnd('/') + "/" + prefix.Trim('/') };
    }

    /// <summary>This control plane's proxy to member cluster <paramref name="clusterName"/> (clusters/proxy subresource).</summary>
    public RestConfig ForClusterProxy(string clusterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterName);
        return WithPathPrefix($"apis/{KarmadaGroups.Cluster}/v1alpha1/clusters/{Uri.EscapeDataString(clusterName)}/proxy");
    }

    /// <summary>Value equality, comparing certificate and key bytes by content (records compare arrays by reference).</summary>
    public bool Equals(RestConfig? other) =>
        other is not null
        && Server == other.Server && Bytes(CaData, other.CaData) && Insecure == other.Insecure && TlsServerName == other.TlsServerName
        && Token == other.Token && TokenFile == other.TokenFile
        && Bytes(ClientCertificateData, other.ClientCertificateData) && Bytes(ClientKeyData, other.ClientKeyData)
        && Username == other.Username && Password == other.Password && ProxyUrl == other.ProxyUrl && Timeout == other.Timeout
        && Namespace == other.Namespace && UserAgent == other.UserAgent && PreferHttp2 == other.PreferHttp2
        && MaxRetries == other.MaxRetries && DiscoveryMinRefreshInterval == other.DiscoveryMinRefreshInterval;

    public override int GetHashCode() => HashCode.Combine(Server, Token, TokenFile, CaData?.Length, ClientCertificateData?.Length, Insecure);

    /// <summary>Prints the endpoint and which credentials are set, never their values.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Server = ").Append(Server)
            .Append(", CaData = ").Append(CaData is null ? "none" : "set")
            .Append(", Insecure = ").Append(Insecure)
            .Append(", TlsServerName = ").Append(TlsServerName)
            .Append(", Token = ").Append(Token is null ? "none" : "redacted")
            .Append(", TokenFile = ").Append(TokenFile)
            .Append(", ClientCertificate = ").Append(ClientCertificateData is null ? "none" : "set")
            .Append(", Username = ").Append(Username)
            .Append(", ProxyUrl = ").Append(ProxyUrl)
            .Append(", Timeout = ").Append(Timeout);
        return true;
    }

    private static bool Bytes(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    /// <summary>
    /// Builds the configuration of one kubeconfig context (the current one when <paramref name="context"/> is null).
    /// File references are read now (relative to the kubeconfig's directory), except tokenFile, which is re-read.
    /// </summary>
    /// <exception cref="KubeconfigException">Unknown context, unreadable file, exec or auth-provider credentials.</exception>
    public static RestConfig FromKubeconfig(Kubeconfig kubeconfig, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(kubeconfig);
        var (ctx, cluster, user) = kubeconfig.Resolve(context);
        if (string.IsNullOrEmpty(cluster.Server))
            throw new KubeconfigException($"cluster \"{cluster.Name}\" has no server");
        if (user.HasExec)
            throw new KubeconfigException($"user \"{user.Name}\" uses an exec credential plugin, which Flotilla does not support; use a token or a client certificate");
        if (user.AuthProvider is not null)
            throw new KubeconfigException($"user \"{user.Name}\" uses the auth-provider \"{user.AuthProvider}\", which Flotilla does not support; use a token or a client certificate");

        var token = user.Token;
        string? tokenFile = null;
        if (token is null && user.TokenFile is not null) tokenFile = ResolvePath(user.TokenFile, user.BaseDirectory);

        return new RestConfig
        {
            Server = cluster.Server,
            CaData = cluster.CertificateAuthorityData ?? ReadFile(cluster.CertificateAuthority, cluster.BaseDirectory, "certificate-authority"),
            Insecure = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
            ProxyUrl = cluster.ProxyUrl,
            Token = token,
            TokenFile = tokenFile,
            ClientCertificateData = user.ClientCertificateData ?? ReadFile(user.ClientCertificate, user.BaseDirectory, "client-certificate"),
            ClientKeyData = user.ClientKeyData ?? ReadFile(user.ClientKey, user.BaseDirectory, "client-key"),
            Username = user.Username,
            Password = user.Password,
            Namespace = ctx.Namespace,
        };
    }

    /// <summary>Turns this configuration into a one-context kubeconfig holding all data inline.</summary>
    public Kubeconfig ToKubeconfig(string name)
    {
        string? token = Token;
        if (token is null && TokenFile is not null) token = File.ReadAllText(TokenFile).Trim();
        return new Kubeconfig
        {
            Clusters = [new KubeconfigCluster { Name = name, Server = Server, CertificateAuthorityData = CaData, InsecureSkipTlsVerify = Insecure, TlsServerName = TlsServerName, ProxyUrl = ProxyUrl }],
            Users = [new KubeconfigUser { Name = name, Token = token, ClientCertificateData = ClientCertificateData, ClientKeyData = ClientKeyData, Username = Username, Password = Password }],
            Contexts = [new KubeconfigContext { Name = name, Cluster = name, User = name, Namespace = Namespace }],
            CurrentContext = name,
        };
    }

    internal static string ResolvePath(string path, string? baseDirectory)
    {
        if (path.StartsWith("~/", StringComparison.Ordinal))
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]);
        return Path.IsPathRooted(path) || baseDirectory is null ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
    }

    private static byte[]? ReadFile(string? path, string? baseDirectory, string field)
    {
        if (path is null) return null;
        var full = ResolvePath(path, baseDirectory);
        try
        {
            return File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"cannot read {field} {full}: {e.Message}", e);
        }
    }
}
