using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Overrides;

/// <summary>
/// Decides whether a cluster matches a ClusterAffinity (overrideRules[].targetCluster). The default,
/// <see cref="ClusterAffinityMatcher"/>, uses the scheduler's rules (Flotilla.Core.Karmada.ClusterAffinityMatching).
/// </summary>
public interface IClusterMatcher
{
    /// <summary>True when <paramref name="cluster"/> matches <paramref name="clusterAffinity"/> (never called with null).</summary>
    bool Matches(JsonObject clusterAffinity, OverrideTargetCluster cluster);
}
