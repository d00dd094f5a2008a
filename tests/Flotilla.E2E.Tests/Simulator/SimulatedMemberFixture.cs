using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Simulator;

/// <summary>One <c>flotilla member</c> process shared by <see cref="SimulatedMemberTests"/>: three small nodes with
/// topology labels, a short pod start-up delay and one-second Job pods.</summary>
public sealed class SimulatedMemberFixture : IAsyncLifetime
{
    public const string Name = "sim-e2e";
    public const int Nodes = 3;
    public const string NodeCpu = "4";
    public const string NodeMemory = "16Gi";
    public const string NodePods = "50";
    public const string Region = "eu-west";
    public const string Zone = "eu-west-1a";
    public const string KubernetesVersion = "v1.30.2";

    public FlotillaMember Member { get; private set; } = null!;

    public async Task InitializeAsync() => Member = await FlotillaMember.StartAsync(Name,
    [
        "--nodes", Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--node-cpu", NodeCpu, "--node-memory", NodeMemory,
        "--node-pods", NodePods, "--region", Region, "--zone", Zone, "--kubernetes-version", KubernetesVersion,
        "--pod-startup-delay", "100ms", "--job-duration", "1s",
    ]);

    public async Task DisposeAsync()
    {
        if (Member is not null) await Member.DisposeAsync();
    }
}
