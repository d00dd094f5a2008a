using System.Text.Json.Nodes;
using Flotilla.ApiServer.Schema;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Schema;

public sealed class SchemaRegistryTests
{
    private static readonly SchemaRegistry Registry = new();

    public static TheoryData<string, string, string> Kinds => new()
    {
        { "", "v1", "Pod" }, { "", "v1", "Service" }, { "", "v1", "ConfigMap" }, { "", "v1", "Secret" }, { "", "v1", "Namespace" },
        { "", "v1", "Node" }, { "", "v1", "ServiceAccount" }, { "", "v1", "ResourceQuota" }, { "", "v1", "Event" },
        { "apps", "v1", "Deployment" }, { "apps", "v1", "StatefulSet" }, { "apps", "v1", "DaemonSet" }, { "apps", "v1", "ReplicaSet" },
        { "batch", "v1", "Job" }, { "batch", "v1", "CronJob" }, { "networking.k8s.io", "v1", "Ingress" }, { "policy", "v1", "PodDisruptionBudget" },
        { "autoscaling", "v2", "HorizontalPodAutoscaler" }, { "autoscaling", "v1", "HorizontalPodAutoscaler" }, { "coordination.k8s.io", "v1", "Lease" }, { "discovery.k8s.io", "v1", "EndpointSlice" },
        { "rbac.authorization.k8s.io", "v1", "ClusterRole" }, { "rbac.authorization.k8s.io", "v1", "RoleBinding" }, { "events.k8s.io", "v1", "Event" },
        { "apiextensions.k8s.io", "v1", "CustomResourceDefinition" }, { "storage.k8s.io", "v1", "StorageClass" }, { "scheduling.k8s.io", "v1", "PriorityClass" },
        { "cluster.karmada.io", "v1alpha1", "Cluster" }, { "policy.karmada.io", "v1alpha1", "PropagationPolicy" },
        { "policy.karmada.io", "v1alpha1", "ClusterPropagationPolicy" }, { "policy.karmada.io", "v1alpha1", "OverridePolicy" },
        { "policy.karmada.io", "v1alpha1", "ClusterOverridePolicy" }, { "policy.karmada.io", "v1alpha1", "FederatedResourceQuota" },
        { "policy.karmada.io", "v1alpha1", "ClusterTaintPolicy" }, { "work.karmada.io", "v1alpha2", "ResourceBinding" },
        { "work.karmada.io", "v1alpha2", "ClusterResourceBinding" }, { "work.karmada.io", "v1alpha1", "ResourceBinding" },
        { "work.karmada.io", "v1alpha1", "ClusterResourceBinding" }, { "work.karmada.io", "v1alpha1", "Work" },
        { "config.karmada.io", "v1alpha1", "ResourceInterpreterCustomization" }, { "config.karmada.io", "v1alpha1", "ResourceInterpreterWebhookConfiguration" },
        { "networking.karmada.io", "v1alpha1", "MultiClusterService" }, { "networking.karmada.io", "v1alpha1", "MultiClusterIngress" },
        { "autoscaling.karmada.io", "v1alpha1", "FederatedHPA" }, { "autoscaling.karmada.io", "v1alpha1", "CronFederatedHPA" },
        { "apps.karmada.io", "v1alpha1", "WorkloadRebalancer" }, { "remedy.karmada.io", "v1alpha1", "Remedy" },
        { "multicluster.x-k8s.io", "v1alpha1", "ServiceExport" }, { "multicluster.x-k8s.io", "v1alpha1", "ServiceImport" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void OpenApiV2_EveryKind_FindableByGroupVersionKind(string group, string version, string kind)
    {
        var doc = Registry.OpenApiV2();
        var defs = (JsonObject)doc["definitions"]!;
        var found = defs.Where(d => HasGvk(d.Value as JsonObject, group, version, kind)).Select(d => d.Key).ToList();
        Assert.Single(found);
        AssertRefsResolve(defs, defs[found[0]]!, "#/definitions/");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void OpenApiV3_EveryKind_FindableThroughDiscovery(string group, string version, string kind)
    {
        var discovery = Registry.OpenApiV3Discovery();
        var path = group.Length == 0 ? "api/" + version : "apis/" + group + "/" + version;
        var url = discovery["paths"]![path]!["serverRelativeURL"]!.GetValue<string>();
        Assert.StartsWith("/openapi/v3/" + path + "?hash=", url, StringComparison.Ordinal);
        var doc = Registry.OpenApiV3(path)!;
        var schemas = (JsonObject)doc["components"]!["schemas"]!;
        var found = schemas.Where(d => HasGvk(d.Value as JsonObject, group, version, kind)).Select(d => d.Key).ToList();
        Assert.Single(found);
        AssertRefsResolve(schemas, schemas[found[0]]!, "#/components/schemas/");
        // kubectl decides whether the server validates fields by finding a PATCH operation for the GVK with a
        // fieldValidation query parameter.
        var patch = ((JsonObject)doc["paths"]!).Select(p => p.Value?["patch"]).OfType<JsonObject>()
            .Single(op => op["x-kubernetes-group-version-kind"]?["kind"]?.GetValue<string>() == kind);
        Assert.Contains(((JsonArray)patch["parameters"]!).OfType<JsonObject>(), p => p["name"]!.GetValue<string>() == "fieldValidation" && p["in"]!.GetValue<string>() == "query");
    }

    [Fact]
    public void Container_HasStrategicMergePatchMetadata()
    {
        var podSpec = Registry.GetDefinition("io.k8s.api.core.v1.PodSpec")!;
        var containers = (JsonObject)podSpec["properties"]!["containers"]!;
        Assert.Equal("name", containers["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        Assert.Equal("merge", containers["x-kubernetes-patch-strategy"]!.GetValue<string>());
        var container = Registry.GetDefinition("io.k8s.api.core.v1.Container")!;
        Assert.Equal("containerPort", container["properties"]!["ports"]!["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        Assert.Equal("mountPath", container["properties"]!["volumeMounts"]!["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        var meta = Registry.GetDefinition("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")!;
        Assert.Equal("uid", meta["properties"]!["ownerReferences"]!["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        Assert.Equal("set", meta["properties"]!["finalizers"]!["x-kubernetes-list-type"]!.GetValue<string>());
    }

    [Fact]
    public void V3_ReferenceWithDescription_IsWrappedInAllOf()
    {
        var doc = Registry.OpenApiV3("apis/apps/v1")!;
        var spec = doc["components"]!["schemas"]!["io.k8s.api.apps.v1.Deployment"]!["properties"]!["spec"]!;
        Assert.Equal("#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec", spec["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.NotNull(spec["description"]);
    }

    [Fact]
    public void KarmadaCustomResourceKinds_ArePublishedInline_AsTheirCrdsPublishThem()
    {
        // kubectl explain shows "placement <Object>" and "clusterAffinities <[]Object>" for a CRD, not Go type names.
        var doc = Registry.OpenApiV3("apis/policy.karmada.io/v1alpha1")!;
        var schemas = (JsonObject)doc["components"]!["schemas"]!;
        Assert.DoesNotContain(schemas, s => s.Key.StartsWith("io.karmada.policy.v1alpha1.Placement", StringComparison.Ordinal));
        var pp = schemas["io.karmada.policy.v1alpha1.PropagationPolicy"]!;
        var placement = pp["properties"]!["spec"]!["properties"]!["placement"]!.AsObject();
        Assert.Null(placement["$ref"]);
        Assert.Null(placement["allOf"]);
        Assert.Equal("object", placement["type"]!.GetValue<string>());
        Assert.Equal("Placement represents the rule for select clusters to propagate resources.", placement["description"]!.GetValue<string>());
        var terms = placement["properties"]!["clusterAffinities"]!;
        Assert.Equal("array", terms["type"]!.GetValue<string>());
        Assert.Equal("object", terms["items"]!["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", pp["properties"]!["metadata"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
        var quota = schemas["io.karmada.policy.v1alpha1.FederatedResourceQuota"]!["properties"]!["spec"]!["properties"]!["overall"]!["additionalProperties"]!;
        Assert.True(quota["x-kubernetes-int-or-string"]!.GetValue<bool>());

        // Cluster is served by Karmada's aggregated API server (Go types, named), and so are the built-in kinds.
        var cluster = Registry.OpenApiV3("apis/cluster.karmada.io/v1alpha1")!["components"]!["schemas"]!["com.github.karmada-io.karmada.pkg.apis.cluster.v1alpha1.Cluster"]!;
        Assert.NotNull(cluster["properties"]!["spec"]!["allOf"]);
        var v2 = (JsonObject)Registry.OpenApiV2()["definitions"]!;
        Assert.Null(v2["io.karmada.policy.v1alpha1.Placement"]);
        Assert.NotNull(v2["com.github.karmada-io.karmada.pkg.apis.cluster.v1alpha1.ClusterSpec"]);
        Assert.Equal("object", v2["io.karmada.policy.v1alpha1.PropagationPolicy"]!["properties"]!["spec"]!["properties"]!["placement"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void V2_QuantityAndIntOrString_UseKubernetesShapes()
    {
        var defs = Registry.OpenApiV2()["definitions"]!;
        Assert.Equal("string", defs["io.k8s.apimachinery.pkg.api.resource.Quantity"]!["type"]!.GetValue<string>());
        Assert.Equal("int-or-string", defs["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public void RegisterCrd_AddsKindColumnsAndGroupVersion_UnregisterRemovesThem()
    {
        var registry = new SchemaRegistry();
        var crd = TestManifests.Load("s07-crd-propagation/gitrepository-crd.yaml")[0];
        var gvk = new GroupVersionKind("source.toolkit.fluxcd.io", "v1beta1", "GitRepository");
        var hashBefore = registry.OpenApiV3Discovery()["paths"]!["api/v1"]!["serverRelativeURL"]!.GetValue<string>();

        registry.RegisterCrd(crd);

        Assert.True(registry.TryGetKind(gvk, out var kind));
        Assert.Equal("io.fluxcd.toolkit.source.v1beta1.GitRepository", kind.DefinitionName);
        Assert.Equal("gitrepositories", kind.Plural);
        Assert.True(kind.Namespaced);
        Assert.True(registry.IsCustomResource(gvk));
        var columns = registry.GetPrinterColumns(gvk)!;
        Assert.Equal(["URL", "Age"], columns.Select(c => c.Name));
        Assert.Equal(".spec.url", columns[0].JsonPath);
        Assert.NotNull(registry.OpenApiV3Discovery()["paths"]!["apis/source.toolkit.fluxcd.io/v1beta1"]);
        var v3 = registry.OpenApiV3("apis/source.toolkit.fluxcd.io/v1beta1")!;
        var schema = v3["components"]!["schemas"]!["io.fluxcd.toolkit.source.v1beta1.GitRepository"]!;
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", schema["properties"]!["metadata"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.NotNull(registry.OpenApiV2()["definitions"]!["io.fluxcd.toolkit.source.v1beta1.GitRepository"]);
        Assert.Equal(hashBefore, registry.OpenApiV3Discovery()["paths"]!["api/v1"]!["serverRelativeURL"]!.GetValue<string>());

        registry.UnregisterCrd(crd);

        Assert.False(registry.TryGetKind(gvk, out _));
        Assert.Null(registry.OpenApiV3Discovery()["paths"]!["apis/source.toolkit.fluxcd.io/v1beta1"]);
        Assert.Null(registry.OpenApiV3("apis/source.toolkit.fluxcd.io/v1beta1"));
        Assert.Null(registry.OpenApiV2()["definitions"]!["io.fluxcd.toolkit.source.v1beta1.GitRepository"]);
    }

    [Theory]
    [InlineData("apis/apps/v1", "Deployment", true)]
    [InlineData("api/v1", "ConfigMap", true)]
    [InlineData("apis/cluster.karmada.io/v1alpha1", "Cluster", true)]
    [InlineData("apis/policy.karmada.io/v1alpha1", "PropagationPolicy", false)]
    [InlineData("apis/work.karmada.io/v1alpha2", "ResourceBinding", false)]
    [InlineData("apis/multicluster.x-k8s.io/v1alpha1", "ServiceExport", false)]
    public void PatchContentTypes_StrategicMergeOnlyForCompiledInKinds(string path, string kind, bool strategic)
    {
        // kubectl apply sends a strategic merge patch only when the PATCH operation's request body lists that type.
        var doc = Registry.OpenApiV3(path)!;
        var patch = ((JsonObject)doc["paths"]!).Select(p => p.Value?["patch"]).OfType<JsonObject>()
            .Single(op => op["x-kubernetes-group-version-kind"]?["kind"]?.GetValue<string>() == kind);
        var content = (JsonObject)patch["requestBody"]!["content"]!;
        Assert.Equal(strategic, content.ContainsKey("application/strategic-merge-patch+json"));
        Assert.True(content.ContainsKey("application/merge-patch+json"));
        Assert.Equal(strategic, Registry.SupportsStrategicMerge(new GroupVersionKind(patch["x-kubernetes-group-version-kind"]!["group"]!.GetValue<string>(), patch["x-kubernetes-group-version-kind"]!["version"]!.GetValue<string>(), kind)));
    }

    [Fact]
    public void Crd_PatchHasNoStrategicMerge()
    {
        var registry = new SchemaRegistry();
        registry.RegisterCrd(TestManifests.Load("s07-crd-propagation/gitrepository-crd.yaml")[0]);
        Assert.False(registry.SupportsStrategicMerge(new GroupVersionKind("source.toolkit.fluxcd.io", "v1beta1", "GitRepository")));
        var v2 = registry.OpenApiV2();
        var consumes = (JsonArray)v2["paths"]!["/apis/source.toolkit.fluxcd.io/v1beta1/namespaces/{namespace}/gitrepositories/{name}"]!["patch"]!["consumes"]!;
        Assert.DoesNotContain(consumes, c => c!.GetValue<string>() == "application/strategic-merge-patch+json");
    }

    [Fact]
    public void FieldPatchMeta_ReadsStrategyAndMergeKey()
    {
        var deployment = Registry.GetRootSchema(new GroupVersionKind("apps", "v1", "Deployment"))!;
        var spec = Registry.FieldPatchMeta(deployment, "spec")!;
        Assert.False(spec.IsList);
        var template = Registry.FieldPatchMeta(spec.Schema, "template")!;
        var podSpec = Registry.FieldPatchMeta(template.Schema, "spec")!;
        var containers = Registry.FieldPatchMeta(podSpec.Schema, "containers")!;
        Assert.True(containers.IsList);
        Assert.Equal("merge", containers.Strategy);
        Assert.Equal("name", containers.MergeKey);
        Assert.Equal("map", containers.ListType);
        var ports = Registry.FieldPatchMeta(containers.Schema, "ports")!;
        Assert.Equal("containerPort", ports.MergeKey);
        var tolerations = Registry.FieldPatchMeta(podSpec.Schema, "tolerations")!;
        Assert.Null(tolerations.MergeKey);
        Assert.Equal("atomic", tolerations.ListType);
        var strategy = Registry.FieldPatchMeta(spec.Schema, "strategy")!;
        Assert.Equal("retainKeys", strategy.Strategy);
        Assert.Null(Registry.FieldPatchMeta(spec.Schema, "nope"));
        var labels = Registry.FieldPatchMeta(Registry.FieldPatchMeta(deployment, "metadata")!.Schema, "labels")!;
        Assert.Equal("string", labels.Schema["additionalProperties"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void AllDefinitions_ReferencesResolve()
    {
        var defs = (JsonObject)Registry.OpenApiV2()["definitions"]!;
        Assert.True(defs.Count > 200, "expected a broad set of definitions, got " + defs.Count);
        foreach (var (_, d) in defs) AssertRefsResolve(defs, d!, "#/definitions/");
        foreach (var path in ((JsonObject)Registry.OpenApiV3Discovery()["paths"]!).Select(p => p.Key))
        {
            var schemas = (JsonObject)Registry.OpenApiV3(path)!["components"]!["schemas"]!;
            foreach (var (_, d) in schemas) AssertRefsResolve(schemas, d!, "#/components/schemas/");
        }
    }

    [Fact]
    public void LegacyCrd_PreserveUnknownFields_KeepsEverything()
    {
        var kit = new AdmissionTestKit();
        kit.Admit(TestManifests.Yaml("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: olds.example.com}\nspec: {group: example.com, preserveUnknownFields: true, names: {kind: Old, plural: olds}, scope: Namespaced, versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object}}}}}]}"));
        var obj = TestManifests.Yaml("apiVersion: example.com/v1\nkind: Old\nmetadata: {name: o}\nspec: {x: 1}\nother: {y: 2}");
        Assert.Empty(kit.Admit(obj, "Strict"));
        Assert.Equal(2, obj["other"]!["y"]!.GetValue<long>());
    }

    private static bool HasGvk(JsonObject? def, string group, string version, string kind) =>
        def?["x-kubernetes-group-version-kind"] is JsonArray a && a.OfType<JsonObject>().Any(g =>
            g["group"]!.GetValue<string>() == group && g["version"]!.GetValue<string>() == version && g["kind"]!.GetValue<string>() == kind);

    private static void AssertRefsResolve(JsonObject all, JsonNode node, string prefix, HashSet<string>? seen = null)
    {
        seen ??= [];
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue v)
                {
                    var r = v.GetValue<string>();
                    Assert.StartsWith(prefix, r, StringComparison.Ordinal);
                    var name = r[prefix.Length..];
                    Assert.True(all.ContainsKey(name), "missing definition " + name);
                    if (seen.Add(name)) AssertRefsResolve(all, all[name]!, prefix, seen);
                }
                foreach (var (_, c) in o) if (c is not null) AssertRefsResolve(all, c, prefix, seen);
                break;
            case JsonArray a:
                foreach (var c in a) if (c is not null) AssertRefsResolve(all, c, prefix, seen);
                break;
            default:
                break;
        }
    }
}
