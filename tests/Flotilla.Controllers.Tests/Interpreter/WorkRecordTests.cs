using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Tests.Interpreter;

public class WorkRecordTests
{
    private const string KarmadaWork = """
        {"apiVersion":"work.karmada.io/v1alpha1","kind":"Work",
         "metadata":{"name":"nginx-687f7fb96f","namespace":"karmada-es-member1","finalizers":["karmada.io/execution-controller"]},
         "spec":{"workload":{"manifests":[{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"nginx"}}]},"suspendDispatching":true,"preserveResourcesOnDeletion":false},
         "status":{"conditions":[{"type":"Applied","status":"True","reason":"AppliedSuccessful","message":"Manifest has been successfully applied"}],
                   "manifestStatuses":[{"identifier":{"ordinal":0,"group":"apps","version":"v1","kind":"Deployment","resource":"deployments","namespace":"default","name":"nginx"},
                                        "status":{"replicas":2},"health":"Healthy"}]}}
        """;

    [Fact]
    public void Work_RoundTrips_WithKarmadaFieldNames()
    {
        var work = JsonSerializer.Deserialize<Work>(KarmadaWork, KubeObject.JsonOptions)!;
        Assert.Equal(true, work.Spec.SuspendDispatching);
        Assert.Equal("Deployment", work.Spec.Workload.Manifests![0].Kind());
        var ms = work.Status!.ManifestStatuses![0];
        Assert.Equal(("apps", "deployments", "Healthy"), (ms.Identifier.Group, ms.Identifier.Resource, ms.Health));
        Assert.Equal(WorkConditions.Applied, work.Status.Conditions![0]!["type"]!.GetValue<string>());

        var back = JsonSerializer.SerializeToNode(work, KubeObject.JsonOptions)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(KarmadaWork), back), back.ToJsonString());
    }

    [Fact]
    public void OverridePolicySpec_DeprecatedPair_BecomesSingleRule()
    {
        var spec = OverridePolicySpec.FromJson(JsonNode.Parse("""{"targetCluster":{"clusterNames":["a"]},"overriders":{"plaintext":[{"path":"/x","operator":"remove"}]}}"""));
        var rule = Assert.Single(spec.EffectiveRules);
        Assert.Equal("""{"clusterNames":["a"]}""", rule.TargetCluster!.ToJsonString());
        Assert.Equal("/x", rule.Overriders.Plaintext![0].Path);
        Assert.Single(OverridePolicySpec.FromJson(null).EffectiveRules);
    }
}
