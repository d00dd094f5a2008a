using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Flotilla.Client.Config;

/// <summary>
/// A kubeconfig (clientcmd v1 "Config"): clusters, users, contexts and the current context. Loads one file,
/// several files merged as kubectl merges <c>$KUBECONFIG</c> (the first file to define a name wins, the first
/// non-empty current-context wins), and writes a standard kubeconfig back.
/// </summary>
public sealed class Kubeconfig
{
    public List<KubeconfigCluster> Clusters { get; init; } = [];
    public List<KubeconfigUser> Users { get; init; } = [];
    public List<KubeconfigContext> Contexts { get; init; } = [];
    public string? CurrentContext { get; set; }

    /// <summary>The environment variable kubectl reads: a list of files separated by <see cref="Path.PathSeparator"/>.</summary>
    public const string EnvironmentVariable = "KUBECONFIG";

    public KubeconfigCluster? FindCluster(string name) => Clusters.Find(c => c.Name == name);
    public KubeconfigUser? FindUser(string name) => Users.Find(u => u.Name == name);
    public KubeconfigContext? FindContext(string name) => Contexts.Find(c => c.Name == name);

    /// <summary>Resolves a context (the current one when <paramref name="context"/> is null) to its cluster and user.</summary>
    /// <exception cref="KubeconfigException">No such context, or it names a missing cluster or user.</exception>
    public (KubeconfigContext Context, KubeconfigCluster Cluster, KubeconfigUser User) Resolve(string? context = null)
    {
        var name = string.IsNullOrEmpty(context) ? CurrentContext : context;
        if (string.IsNullOrEmpty(name))
            throw new KubeconfigException("the kubeconfig has no current-context and no context was given");
        var ctx = FindContext(name) ?? throw new KubeconfigException($"context \"{name}\" does not exist in the kubeconfig");
        var cluster = FindCluster(ctx.Cluster)
            ?? throw new KubeconfigException($"context \"{name}\" refers to cluster \"{ctx.Cluster}\", which does not exist");
        // kubectl treats a missing user entry as anonymous; so do we.
        var user = FindUser(ctx.User) ?? new KubeconfigUser { Name = ctx.User };
        return (ctx, cluster, user);
    }

    // ---------------------------------------------------------------- loading

