using Flotilla.Client;
using Flotilla.Core.Client;

namespace Flotilla.Controllers.Clusters;

/// <summary>The non-resource calls the status controller makes on a member: health and version.</summary>
public interface IClusterProbe
{
    /// <summary>/readyz (falling back to /healthz on 404); never throws for network or server failures.</summary>
    Task<HealthProbeResult> ProbeHealthAsync(IKubeClient member, CancellationToken ct);

    /// <summary>/version's gitVersion.</summary>
    Task<string> GetVersionAsync(IKubeClient member, CancellationToken ct);
}

/// <summary><see cref="IClusterProbe"/> over <see cref="KubeRestClient"/> (the member clients of push clusters).</summary>
public sealed class RestClusterProbe : IClusterProbe
{
    public static RestClusterProbe Instance { get; } = new();

    public Task<HealthProbeResult> ProbeHealthAsync(IKubeClient member, CancellationToken ct) =>
        member is KubeRestClient rest
            ? rest.ProbeHealthAsync(ct)
            : throw new NotSupportedException($"cannot probe the health of a {member.GetType().Name}");

    public async Task<string> GetVersionAsync(IKubeClient member, CancellationToken ct) =>
        member is KubeRestClient rest
            ? (await rest.GetVersionAsync(ct).ConfigureAwait(false)).GitVersion
            : throw new NotSupportedException($"cannot read the version of a {member.GetType().Name}");
}
