using Flotilla.Controllers.Interpreter;
using Flotilla.Core;

namespace Flotilla.Controllers.Tests.Interpreter;

public class WorkManifestBuilderTests
{
    private static readonly string Template = """
        { "apiVersion": "apps/v1", "kind": "Deployment",
          "metadata": { "name": "nginx", "namespace": "default", "uid": "tmpl-uid", "generation": 3, "resourceVersion": "99",
                        "labels": { "app": "nginx", "propagationpolicy.karmada.io/permanent-id": "pp-id" },
                        "annotations": { "propagationpolicy.karmada.io/name": "pp", "propagationpolicy.karmada.io/namespace": "default" } },
          "spec": { "replicas": 1 }, "status": { "replicas": 1 } }
        """;

    [Fact]
    public void Build_NamespacedBinding_AddsKarmadaMetadataAndPrunes()
    {
        var template = J.O(Template);
        var before = template.ToJsonString();
        var work = WorkManifestBuilder.Build(template, new WorkManifestContext
        {
            BindingName = "nginx-deployment",
            BindingNamespace = "default",
            BindingPermanentId = "rb-id",
            ClusterName = "member1",
            WorkPermanentId = "work-id",
            AppliedOverrides = "[{\"policyName\":\"p\",\"overriders\":{}}]",
        });

        Assert.Equal("nginx-687f7fb96f", work.WorkName);
        Assert.Equal("karmada-es-member1", work.WorkNamespace);
        Assert.Equal("rb-id", work.WorkLabels["resourcebinding.karmada.io/permanent-id"]);
        Assert.Equal("default", work.WorkAnnotations["resourcebinding.karmada.io/namespace"]);
        Assert.Equal("nginx-deployment", work.WorkAnnotations["resourcebinding.karmada.io/name"]);
        Assert.Equal("abort", work.WorkAnnotations["work.karmada.io/conflict-resolution"]);
        Assert.Equal("[{\"policyName\":\"p\",\"overriders\":{}}]", work.WorkAnnotations["policy.karmada.io/applied-overrides"]);
        Assert.False(work.WorkAnnotations.ContainsKey("policy.karmada.io/applied-cluster-overrides"));

        var m = work.Manifest;
        Assert.Equal(
            """{"app":"nginx","propagationpolicy.karmada.io/permanent-id":"pp-id","resourcebinding.karmada.io/permanent-id":"rb-id","karmada.io/managed":"true","work.karmada.io/permanent-id":"work-id"}""",
            J.S(J.At(m, "metadata.labels")));
        var annotations = m.Annotations();
        Assert.Equal("3", annotations["resourcetemplate.karmada.io/generation"]);
        Assert.Equal("tmpl-uid", annotations["resourcetemplate.karmada.io/uid"]);
        Assert.Equal("nginx-687f7fb96f", annotations["work.karmada.io/name"]);
        Assert.Equal("karmada-es-member1", annotations["work.karmada.io/namespace"]);
        Assert.Equal("abort", annotations["work.karmada.io/conflict-resolution"]);
        Assert.Equal("default", annotations["resourcebinding.karmada.io/namespace"]);
        Assert.Equal("nginx-deployment", annotations["resourcebinding.karmada.io/name"]);
        Assert.Equal(
            "propagationpolicy.karmada.io/name,propagationpolicy.karmada.io/namespace,resourcebinding.karmada.io/name,resourcebinding.karmada.io/namespace," +
            "resourcetemplate.karmada.io/generation,resourcetemplate.karmada.io/managed-annotations,resourcetemplate.karmada.io/managed-labels," +
            "resourcetemplate.karmada.io/uid,work.karmada.io/conflict-resolution,work.karmada.io/name,work.karmada.io/namespace",
            annotations["resourcetemplate.karmada.io/managed-annotations"]);
        Assert.Equal("app,karmada.io/managed,propagationpolicy.karmada.io/permanent-id,resourcebinding.karmada.io/permanent-id,work.karmada.io/permanent-id",
            annotations["resourcetemplate.karmada.io/managed-labels"]);

        // Pruned server fields.
        Assert.Null(J.At(m, "metadata.uid"));
        Assert.Null(J.At(m, "metadata.resourceVersion"));
        Assert.Null(J.At(m, "metadata.generation"));
        Assert.Null(m["status"]);
        Assert.Equal(before, template.ToJsonString());
    }

