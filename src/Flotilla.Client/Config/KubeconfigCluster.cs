namespace Flotilla.Client.Config;

/// <summary>One <c>clusters[]</c> entry of a kubeconfig. Data fields hold the decoded bytes (PEM), not base64.</summary>
public sealed record KubeconfigCluster
{
    public required string Name { get; init; }
    public required string Server { get; init; }
    /// <summary>Path of a PEM CA bundle; relative paths are resolved against <see cref="BaseDirectory"/>.</summary>
    public string? CertificateAuthority { get; init; }
    public byte[]? CertificateAuthorityData { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public string? TlsServerName { get; init; }
    public string? ProxyUrl { get; init; }
    public bool DisableCompression { get; init; }
    /// <summary>Directory of the file this entry was read from (for relative paths); null when built in code.</summary>
    public string? BaseDirectory { get; init; }
}
