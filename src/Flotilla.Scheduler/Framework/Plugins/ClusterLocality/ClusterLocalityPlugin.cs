namespace Flotilla.Scheduler.Framework.Plugins.ClusterLocality;

/// <summary>Score: 100 for clusters already in spec.clusters (when that list is non-empty), else 0.</summary>
public sealed class ClusterLocalityPlugin : IScorePlugin
{
    public const string PluginName = "ClusterLocality";

    public string Name => PluginName;

    public IScoreNormalizer? Normalizer => null;

    public long Score(in ScoreContext ctx, ClusterInfo cluster)
    {
        if (ctx.Spec.Clusters is not { Count: > 0 }) return ClusterScore.Min;
        return ctx.Spec.TargetContains(cluster.Name) ? ClusterScore.Max : ClusterScore.Min;
    }
}
