using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Propagation;

/// <summary>Scenario s07-crd-propagation: a CRD by ClusterPropagationPolicy, then a custom resource in its own namespace.</summary>
[Trait("Category", "E2E")]
[Collection(ScenarioFiles.Collection)]
public sealed class S07CrdPropagationTests : IAsyncLifetime
{
    private const string Scenario = "s07-crd-propagation";
    private static readonly string[] Members = ["aks-cluster-1", "aks-cluster-2"];
    private FlotillaUp _up = null!;

    public async Task InitializeAsync() => _up = await FlotillaUp.StartAsync(Members);

    public async Task DisposeAsync() => await _up.DisposeAsync();

    [Fact]
    public async Task Crd_then_git_repository_reach_both_members_with_their_namespace()
    {
        var k = _up.ControlPlane;
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "gitrepository-crd.yaml"));
        foreach (var m in Members)
            await _up.UntilAsync(async () => await _up.Member(m).GetAsync("crd", "gitrepositories.source.toolkit.fluxcd.io", "{.metadata.name}") is not null,
                $"the GitRepository CRD reaches {m}");

        await _up.UntilAsync(async () => (await k.RunAsync("apply", "-f", ScenarioFiles.Path(Scenario, "flux-repo.yaml"))).ExitCode == 0,
            "the control plane serves GitRepository (flux-repo.yaml applies)");
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "flux-propagation-policy.yaml"));
        foreach (var m in Members)
        {
            var member = _up.Member(m);
            await _up.UntilAsync(async () => await member.GetAsync("namespace", "flux-system", "{.status.phase}") == "Active",
                $"namespace flux-system is created in {m}");
            await _up.UntilAsync(async () => (await member.RunAsync("get", "gitrepositories.source.toolkit.fluxcd.io", "flux-repo", "-n", "flux-system",
                "-o", "jsonpath={.spec.url}")) is { ExitCode: 0 } r && r.Stdout.Trim() == "https://github.com/your-repo/your-flux-repo.git",
                $"GitRepository flux-system/flux-repo reaches {m}");
        }
    }
}