    public static TheoryData<string?, string?, string> Conflicts => new()
    {
        // template annotation, binding policy value, expected
        { null, null, "abort" },
        { null, "Overwrite", "overwrite" },
        { null, "Abort", "abort" },
        { "overwrite", "Abort", "overwrite" },
        { "abort", "Overwrite", "abort" },
        { "bogus", "Overwrite", "overwrite" },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void ConflictResolution_TemplateAnnotationWins(string? annotation, string? binding, string expected)
    {
        var template = J.O("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"d"}}""");
        if (annotation is not null) template.SetAnnotation("work.karmada.io/conflict-resolution", annotation);
        var work = WorkManifestBuilder.Build(template, new WorkManifestContext { BindingName = "c-configmap", BindingNamespace = "d", ClusterName = "m", ConflictResolution = binding });
        Assert.Equal(expected, work.WorkAnnotations["work.karmada.io/conflict-resolution"]);
        Assert.Equal(expected, work.Manifest.Annotation("work.karmada.io/conflict-resolution"));
    }

    [Fact]
    public void Build_ClusterScopedBinding_UsesClusterResourceBindingKeys()
    {
        var ns = J.O("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a","generation":0}}""");
        var work = WorkManifestBuilder.Build(ns, new WorkManifestContext { BindingName = "team-a-namespace", BindingPermanentId = "crb-id", ClusterName = "m2" });
        Assert.Equal("crb-id", work.WorkLabels["clusterresourcebinding.karmada.io/permanent-id"]);
        Assert.Equal("team-a-namespace", work.WorkAnnotations["clusterresourcebinding.karmada.io/name"]);
        Assert.Equal("crb-id", work.Manifest.Label("clusterresourcebinding.karmada.io/permanent-id"));
        Assert.Null(work.Manifest.Annotation("resourcetemplate.karmada.io/generation"));
        Assert.StartsWith("team-a-", work.WorkName, StringComparison.Ordinal);
    }

    [Fact]
    public void StripKarmadaMetadata_RemovesKarmadaKeysAndThePolicyClaim()
    {
        // Karmada's execution controller (cleanupPolicyClaimMetadata): managed labels/annotations and, for a namespaced
        // object, the PropagationPolicy claim go; the template's own metadata and conflict-resolution stay.
        var work = WorkManifestBuilder.Build(J.O(Template), new WorkManifestContext { BindingName = "b", BindingNamespace = "default", BindingPermanentId = "id", ClusterName = "m" });
        var stripped = WorkManifestBuilder.StripKarmadaMetadata(work.Manifest);
        Assert.Equal("""{"app":"nginx"}""", J.S(J.At(stripped, "metadata.labels")));
        Assert.Equal("""{"work.karmada.io/conflict-resolution":"abort"}""", J.S(J.At(stripped, "metadata.annotations")));
    }

    [Fact]
    public void StripKarmadaMetadata_ClusterScoped_RemovesTheClusterPropagationPolicyClaim()
    {
        var ns = J.O("""
            {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a","labels":{"team":"a","clusterpropagationpolicy.karmada.io/permanent-id":"cpp-id","karmada.io/managed":"true"},
             "annotations":{"clusterpropagationpolicy.karmada.io/name":"cpp","owner":"me"}}}
            """);
        var stripped = WorkManifestBuilder.StripKarmadaMetadata(ns);
        Assert.Equal("""{"team":"a"}""", J.S(J.At(stripped, "metadata.labels")));
        Assert.Equal("""{"owner":"me"}""", J.S(J.At(stripped, "metadata.annotations")));
    }
}
