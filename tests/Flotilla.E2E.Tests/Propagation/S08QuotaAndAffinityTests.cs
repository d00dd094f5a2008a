using System.Globalization;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Propagation;

/// <summary>
/// Scenario s08-quota-and-affinity: a ResourceQuota to two clusters, a workload pinned to gpu-cluster, and an Aggregated
/// workload that follows the free capacity (clusters of different shapes; capacity changed with <c>flotilla sim</c>,
/// rescheduling triggered through the binding's spec.rescheduleTriggeredAt).
/// </summary>
[Trait("Category", "E2E")]
[Collection(ScenarioFiles.Collection)]
public sealed class S08QuotaAndAffinityTests : IAsyncLifetime
{
    private const string Scenario = "s08-quota-and-affinity";
    private static readonly string[] Members = ["aks-cluster-1", "aks-cluster-2", "gpu-cluster"];
    private FlotillaUp _up = null!;

    public async Task InitializeAsync() => _up = await FlotillaUp.StartAsync(Members,
    [
        "--member-shape", "aks-cluster-1:nodes=1,cpu=2,memory=64Gi",
        "--member-shape", "aks-cluster-2:nodes=1,cpu=4,memory=64Gi",
        "--member-shape", "gpu-cluster:nodes=1,cpu=16,memory=64Gi",
        "--cluster-status-update-frequency", "1s",
    ]);

    public async Task DisposeAsync() => await _up.DisposeAsync();

    private async Task<string> ReplicasAsync(string member, string name)
    {
        var r = await _up.Member(member).RunAsync("get", "deployment", name, "-n", "default", "-o", "jsonpath={.spec.replicas}");
        if (r.ExitCode == 0) return r.Stdout.Trim();
        return r.Stderr.Contains("NotFound", StringComparison.Ordinal) ? "none" : throw new InvalidOperationException(r.ToString());
    }

    private async Task<string[]> PlacementAsync(string name) =>
        await Task.WhenAll(Members.Select(m => ReplicasAsync(m, name)));

    [Fact]
    public async Task Quota_affinity_and_aggregated_placement_follow_policies_and_capacity()
    {
        var k = _up.ControlPlane;
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "default-quota.yaml"));
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "gpu-workload.yaml"));
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "background-service.yaml"));

        foreach (var m in new[] { "aks-cluster-1", "aks-cluster-2" })
            await _up.UntilAsync(async () => await _up.Member(m).GetAsync("resourcequota", "default-quota", "{.spec.hard.requests\\.cpu}", "default") == "10",
                $"default-quota reaches {m}");
        await _up.UntilAsync(async () => (await PlacementAsync("gpu-workload")).SequenceEqual(["none", "none", "2"]),
            "gpu-workload runs only in gpu-cluster, 2 replicas");
        await _up.UntilAsync(async () => (await PlacementAsync("background-service")).SequenceEqual(["none", "none", "1"]),
            "background-service lands in gpu-cluster, the cluster with the most free CPU");
        Assert.True(await _up.Member("gpu-cluster").IsGoneAsync("resourcequota", "default-quota", "default"), "default-quota stays out of gpu-cluster");

        // gpu-cluster shrinks, aks-cluster-1 grows: once the control plane sees it, a triggered reschedule moves the workload.
        foreach (var (name, cpu) in new[] { ("gpu-cluster", "1"), ("aks-cluster-1", "32") })
        {
            var sim = await _up.RunCliAsync("sim", name, "capacity", "--cpu", cpu, "--data-dir", _up.DataDir);
            Assert.True(sim.ExitCode == 0, sim.ToString());
        }
        await _up.UntilAsync(async () => await k.GetAsync("cluster", "aks-cluster-1", "{.status.resourceSummary.allocatable.cpu}") == "32"
                && await k.GetAsync("cluster", "gpu-cluster", "{.status.resourceSummary.allocatable.cpu}") == "1",
            "the control plane sees the new capacities");
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await k.OkAsync("patch", "resourcebinding", "background-service-deployment", "-n", "default", "--type", "merge",
            "-p", "{\"spec\":{\"rescheduleTriggeredAt\":\"" + now + "\"}}");
        await _up.UntilAsync(async () => (await PlacementAsync("background-service")).SequenceEqual(["1", "none", "none"]),
            "after the reschedule background-service runs in aks-cluster-1, now the cluster with the most free CPU");
    }
}
