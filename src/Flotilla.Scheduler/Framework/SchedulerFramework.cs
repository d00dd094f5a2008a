namespace Flotilla.Scheduler.Framework;

/// <summary>A failed filter for one cluster: which plugin said no, and why.</summary>
public sealed record FilterFailure(string Cluster, string Plugin, PluginResult Result);

/// <summary>Runs the enabled filter and score plugins over clusters.</summary>
public sealed class SchedulerFramework
{
    private readonly IFilterPlugin[] _filters;
    private readonly IScorePlugin[] _scores;

    public SchedulerFramework(IEnumerable<IFilterPlugin> filters, IEnumerable<IScorePlugin> scores)
    {
        _filters = [.. filters];
        _scores = [.. scores];
    }

    public IReadOnlyList<IFilterPlugin> FilterPlugins => _filters;
    public IReadOnlyList<IScorePlugin> ScorePlugins => _scores;

    /// <summary>Runs the filters in order and stops at the first one that does not succeed (as Karmada does).</summary>
    public FilterFailure? RunFilterPlugins(in FilterContext ctx, ClusterInfo cluster)
    {
        foreach (var f in _filters)
        {
            PluginResult r;
            try
            {
                r = f.Filter(in ctx, cluster);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                r = PluginResult.Error($"plugin {f.Name} failed: {ex.Message}");
            }
            if (!r.IsSuccess) return new FilterFailure(cluster.Name, f.Name, r);
        }
        return null;
    }

    /// <summary>
    /// Runs every score plugin (then its normalizer) and returns the per-cluster sum, in the order of
    /// <paramref name="clusters"/>. A plugin score outside 0..100 is an error.
    /// </summary>
    public long[] RunScorePlugins(in ScoreContext ctx, IReadOnlyList<ClusterInfo> clusters)
    {
        var totals = new long[clusters.Count];
        if (_scores.Length == 0) return totals;
        var buffer = new ClusterScore[clusters.Count];
        foreach (var plugin in _scores)
        {
            for (var i = 0; i < clusters.Count; i++)
                buffer[i] = new ClusterScore(clusters[i], plugin.Score(in ctx, clusters[i]));
            plugin.Normalizer?.Normalize(in ctx, buffer);
            for (var i = 0; i < buffer.Length; i++)
            {
                var s = buffer[i].Score;
                if (s is < ClusterScore.Min or > ClusterScore.Max)
                    throw new InvalidOperationException(
                        $"plugin {plugin.Name} returns an invalid score {s} for cluster {buffer[i].Cluster.Name}, it should in the range of [{ClusterScore.Min}, {ClusterScore.Max}] after normalizing");
                totals[i] += s;
            }
        }
        return totals;
    }
}