    /// <summary>Reads one kubeconfig file; relative paths in it are resolved against the file's directory.</summary>
    public static Kubeconfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"cannot read kubeconfig {path}: {e.Message}", e);
        }
        return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path)), path);
    }

    /// <summary>Reads several files and merges them the way kubectl merges <c>$KUBECONFIG</c>; missing files are skipped.</summary>
    public static Kubeconfig LoadMerged(IEnumerable<string> paths)
    {
        var parts = new List<Kubeconfig>();
        foreach (var p in paths)
        {
            if (string.IsNullOrWhiteSpace(p) || !File.Exists(p)) continue;
            parts.Add(Load(p));
        }
        if (parts.Count == 0) throw new KubeconfigException("none of the kubeconfig files exist: " + string.Join(Path.PathSeparator, paths));
        return Merge(parts);
    }

    /// <summary>
    /// The kubeconfig kubectl would use: the files in <c>$KUBECONFIG</c> merged, else <c>~/.kube/config</c>.
    /// </summary>
    public static Kubeconfig LoadDefault()
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return LoadPathList(env);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Load(Path.Combine(home, ".kube", "config"));
    }

    /// <summary>Loads a <c>$KUBECONFIG</c>-style list (paths separated by ':' on Unix, ';' on Windows), merged.</summary>
    public static Kubeconfig LoadPathList(string pathList)
    {
        ArgumentNullException.ThrowIfNull(pathList);
        return LoadMerged(pathList.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Merges kubeconfigs in priority order: the first to define a name wins, as does the first current-context.</summary>
    public static Kubeconfig Merge(IEnumerable<Kubeconfig> configs)
    {
        var merged = new Kubeconfig();
        foreach (var c in configs)
        {
            if (string.IsNullOrEmpty(merged.CurrentContext) && !string.IsNullOrEmpty(c.CurrentContext))
                merged.CurrentContext = c.CurrentContext;
            foreach (var x in c.Clusters) if (merged.FindCluster(x.Name) is null) merged.Clusters.Add(x);
            foreach (var x in c.Users) if (merged.FindUser(x.Name) is null) merged.Users.Add(x);
            foreach (var x in c.Contexts) if (merged.FindContext(x.Name) is null) merged.Contexts.Add(x);
        }
        return merged;
    }

    /// <summary>Parses kubeconfig YAML (or JSON). <paramref name="baseDirectory"/> is where relative paths point.</summary>
    public static Kubeconfig Parse(string yaml, string? baseDirectory = null, string? source = null)
    {
        KubeconfigDocument? doc;
        try
        {
            doc = Deserializer.Deserialize<KubeconfigDocument?>(yaml);
        }
        catch (YamlException e)
        {
            throw new KubeconfigException($"invalid kubeconfig{(source is null ? "" : " " + source)}: {e.Message}", e);
        }
        var cfg = new Kubeconfig();
        if (doc is null) return cfg;
        cfg.CurrentContext = string.IsNullOrEmpty(doc.CurrentContext) ? null : doc.CurrentContext;
        foreach (var nc in doc.Clusters ?? [])
        {
            var name = nc.Name ?? throw new KubeconfigException("a cluster entry has no name");
            var c = nc.Cluster ?? new ClusterDoc();
            if (cfg.FindCluster(name) is not null) continue;
            cfg.Clusters.Add(new KubeconfigCluster
            {
                Name = name,
                Server = c.Server ?? "",
                CertificateAuthority = Empty(c.CertificateAuthority),
                CertificateAuthorityData = Decode(c.CertificateAuthorityData, name, "certificate-authority-data"),
                InsecureSkipTlsVerify = c.InsecureSkipTlsVerify ?? false,
                TlsServerName = Empty(c.TlsServerName),
                ProxyUrl = Empty(c.ProxyUrl),
                DisableCompression = c.DisableCompression ?? false,
                BaseDirectory = baseDirectory,
            });
        }
        foreach (var nu in doc.Users ?? [])
        {
            var name = nu.Name ?? throw new KubeconfigException("a user entry has no name");
            var u = nu.User ?? new UserDoc();
            if (cfg.FindUser(name) is not null) continue;
            cfg.Users.Add(new KubeconfigUser
            {
                Name = name,
                Token = Empty(u.Token),
                TokenFile = Empty(u.TokenFile),
                ClientCertificate = Empty(u.ClientCertificate),
                ClientCertificateData = Decode(u.ClientCertificateData, name, "client-certificate-data"),
                ClientKey = Empty(u.ClientKey),
                ClientKeyData = Decode(u.ClientKeyData, name, "client-key-data"),
                Username = Empty(u.Username),
                Password = Empty(u.Password),
                HasExec = u.Exec is not null,
                AuthProvider = u.AuthProvider is null ? null : u.AuthProvider.TryGetValue("name", out var n) ? n?.ToString() ?? "" : "",
                BaseDirectory = baseDirectory,
            });
        }
        foreach (var nx in doc.Contexts ?? [])
        {
            var name = nx.Name ?? throw new KubeconfigException("a context entry has no name");
            var x = nx.Context ?? new ContextDoc();
            if (cfg.FindContext(name) is not null) continue;
            cfg.Contexts.Add(new KubeconfigContext
            {
                Name = name,
                Cluster = x.Cluster ?? "",
                User = x.User ?? "",
                Namespace = Empty(x.Namespace),
            });
        }
        return cfg;
    }

    // ---------------------------------------------------------------- building

    /// <summary>A one-context kubeconfig that authenticates with a bearer token.</summary>
    public static Kubeconfig ForToken(string name, string server, byte[]? caData, string token, string? ns = null, bool insecure = false) =>
        Single(name, server, caData, new KubeconfigUser { Name = name, Token = token }, ns, insecure);

    /// <summary>A one-context kubeconfig that authenticates with a client certificate (PEM cert and key).</summary>
    public static Kubeconfig ForClientCertificate(string name, string server, byte[]? caData, byte[] clientCertificatePem, byte[] clientKeyPem, string? ns = null) =>
        Single(name, server, caData, new KubeconfigUser { Name = name, ClientCertificateData = clientCertificatePem, ClientKeyData = clientKeyPem }, ns, false);

    private static Kubeconfig Single(string name, string server, byte[]? caData, KubeconfigUser user, string? ns, bool insecure) => new()
    {
        Clusters = [new KubeconfigCluster { Name = name, Server = server, CertificateAuthorityData = caData, InsecureSkipTlsVerify = insecure }],
        Users = [user],
        Contexts = [new KubeconfigContext { Name = name, Cluster = name, User = name, Namespace = ns }],
        CurrentContext = name,
    };

    // ---------------------------------------------------------------- writing

    /// <summary>Renders a standard kubeconfig (apiVersion v1, kind Config); data fields are base64-encoded.</summary>
    public string ToYaml()
    {
        var doc = new KubeconfigDocument
        {
            ApiVersion = "v1",
            Kind = "Config",
            Clusters = Clusters.Select(c => new NamedClusterDoc
            {
                Name = c.Name,
                Cluster = new ClusterDoc
                {
                    Server = c.Server,
                    TlsServerName = c.TlsServerName,
                    InsecureSkipTlsVerify = c.InsecureSkipTlsVerify ? true : null,
                    CertificateAuthority = c.CertificateAuthority,
                    CertificateAuthorityData = Encode(c.CertificateAuthorityData),
                    ProxyUrl = c.ProxyUrl,
                    DisableCompression = c.DisableCompression ? true : null,
                },
            }).ToList(),
            Contexts = Contexts.Select(x => new NamedContextDoc
            {
                Name = x.Name,
                Context = new ContextDoc { Cluster = x.Cluster, User = x.User, Namespace = x.Namespace },
            }).ToList(),
            CurrentContext = CurrentContext ?? "",
            Preferences = [],
            Users = Users.Select(u => new NamedUserDoc
            {
                Name = u.Name,
                User = new UserDoc
                {
                    ClientCertificate = u.ClientCertificate,
                    ClientCertificateData = Encode(u.ClientCertificateData),
                    ClientKey = u.ClientKey,
                    ClientKeyData = Encode(u.ClientKeyData),
                    Token = u.Token,
                    TokenFile = u.TokenFile,
                    Username = u.Username,
                    Password = u.Password,
                },
            }).ToList(),
        };
        return Serializer.Serialize(doc);
    }

    /// <summary>Writes <see cref="ToYaml"/> to a file readable only by its owner (it holds credentials).</summary>
    public async Task SaveAsync(string path, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp-" + Environment.ProcessId;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var fs = new FileStream(tmp, options))
        {
            await fs.WriteAsync(Encoding.UTF8.GetBytes(ToYaml()), ct).ConfigureAwait(false);
        }
        File.Move(tmp, path, overwrite: true);
    }

    // ---------------------------------------------------------------- helpers

    private static readonly IDeserializer Deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .DisableAliases()
        .Build();

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string? Encode(byte[]? data) => data is null ? null : Convert.ToBase64String(data);

    private static byte[]? Decode(string? base64, string entry, string field)
    {
        if (string.IsNullOrWhiteSpace(base64)) return null;
        try
        {
            return Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException e)
        {
            throw new KubeconfigException($"{field} of \"{entry}\" is not valid base64", e);
        }
    }
}
