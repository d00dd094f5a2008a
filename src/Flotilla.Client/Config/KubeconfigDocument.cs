using YamlDotNet.Serialization;

namespace Flotilla.Client.Config;

// The on-disk shape of a kubeconfig (clientcmd/api/v1), used only for (de)serialisation.
#pragma warning disable CA1812 // instantiated by YamlDotNet
internal sealed class KubeconfigDocument
{
    [YamlMember(Alias = "apiVersion", Order = 0)] public string? ApiVersion { get; set; }
    [YamlMember(Alias = "kind", Order = 1)] public string? Kind { get; set; }
    [YamlMember(Alias = "clusters", Order = 2)] public List<NamedClusterDoc>? Clusters { get; set; }
    [YamlMember(Alias = "contexts", Order = 3)] public List<NamedContextDoc>? Contexts { get; set; }
    [YamlMember(Alias = "current-context", Order = 4)] public string? CurrentContext { get; set; }
    [YamlMember(Alias = "preferences", Order = 5)] public Dictionary<string, object>? Preferences { get; set; }
    [YamlMember(Alias = "users", Order = 6)] public List<NamedUserDoc>? Users { get; set; }
}

internal sealed class NamedClusterDoc
{
    [YamlMember(Alias = "name", Order = 0)] public string? Name { get; set; }
    [YamlMember(Alias = "cluster", Order = 1)] public ClusterDoc? Cluster { get; set; }
}

internal sealed class ClusterDoc
{
    [YamlMember(Alias = "server", Order = 0)] public string? Server { get; set; }
    [YamlMember(Alias = "tls-server-name", Order = 1)] public string? TlsServerName { get; set; }
    [YamlMember(Alias = "insecure-skip-tls-verify", Order = 2)] public bool? InsecureSkipTlsVerify { get; set; }
    [YamlMember(Alias = "certificate-authority", Order = 3)] public string? CertificateAuthority { get; set; }
    [YamlMember(Alias = "certificate-authority-data", Order = 4)] public string? CertificateAuthorityData { get; set; }
    [YamlMember(Alias = "proxy-url", Order = 5)] public string? ProxyUrl { get; set; }
    [YamlMember(Alias = "disable-compression", Order = 6)] public bool? DisableCompression { get; set; }
    [YamlMember(Alias = "extensions", Order = 7)] public List<object>? Extensions { get; set; }
}

internal sealed class NamedContextDoc
{
    [YamlMember(Alias = "name", Order = 0)] public string? Name { get; set; }
    [YamlMember(Alias = "context", Order = 1)] public ContextDoc? Context { get; set; }
}

internal sealed class ContextDoc
{
    [YamlMember(Alias = "cluster", Order = 0)] public string? Cluster { get; set; }
    [YamlMember(Alias = "user", Order = 1)] public string? User { get; set; }
    [YamlMember(Alias = "namespace", Order = 2)] public string? Namespace { get; set; }
    [YamlMember(Alias = "extensions", Order = 3)] public List<object>? Extensions { get; set; }
}

internal sealed class NamedUserDoc
{
    [YamlMember(Alias = "name", Order = 0)] public string? Name { get; set; }
    [YamlMember(Alias = "user", Order = 1)] public UserDoc? User { get; set; }
}

internal sealed class UserDoc
{
    [YamlMember(Alias = "client-certificate", Order = 0)] public string? ClientCertificate { get; set; }
    [YamlMember(Alias = "client-certificate-data", Order = 1)] public string? ClientCertificateData { get; set; }
    [YamlMember(Alias = "client-key", Order = 2)] public string? ClientKey { get; set; }
    [YamlMember(Alias = "client-key-data", Order = 3)] public string? ClientKeyData { get; set; }
    [YamlMember(Alias = "token", Order = 4)] public string? Token { get; set; }
    [YamlMember(Alias = "tokenFile", Order = 5)] public string? TokenFile { get; set; }
    [YamlMember(Alias = "username", Order = 6)] public string? Username { get; set; }
    [YamlMember(Alias = "password", Order = 7)] public string? Password { get; set; }
    [YamlMember(Alias = "exec", Order = 8)] public Dictionary<string, object>? Exec { get; set; }
    [YamlMember(Alias = "auth-provider", Order = 9)] public Dictionary<string, object>? AuthProvider { get; set; }
    [YamlMember(Alias = "as", Order = 10)] public string? Impersonate { get; set; }
    [YamlMember(Alias = "extensions", Order = 11)] public List<object>? Extensions { get; set; }
}
#pragma warning restore CA1812
