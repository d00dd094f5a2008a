using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Members;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Controllers.Tests.Binding;

/// <summary>All controllers together over a fake control plane and two fake members: scenario s01's flow.</summary>
public sealed class PropagationEndToEndTests
{
    private static readonly GroupVersionResource Deployments = FakeResources.Deployments.Gvr;

    [Fact]
    public async Task S01_DeploymentAndPolicy_ReachBothMembers_AggregateStatus_AndGoAwayOnDelete()
    {
        var cp = Fixture.ControlPlane();
        var m1 = Fixture.Member();
        var m2 = Fixture.Member();
        cp.Seed(Fixture.Cluster("aks-cluster-1"), Fixture.Cluster("aks-cluster-2"));
        var members = new StaticMemberClientProvider(new Dictionary<string, IKubeClient> { ["aks-cluster-1"] = m1, ["aks-cluster-2"] = m2 });
        await using var controllers = ControlPlaneControllers.Create(cp, members);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await controllers.StartAsync(cts.Token);
        await controllers.WaitForStartedAsync(cts.Token);

        await cp.CreateAsync(Deployments, Fixture.Deployment("nginx-deployment", 3), null, cts.Token);
        await cp.CreateAsync(KarmadaResources.PropagationPolicies,
            Fixture.Policy("nginx-propagation", targetName: "nginx-deployment", clusters: ["aks-cluster-1", "aks-cluster-2"]), null, cts.Token);

        foreach (var m in new[] { m1, m2 })
            await Fixture.EventuallyAsync(() => m.Peek(Deployments, "default", "nginx-deployment")?["spec"]?["replicas"] is { } r && JsonValues.Long(r) == 3,
                "deployment with 3 replicas in each member");
        var inMember = m1.Peek(Deployments, "default", "nginx-deployment")!;
        Assert.Equal("true", inMember.Label(WellKnownLabels.Managed));
        Assert.Equal(Names.WorkName("Deployment", "nginx-deployment", "default"), inMember.Annotation(WellKnownAnnotations.WorkName));

        // Members report 3 ready replicas each: the template shows 6.
        foreach (var m in new[] { m1, m2 })
        {
            var live = m.Peek(Deployments, "default", "nginx-deployment")!;
            live["status"] = new JsonObject
            {
                ["observedGeneration"] = live.Generation(), ["replicas"] = 3, ["readyReplicas"] = 3, ["updatedReplicas"] = 3, ["availableReplicas"] = 3,
            };
            await m.UpdateAsync(Deployments, live, new WriteOptions { Subresource = "status" }, cts.Token);
        }
        await Fixture.EventuallyAsync(() => cp.Peek(Deployments, "default", "nginx-deployment")?["status"]?["readyReplicas"] is { } rr && JsonValues.Long(rr) == 6,
            "template status readyReplicas 6");
        var rb = cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment-deployment")!;
        await Fixture.EventuallyAsync(() => cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment-deployment") is { } b
            && Runtime.Objects.Conditions.IsTrue(b, BindingConditions.FullyApplied), "binding FullyApplied");
        Assert.NotNull(rb);

        // v2: new image reaches both members.
        var template = cp.Peek(Deployments, "default", "nginx-deployment")!;
        template["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:1.18.0";
        await cp.UpdateAsync(Deployments, template, null, cts.Token);
        foreach (var m in new[] { m1, m2 })
            await Fixture.EventuallyAsync(() => m.Peek(Deployments, "default", "nginx-deployment")?["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.GetValue<string>() == "nginx:1.18.0",
                "image nginx:1.18.0 in each member");

        // Delete: gone from both members, and the binding and Works are cleaned up.
        await cp.DeleteAsync(Deployments, "default", "nginx-deployment", null, cts.Token);
        foreach (var m in new[] { m1, m2 })
            await Fixture.EventuallyAsync(() => m.Peek(Deployments, "default", "nginx-deployment") is null, "deployment gone from each member");
        await Fixture.EventuallyAsync(() => cp.Objects(KarmadaResources.Works).All(w => w.Annotation(WellKnownAnnotations.ResourceBindingName) is null), "works gone");
        await Fixture.EventuallyAsync(() => cp.Peek(KarmadaResources.ResourceBindings, "default", "nginx-deployment-deployment") is null, "binding gone");
        await controllers.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task PreserveResourcesOnDeletion_FromPolicyThroughBindingToWork_KeepsTheMemberObjectWhenTheTemplateGoes()
    {
        var cp = Fixture.ControlPlane();
        var m1 = Fixture.Member();
        cp.Seed(Fixture.Cluster("m1"));
        await using var controllers = ControlPlaneControllers.Create(cp, new StaticMemberClientProvider(new Dictionary<string, IKubeClient> { ["m1"] = m1 }));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await controllers.StartAsync(cts.Token);
        await controllers.WaitForStartedAsync(cts.Token);

        var policy = Fixture.Policy("keep", targetName: "web", clusters: ["m1"], id: "keep-id");
        policy["spec"]!["preserveResourcesOnDeletion"] = true;
        await cp.CreateAsync(KarmadaResources.PropagationPolicies, policy, null, cts.Token);
        await cp.CreateAsync(Deployments, Fixture.Deployment("web", 2), null, cts.Token);

        await Fixture.EventuallyAsync(() => m1.Peek(Deployments, "default", "web") is not null, "web in m1");
        var rb = cp.Peek(KarmadaResources.ResourceBindings, "default", "web-deployment")!;
        Assert.True(JsonValues.True(rb["spec"]!["preserveResourcesOnDeletion"]), "the binding copies the policy's preserveResourcesOnDeletion");
        var workName = Names.WorkName("Deployment", "web", "default");
        Assert.True(JsonValues.True(cp.Peek(KarmadaResources.Works, "karmada-es-m1", workName)!["spec"]!["preserveResourcesOnDeletion"]),
            "the Work carries preserveResourcesOnDeletion");
        var managed = m1.Peek(Deployments, "default", "web")!;
        Assert.Equal("true", managed.Label(WellKnownLabels.Managed));
        Assert.Equal("keep-id", managed.Label(WellKnownLabels.PropagationPolicyPermanentId));

        // The template goes: binding and Work are deleted, the member object stays without Karmada's metadata.
        await cp.DeleteAsync(Deployments, "default", "web", null, cts.Token);
        await Fixture.EventuallyAsync(() => cp.Peek(KarmadaResources.Works, "karmada-es-m1", workName) is null, "the Work is deleted");
        await Fixture.EventuallyAsync(() => cp.Peek(KarmadaResources.ResourceBindings, "default", "web-deployment") is null, "the binding is deleted");
        var kept = m1.Peek(Deployments, "default", "web");
        Assert.NotNull(kept);
        Assert.Equal(2, JsonValues.Int(kept["spec"]!["replicas"]));
        Assert.Equal("nginx", kept.Label("app"));
        foreach (var label in new[] { WellKnownLabels.Managed, WellKnownLabels.ResourceBindingPermanentId, WellKnownLabels.WorkPermanentId, WellKnownLabels.PropagationPolicyPermanentId })
            Assert.Null(kept.Label(label));
        foreach (var annotation in new[] { WellKnownAnnotations.WorkName, WellKnownAnnotations.WorkNamespace, WellKnownAnnotations.ResourceTemplateUid, WellKnownAnnotations.PropagationPolicyName })
            Assert.Null(kept.Annotation(annotation));
        await controllers.StopAsync(CancellationToken.None);
    }

    /// <summary>All controllers: changing the policy's placement reschedules (the workload moves, Works of clusters no
    /// longer targeted go and so do their member objects), and scaling the template redistributes its replicas.</summary>
    [Fact]
    public async Task PolicyChangeAndScale_RescheduleAndRedistributeAcrossMembers()
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

        string Replicas(FakeKubeClient m) => m.Peek(Deployments, "default", "web")?["spec"]?["replicas"] is { } r ? JsonValues.Long(r)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
        Task UntilAsync(string inM1, string inM2, string because) =>
            Fixture.EventuallyAsync(() => Replicas(m1) == inM1 && Replicas(m2) == inM2, $"{because}: m1 {inM1}, m2 {inM2} (now {Replicas(m1)}, {Replicas(m2)})");

        await cp.CreateAsync(Deployments, Fixture.Deployment("web", 4), null, cts.Token);
        await cp.CreateAsync(KarmadaResources.PropagationPolicies, Fixture.Policy("web", targetName: "web", clusters: ["m1"]), null, cts.Token);
        await UntilAsync("4", "none", "duplicated to m1 only");

        // The policy now divides the replicas over both clusters with equal static weights.
        var policy = cp.Peek(KarmadaResources.PropagationPolicies, "default", "web")!;
        policy["spec"]!["placement"] = JsonNode.Parse("""
            {"clusterAffinity":{"clusterNames":["m1","m2"]},
             "replicaScheduling":{"replicaSchedulingType":"Divided","replicaDivisionPreference":"Weighted",
               "weightPreference":{"staticWeightList":[{"targetCluster":{"clusterNames":["m1"]},"weight":1},{"targetCluster":{"clusterNames":["m2"]},"weight":1}]}}}
            """);
        await cp.UpdateAsync(KarmadaResources.PropagationPolicies, policy, null, cts.Token);
        await UntilAsync("2", "2", "policy changed to divide over m1 and m2");

        // kubectl scale on the template: the binding's replicas follow and the scheduler divides them again.
        var template = cp.Peek(Deployments, "default", "web")!;
        template["spec"]!["replicas"] = 6;
        await cp.UpdateAsync(Deployments, template, null, cts.Token);
        await UntilAsync("3", "3", "scaled to 6");

        // The policy drops m1: its Work goes and so does the member object; m2 gets everything.
        policy = cp.Peek(KarmadaResources.PropagationPolicies, "default", "web")!;
        policy["spec"]!["placement"]!["clusterAffinity"] = JsonNode.Parse("""{"clusterNames":["m2"]}""");
        policy["spec"]!["placement"]!["replicaScheduling"]!["weightPreference"] = null;
        await cp.UpdateAsync(KarmadaResources.PropagationPolicies, policy, null, cts.Token);
        await UntilAsync("none", "6", "policy narrowed to m2");
        Assert.Null(cp.Peek(KarmadaResources.Works, "karmada-es-m1", Names.WorkName("Deployment", "web", "default")));
        await controllers.StopAsync(CancellationToken.None);
    }
}
