using Flotilla.Core.Karmada;

namespace Flotilla.Runtime.LeaderElection;

/// <summary>client-go's leader election knobs (defaults 15 s / 10 s / 2 s).</summary>
public sealed class LeaderElectionOptions
{
    public bool Enabled { get; set; }
    public string LeaseName { get; set; } = "flotilla-controller-manager";
    public string LeaseNamespace { get; set; } = WellKnownNamespaces.KarmadaSystem;
    /// <summary>This candidate's identity (unique per process).</summary>
    public string Identity { get; set; } = Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8];
    /// <summary>How long a non-renewed lease stays valid for the others.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>The leader gives up if it could not renew for this long.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Interval between acquire / renew attempts.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Clear the lease on shutdown so that another candidate takes over at once.</summary>
    public bool ReleaseOnCancel { get; set; } = true;

    public void Validate()
    {
        if (LeaseDuration <= RenewDeadline) throw new InvalidOperationException("leaseDuration must be greater than renewDeadline");
        if (RenewDeadline <= RetryPeriod) throw new InvalidOperationException("renewDeadline must be greater than retryPeriod");
        if (string.IsNullOrEmpty(Identity)) throw new InvalidOperationException("leader election identity must not be empty");
    }
}
