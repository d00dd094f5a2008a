namespace Flotilla.Client.Config;

/// <summary>One <c>users[]</c> entry of a kubeconfig. Data fields hold the decoded bytes (PEM), not base64.</summary>
public sealed record KubeconfigUser
{
    public required string Name { get; init; }
    public string? Token { get; init; }
    /// <summary>Path of a file holding the bearer token; re-read periodically (projected service-account tokens rotate).</summary>
    public string? TokenFile { get; init; }
    public string? ClientCertificate { get; init; }
    public byte[]? ClientCertificateData { get; init; }
    public string? ClientKey { get; init; }
    public byte[]? ClientKeyData { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    /// <summary>The entry uses an exec credential plugin (not supported: a client built from it throws).</summary>
    public bool HasExec { get; init; }
    /// <summary>The entry uses a legacy auth-provider (not supported: a client built from it throws).</summary>
    public string? AuthProvider { get; init; }
    public string? BaseDirectory { get; init; }
}
