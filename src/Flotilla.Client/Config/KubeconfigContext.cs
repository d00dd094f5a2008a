namespace Flotilla.Client.Config;

/// <summary>One <c>contexts[]</c> entry of a kubeconfig: a cluster, a user and a default namespace.</summary>
public sealed record KubeconfigContext
{
    public required string Name { get; init; }
    public required string Cluster { get; init; }
    public required string User { get; init; }
    public string? Namespace { get; init; }
}
