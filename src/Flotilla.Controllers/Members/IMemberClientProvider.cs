using Flotilla.Core.Client;

namespace Flotilla.Controllers.Members;

/// <summary>The API of a member cluster, by cluster name (push mode: built from the Cluster object and its Secret).</summary>
public interface IMemberClientProvider
{
    /// <summary>The client for <paramref name="clusterName"/>. Throws <see cref="MemberClusterUnavailableException"/>
    /// when the cluster is unknown or its credentials cannot be read.</summary>
    ValueTask<IKubeClient> GetAsync(string clusterName, CancellationToken ct);
}
