namespace Flotilla.Controllers.Clusters;

/// <summary>Settings of the cluster and cluster-status controllers (Karmada's controller-manager flags).</summary>
public sealed class ClusterControllerOptions
{
    /// <summary>--cluster-status-update-frequency: how often a Push cluster is probed and its status collected.</summary>
    public TimeSpan StatusUpdateFrequency { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>--cluster-failure-threshold: how long a not-ready observation must persist before Ready leaves True.</summary>
    public TimeSpan FailureThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>--cluster-success-threshold: how long a ready observation must persist before Ready becomes True again.</summary>
    public TimeSpan SuccessThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a health probe may take before the member counts as unreachable.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>--cluster-lease-duration: the duration written into the cluster Lease.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>--cluster-lease-renew-interval-fraction.</summary>
    public double LeaseRenewIntervalFraction { get; set; } = 0.25;

    /// <summary>--enable-cluster-resource-modeling: compute resourceSummary.allocatableModelings.</summary>
    public bool EnableResourceModeling { get; set; } = true;

    /// <summary>Concurrent status probes (--concurrent-cluster-syncs).</summary>
    public int StatusWorkers { get; set; } = 5;
}
