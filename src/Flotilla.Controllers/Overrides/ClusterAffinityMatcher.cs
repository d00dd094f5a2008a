using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Overrides;

/// <summary>
/// Override rules' targetCluster matching with the scheduler's semantics: the affinity is read as Karmada's
/// ClusterAffinity and matched by <see cref="ClusterAffinityMatching"/> (Karmada's util.ClusterMatches). An affinity
/// that does not deserialise (a value of the wrong type) matches nothing.
/// </summary>
public sealed class ClusterAffinityMatcher : IClusterMatcher
{
    public static readonly ClusterAffinityMatcher Instance = new();

    public bool Matches(JsonObject clusterAffinity, OverrideTargetCluster cluster)
    {
        ClusterAffinity affinity;
        try
        {
            affinity = KarmadaJson.Deserialize<ClusterAffinity>(clusterAffinity);
        }
        catch (JsonException)
        {
            return false;
        }
        return ClusterAffinityMatching.Matches(affinity, cluster.Name, cluster.Labels, cluster.Provider, cluster.Region, cluster.Zones);
    }
}
