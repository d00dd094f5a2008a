namespace Flotilla.Scheduler.Framework;

/// <summary>A scheduler plugin. Plugins are pure: no I/O, no clock, no async.</summary>
public interface IPlugin
{
    /// <summary>Karmada's plugin name, as used by <c>--plugins</c>.</summary>
    string Name { get; }
}

/// <summary>Decides whether a cluster may receive the binding.</summary>
public interface IFilterPlugin : IPlugin
{
    PluginResult Filter(in FilterContext ctx, ClusterInfo cluster);
}

/// <summary>Scores a feasible cluster, 0..100 (<see cref="ClusterScore.Min"/>..<see cref="ClusterScore.Max"/>).</summary>
public interface IScorePlugin : IPlugin
{
    long Score(in ScoreContext ctx, ClusterInfo cluster);

    /// <summary>Optional normalizer run over this plugin's scores of all clusters.</summary>
    IScoreNormalizer? Normalizer { get; }
}

/// <summary>Rescales one plugin's scores in place (Karmada's ScoreExtensions.NormalizeScore).</summary>
public interface IScoreNormalizer
{
    void Normalize(in ScoreContext ctx, Span<ClusterScore> scores);
}
