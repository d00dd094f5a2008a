namespace Flotilla.Scheduler.Framework;

/// <summary>A cluster's score from one plugin or in total.</summary>
public record struct ClusterScore(ClusterInfo Cluster, long Score)
{
    public const long Min = 0;
    public const long Max = 100;
}
