using Flotilla.Core;

namespace Flotilla.Simulator;

/// <summary>The shape of one simulated member cluster.</summary>
public sealed class MemberOptions
{
    public int Nodes { get; set; } = 3;
    public Quantity NodeCpu { get; set; } = Quantity.Parse("8");
    public Quantity NodeMemory { get; set; } = Quantity.Parse("32Gi");
    public int NodePods { get; set; } = 110;
    public Quantity NodeEphemeralStorage { get; set; } = Quantity.Parse("100Gi");
    /// <summary>Reported by /version and the nodes' kubeletVersion (minor 28..33).</summary>
    public string KubernetesVersion { get; set; } = "v1.31.0";
    public string? Region { get; set; }
    public string? Zone { get; set; }
    public string? Provider { get; set; }
    /// <summary>How long a scheduled pod takes to become Running and Ready.</summary>
    public TimeSpan PodStartupDelay { get; set; } = TimeSpan.FromMilliseconds(300);
    /// <summary>How long a Job's pod runs before it succeeds.</summary>
    public TimeSpan JobPodDuration { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Run the workload controllers (Deployments, ReplicaSets, pods, Jobs, Services, ...). False leaves a
    /// bare API server with nodes, namespaces' defaults and ServiceAccount tokens: workloads are stored and never run
    /// (their status stays empty), like a kube-apiserver without a controller manager or kubelets.</summary>
    public bool Workloads { get; set; } = true;
    /// <summary>Workers per simulated controller.</summary>
    public int Workers { get; set; } = 2;

    public MemberOptions Clone() => (MemberOptions)MemberwiseClone();
}
