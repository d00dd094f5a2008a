using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Clusters;

/// <summary>
/// A control plane (<c>flotilla serve</c> with every controller, fast probes: status every 500 ms, failure and success
/// thresholds 1 s, cluster Lease of 2 s renewed every 500 ms) and one <c>flotilla member</c> process serving the
/// simulated members of <see cref="SimulatedMemberClusterTests"/> (4 nodes of 6 CPU, 12Gi, 40 pods each, v1.30.4).
/// Each test uses its own member, so the tests share the processes without sharing state.
/// </summary>
public sealed class SimulatedMemberFixture : IAsyncLifetime
{
    public const int Nodes = 4;
    public const int NodeCpuCores = 6;
    public const int NodeMemoryGi = 12;
    public const int NodePods = 40;
    public const string KubernetesVersion = "v1.30.4";
    public static readonly string[] MemberNames = ["sim-wide", "sim-out", "sim-aks", "sim-gone"];

    internal FlotillaCli.Server ControlPlane { get; private set; } = null!;
    internal FlotillaMember Members { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var cp = FlotillaCli.Server.StartAsync("--cluster-status-update-frequency", "500ms",
            "--cluster-failure-threshold", "1s", "--cluster-success-threshold", "1s", "--cluster-lease-duration", "2s");
        var members = FlotillaMember.StartAsync(MemberNames, ["--nodes", Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--node-cpu", NodeCpuCores.ToString(System.Globalization.CultureInfo.InvariantCulture), "--node-memory", NodeMemoryGi + "Gi", "--node-pods", NodePods.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--kubernetes-version", KubernetesVersion]);
        try
        {
            await Task.WhenAll(cp, members);
        }
        finally
        {
            // keep whichever started so DisposeAsync stops it even when the other failed
            if (cp.IsCompletedSuccessfully) ControlPlane = cp.Result;
            if (members.IsCompletedSuccessfully) Members = members.Result;
        }
    }

    public async Task DisposeAsync()
    {
        if (ControlPlane is not null) await ControlPlane.DisposeAsync();
        if (Members is not null) await Members.DisposeAsync();
    }
}
