using System.Diagnostics;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Members;
using Flotilla.Core.Client;
using Flotilla.TestKit.Fakes;
using Xunit.Abstractions;

namespace Flotilla.Controllers.Tests.Binding;

/// <summary>Apply → object in both members, over in-memory fakes (the controllers' own overhead, no network).</summary>
public sealed class PropagationLatencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Propagation_OfTwentyDeployments_EachReachesBothMembers()
    {
        var cp = Fixture.ControlPlane();
        var m1 = Fixture.Member();
        var m2 = Fixture.Member();
        cp.Seed(Fixture.Cluster("m1"), Fixture.Cluster("m2"), Fixture.Policy("all", clusters: ["m1", "m2"]));
        var members = new StaticMemberClientProvider(new Dictionary<string, IKubeClient> { ["m1"] = m1, ["m2"] = m2 });
        await using var controllers = ControlPlaneControllers.Create(cp, members);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await controllers.StartAsync(cts.Token);
        await controllers.WaitForStartedAsync(cts.Token);

        var samples = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var name = "app-" + i;
            var sw = Stopwatch.StartNew();
            await cp.CreateAsync(FakeResources.Deployments.Gvr, Fixture.Deployment(name, 2), null, cts.Token);
            await Fixture.EventuallyAsync(() => m1.Peek(FakeResources.Deployments.Gvr, "default", name) is not null
                && m2.Peek(FakeResources.Deployments.Gvr, "default", name) is not null, name + " in both members");
            samples.Add(sw.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"first object (cold start): {samples[0]:F1} ms");
        samples.RemoveAt(0);
        samples.Sort();
        output.WriteLine($"propagation latency over fakes: p50 {samples[samples.Count / 2]:F1} ms, max {samples[^1]:F1} ms");
        Assert.Equal(19, samples.Count);
        await controllers.StopAsync(CancellationToken.None);
    }
}
