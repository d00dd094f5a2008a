using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Overrides;

/// <summary>
/// Decides whether a cluster matches a ClusterAffinity (overrideRules[].targetCluster). The scheduler's matcher can be
/// plugged in here; <see cref="ClusterAffinityMatcher"/> is a self-contained implementation of Karmada's rules.
/// </summary>
public interface IClusterMatcher
{
    /// <summary>True when <paramref name="cluster"/> matches <paramref name="clusterAffinity"/> (never called with null).</summary>
    bool Matches(JsonObject clusterAffinity, OverrideTargetCluster cluster);
}
