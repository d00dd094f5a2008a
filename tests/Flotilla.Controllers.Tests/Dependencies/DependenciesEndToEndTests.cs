using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Members;
using Flotilla.Controllers.Tests.Binding;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Controllers.Tests.Dependencies;

public sealed class DependenciesEndToEndTests
{
    private static readonly GroupVersionResource Deployments = FakeResources.Deployments.Gvr;
    private static readonly GroupVersionResource ConfigMaps = FakeResources.ConfigMaps.Gvr;

    [Fact]
    public async Task PropagateDeps_ConfigMapFollowsTheWorkload_AndIsRemovedWhenNoLongerReferenced()
    {
        var cp = Fixture.ControlPlane();
        var m1 = Fixture.Member();
        var m2 = Fixture.Member();
        cp.Seed(Fixture.Cluster("m1"), Fixture.Cluster("m2"));
        var members = new StaticMemberClientProvider(new Dictionary<string, IKubeClient> { ["m1"] = m1, ["m2"] = m2 });
        await using var controllers = ControlPlaneControllers.Create(cp, members);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await controllers.StartAsync(cts.Token);
        await controllers.WaitForStartedAsync(cts.Token);

        await cp.CreateAsync(ConfigMaps, KubeObject.Parse("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"redis-config","namespace":"default"},"data":{"a":"b"}}
            """), null, cts.Token);
        var deployment = Fixture.Deployment("redis", 1);
        deployment["spec"]!["template"]!["spec"]!["volumes"] = new JsonArray(new JsonObject
        {
            ["name"] = "config", ["configMap"] = new JsonObject { ["name"] = "redis-config" },
        });
        await cp.CreateAsync(Deployments, deployment, null, cts.Token);
        var policy = Fixture.Policy("redis", targetName: "redis", clusters: ["m1"]);
        policy["spec"]!["propagateDeps"] = true;
        await cp.CreateAsync(KarmadaResources.PropagationPolicies, policy, null, cts.Token);

        await Fixture.EventuallyAsync(() => m1.Peek(Deployments, "default", "redis") is not null, "redis in m1");
        await Fixture.EventuallyAsync(() => m1.Peek(ConfigMaps, "default", "redis-config") is not null, "redis-config in m1");
        Assert.Null(m2.Peek(ConfigMaps, "default", "redis-config"));
        var attached = cp.Peek(KarmadaResources.ResourceBindings, "default", "redis-config-configmap")!;
        Assert.Equal("redis-deployment", attached["spec"]!["requiredBy"]![0]!["name"]!.GetValue<string>());
        Assert.NotNull(cp.Peek(KarmadaResources.ResourceBindings, "default", "redis-deployment")!.Annotation(WellKnownAnnotations.BindingDependencies));

        // The workload stops referencing the ConfigMap: its attached binding and the member copy go away.
        var live = cp.Peek(Deployments, "default", "redis")!;
        ((JsonObject)live["spec"]!["template"]!["spec"]!).Remove("volumes");
        await cp.UpdateAsync(Deployments, live, null, cts.Token);
        await Fixture.EventuallyAsync(() => cp.Peek(KarmadaResources.ResourceBindings, "default", "redis-config-configmap") is null, "attached binding removed");
        await Fixture.EventuallyAsync(() => m1.Peek(ConfigMaps, "default", "redis-config") is null, "redis-config removed from m1");
        await controllers.StopAsync(CancellationToken.None);
    }
}
