using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Schema;

/// <summary>Every manifest of every user scenario (copied verbatim into TestData) passes admission under Strict
/// field validation, as kubectl apply sends it.</summary>
public sealed class ScenarioManifestsTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in TestManifests.AllFiles()) data.Add(f);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ScenarioManifest_PassesAdmission_Strict(string file)
    {
        var kit = new AdmissionTestKit();
        // CRDs first, as a user applies the CRD before its objects.
        foreach (var crdFile in TestManifests.AllFiles())
            foreach (var o in TestManifests.Load(crdFile).Where(o => o.Kind() == "CustomResourceDefinition"))
                kit.Admit(o);
        var objects = TestManifests.Load(file);
        Assert.NotEmpty(objects);
        foreach (var obj in objects)
        {
            var before = obj.DeepClone();
            var warnings = kit.Admit(obj);
            Assert.Empty(warnings);
            Assert.NotNull(obj["metadata"]);
            _ = before;
        }
    }

    [Fact]
    public void ScenarioFiles_AllCopied()
    {
        Assert.True(TestManifests.AllFiles().Count >= 30, "expected every scenario manifest under TestData");
    }

    [Fact]
    public void SeedExtensions_ArePreserved()
    {
        var kit = new AdmissionTestKit();
        var canary = TestManifests.Load("s10-seed-extensions/canary-deployment-policy.yaml")[0];
        kit.Admit(canary);
        Assert.Equal("RollingUpdate", canary["spec"]!["placement"]!["schedulerStrategy"]!["type"]!.GetValue<string>());
        Assert.Equal(1, canary["spec"]!["placement"]!["schedulerStrategy"]!["rollingUpdate"]!["maxSurge"]!.GetValue<long>());
        var noProd = TestManifests.Load("s10-seed-extensions/no-prod-deployment-policy.yaml")[0];
        kit.Admit(noProd);
        Assert.Equal("prod-cluster", noProd["spec"]!["placement"]!["clusterAntiAffinity"]!["clusterNames"]![0]!.GetValue<string>());
    }

    [Fact]
    public void DeclarativeCluster_DefaultsPushAndSecretNamespace()
    {
        var kit = new AdmissionTestKit();
        var cluster = TestManifests.Load("s06-declarative-cluster/aks-cluster.yaml")[0];
        kit.Admit(cluster);
        Assert.Equal("Push", cluster["spec"]!["syncMode"]!.GetValue<string>());
        Assert.Equal("karmada-system", cluster["spec"]!["secretRef"]!["namespace"]!.GetValue<string>());
        Assert.Equal(9, ((JsonArray)cluster["spec"]!["resourceModels"]!).Count);
    }
}
