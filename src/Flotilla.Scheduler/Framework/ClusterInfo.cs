using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Framework;

/// <summary>An immutable snapshot of one member cluster as the scheduler sees it.</summary>
public sealed class ClusterInfo
{
    private static readonly Dictionary<string, string> NoLabels = new(StringComparer.Ordinal);

    public ClusterInfo(Cluster cluster)
    {
        Cluster = cluster;
        Name = cluster.Metadata.Name ?? "";
        Labels = cluster.Metadata.Labels ?? NoLabels;
    }

    public Cluster Cluster { get; }
    public string Name { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }
    public ClusterSpec Spec => Cluster.Spec;
    public ClusterStatus? Status => Cluster.Status;
    public bool IsDeleting => Cluster.Metadata.DeletionTimestamp is not null;

    public override string ToString() => Name;
}
