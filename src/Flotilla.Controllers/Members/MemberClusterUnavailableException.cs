namespace Flotilla.Controllers.Members;

/// <summary>A member cluster cannot be reached: unknown Cluster, missing or unreadable credentials.</summary>
public sealed class MemberClusterUnavailableException(string clusterName, string message, Exception? inner = null)
    : Exception($"cluster {clusterName}: {message}", inner)
{
    public string ClusterName { get; } = clusterName;
}
