using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Controllers.Tests.Binding;

/// <summary>Fakes and object builders shared by the propagation controller tests.</summary>
public static class Fixture
{
    public static readonly ApiResource ClusterResourceBindings = new()
    {
        Group = KarmadaGroups.Work, Version = KarmadaGroups.V1Alpha2, Kind = "ClusterResourceBinding", Plural = "clusterresourcebindings",
        Singular = "clusterresourcebinding", Namespaced = false, HasStatus = true,
    };

    public static readonly ApiResource ClusterPropagationPolicies = new()
    {
        Group = KarmadaGroups.Policy, Version = KarmadaGroups.V1Alpha1, Kind = "ClusterPropagationPolicy", Plural = "clusterpropagationpolicies",
        Singular = "clusterpropagationpolicy", Namespaced = false,
    };

    public static readonly ApiResource OverridePolicies = new()
    {
        Group = KarmadaGroups.Policy, Version = KarmadaGroups.V1Alpha1, Kind = "OverridePolicy", Plural = "overridepolicies",
        Singular = "overridepolicy", Namespaced = true,
    };

    public static readonly ApiResource ClusterOverridePolicies = new()
    {
        Group = KarmadaGroups.Policy, Version = KarmadaGroups.V1Alpha1, Kind = "ClusterOverridePolicy", Plural = "clusteroverridepolicies",
        Singular = "clusteroverridepolicy", Namespaced = false,
    };

    public static readonly ApiResource Jobs = new()
    {
        Group = "batch", Version = "v1", Kind = "Job", Plural = "jobs", Singular = "job", Namespaced = true, HasStatus = true,
    };

    public static FakeKubeClient ControlPlane(TimeProvider? time = null) =>
        new([.. FakeResources.Defaults, ClusterResourceBindings, ClusterPropagationPolicies, OverridePolicies, ClusterOverridePolicies, Jobs,
            FakeResources.ServiceAccounts, FakeResources.PersistentVolumeClaims], time);

    public static FakeKubeClient Member(TimeProvider? time = null) =>
        new([.. FakeResources.Defaults, Jobs, FakeResources.ServiceAccounts, FakeResources.PersistentVolumeClaims], time);

    public static JsonObject Cluster(string name, Dictionary<string, string>? labels = null)
    {
        var c = KubeObject.Parse($$$"""
        {"apiVersion":"cluster.karmada.io/v1alpha1","kind":"Cluster","metadata":{"name":"{{{name}}}"},
         "spec":{"syncMode":"Push","apiEndpoint":"https://127.0.0.1:1"},
         "status":{"kubernetesVersion":"v1.31.0",
           "apiEnablements":[{"groupVersion":"apps/v1","resources":[{"name":"deployments","kind":"Deployment"}]},
                             {"groupVersion":"v1","resources":[{"name":"configmaps","kind":"ConfigMap"},{"name":"services","kind":"Service"},{"name":"namespaces","kind":"Namespace"}]}],
           "conditions":[{"type":"Ready","status":"True","reason":"ClusterReady","message":"cluster is healthy and ready to accept workloads","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}
        """);
        foreach (var (k, v) in labels ?? []) c.SetLabel(k, v);
        return c;
    }

    public static JsonObject Deployment(string name, int replicas, string image = "nginx", string ns = "default") => KubeObject.Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","namespace":"NS","labels":{"app":"nginx"}},
         "spec":{"replicas":999,"selector":{"matchLabels":{"app":"nginx"}},
           "template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"IMAGE"}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal).Replace("NS", ns, StringComparison.Ordinal)
        .Replace("999", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("IMAGE", image, StringComparison.Ordinal));

    public static JsonObject Policy(string name, string kind = "Deployment", string? targetName = null, string[]? clusters = null,
        int? priority = null, string ns = "default", string apiVersion = "apps/v1", string? id = null)
    {
        var selector = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        if (targetName is not null) selector["name"] = targetName;
        var placement = new JsonObject();
        if (clusters is not null)
            placement["clusterAffinity"] = new JsonObject { ["clusterNames"] = new JsonArray(clusters.Select(c => (JsonNode?)c).ToArray()) };
        var spec = new JsonObject { ["resourceSelectors"] = new JsonArray(selector), ["placement"] = placement };
        if (priority is not null) spec["priority"] = priority.Value;
        return new JsonObject
        {
            ["apiVersion"] = "policy.karmada.io/v1alpha1",
            ["kind"] = "PropagationPolicy",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { [WellKnownLabels.PropagationPolicyPermanentId] = id ?? Guid.NewGuid().ToString() },
            },
            ["spec"] = spec,
        };
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting for: " + what);
            await Task.Delay(1);
        }
    }
}
