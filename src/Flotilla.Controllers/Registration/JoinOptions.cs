namespace Flotilla.Controllers.Registration;

/// <summary>What <see cref="ClusterRegistrar.JoinAsync"/> registers.</summary>
public sealed record JoinOptions
{
    /// <summary>The member's name in the control plane.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The member API server's address (the kubeconfig's server), written as spec.apiEndpoint.</summary>
    public required string ApiEndpoint { get; init; }

    /// <summary>The CA bundle (PEM) the control plane trusts for the member; from the kubeconfig, else the token secret's ca.crt.</summary>
    public byte[]? CaBundle { get; init; }

    /// <summary>spec.insecureSkipTLSVerification.</summary>
    public bool InsecureSkipTlsVerification { get; init; }

    /// <summary>spec.proxyURL.</summary>
    public string? ProxyUrl { get; init; }

    /// <summary>Namespace of the cluster secrets in the control plane and of the service accounts in the member (--cluster-namespace).</summary>
    public string ClusterNamespace { get; init; } = Core.Karmada.WellKnownNamespaces.KarmadaCluster;

    public string? Provider { get; init; }
    public string? Region { get; init; }
    public IReadOnlyList<string>? Zones { get; init; }

    /// <summary>How long to wait for the member's token controller to fill the service-account token secrets.</summary>
    public TimeSpan TokenTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an unreachable member may take to answer before join gives up.</summary>
    public TimeSpan ReachTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
