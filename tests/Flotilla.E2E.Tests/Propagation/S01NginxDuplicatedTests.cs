using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Propagation;

/// <summary>Scenario s01-nginx-duplicated: a Deployment duplicated to aks-cluster-1 and aks-cluster-2.</summary>
[Trait("Category", "E2E")]
[Collection(ScenarioFiles.Collection)]
public sealed class S01NginxDuplicatedTests : IAsyncLifetime
{
    private const string Scenario = "s01-nginx-duplicated";
    private static readonly string[] Members = ["aks-cluster-1", "aks-cluster-2"];
    private FlotillaUp _up = null!;

    public async Task InitializeAsync() => _up = await FlotillaUp.StartAsync(Members);

    public async Task DisposeAsync() => await _up.DisposeAsync();

    [Fact]
    public async Task Deployment_is_duplicated_updated_aggregated_and_deleted_in_both_members()
    {
        var k = _up.ControlPlane;
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "nginx-deployment.yaml"));
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "nginx-policy.yaml"));

        foreach (var m in Members)
            await _up.UntilAsync(async () => await _up.Member(m).GetAsync("deployment", "nginx-deployment", "{.spec.replicas}", "default") == "3",
                $"{m} has default/nginx-deployment with 3 replicas");

        await _up.UntilAsync(async () =>
        {
            var table = await k.OkAsync("get", "deployment", "nginx-deployment");
            var row = table.Split('\n').Single(l => l.StartsWith("nginx-deployment", StringComparison.Ordinal));
            return row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == "6/3";
        }, "the control plane shows READY 6/3");

        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "nginx-deployment-v2.yaml"));
        foreach (var m in Members)
            await _up.UntilAsync(async () => await _up.Member(m).GetAsync("deployment", "nginx-deployment",
                "{.spec.template.spec.containers[0].image}", "default") == "nginx:1.18.0", $"{m} moves to nginx:1.18.0");

        await k.OkAsync("delete", "-f", ScenarioFiles.Path(Scenario, "nginx-deployment.yaml"));
        foreach (var m in Members)
            await _up.UntilAsync(() => _up.Member(m).IsGoneAsync("deployment", "nginx-deployment", "default"),
                $"nginx-deployment disappears from {m}");
    }
}
