using Flotilla.Controllers.Interpreter;

namespace Flotilla.Controllers.Tests.Interpreter;

public class RetainTests
{
    private static readonly ResourceInterpreter Interpreter = new();

    [Fact]
    public void Retain_GenericMetadata_KeepsMemberOwnedFields()
    {
        var desired = J.O("""
            { "apiVersion": "v1", "kind": "ConfigMap",
              "metadata": { "name": "c", "namespace": "d", "labels": { "app": "x", "shared": "desired" }, "annotations": { "a": "1" } },
              "data": { "k": "v" } }
            """);
        var observed = J.O("""
            { "apiVersion": "v1", "kind": "ConfigMap",
              "metadata": { "name": "c", "namespace": "d", "resourceVersion": "42", "finalizers": ["member/f"],
                            "ownerReferences": [ { "kind": "X", "name": "o" } ],
                            "labels": { "app": "x", "shared": "member", "added-by-member": "yes", "removed-from-template": "old" },
                            "annotations": { "a": "0", "member-note": "n", "gone": "g",
                                             "resourcetemplate.karmada.io/managed-annotations": "a,gone,resourcetemplate.karmada.io/managed-annotations,resourcetemplate.karmada.io/managed-labels",
                                             "resourcetemplate.karmada.io/managed-labels": "app,removed-from-template,shared" } },
              "data": { "k": "member" } }
            """);
        var before = desired.ToJsonString();
        var retained = Interpreter.Retain(desired, observed);

        Assert.Equal("42", J.At(retained, "metadata.resourceVersion")!.GetValue<string>());
        Assert.Equal("""["member/f"]""", J.S(J.At(retained, "metadata.finalizers")));
        Assert.Equal("""[{"kind":"X","name":"o"}]""", J.S(J.At(retained, "metadata.ownerReferences")));
        Assert.Equal("""{"app":"x","shared":"desired","added-by-member":"yes"}""", J.S(J.At(retained, "metadata.labels")));
        Assert.Equal("""{"a":"1","member-note":"n"}""", J.S(J.At(retained, "metadata.annotations")));
        Assert.Equal("""{"k":"v"}""", J.S(retained["data"]));
        Assert.Equal(before, desired.ToJsonString());
    }

    public static TheoryData<string, string, string, string, string?> KindCases => new()
    {
        // name, desired, observed, path checked, expected JSON at path
        {
            "deployment keeps member replicas when retain-replicas=true",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","labels":{"resourcetemplate.karmada.io/retain-replicas":"true"}},"spec":{"replicas":2}}""",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":7}}""",
            "spec.replicas", "7"
        },
        {
            "deployment without the label keeps desired replicas",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":2}}""",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":7}}""",
            "spec.replicas", "2"
        },
        {
            "service keeps clusterIP",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"LoadBalancer"}}""",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"clusterIP":"10.0.0.5","clusterIPs":["10.0.0.5"],"healthCheckNodePort":31000}}""",
            "spec", """{"type":"LoadBalancer","healthCheckNodePort":31000,"clusterIP":"10.0.0.5","clusterIPs":["10.0.0.5"]}"""
        },
        {
            "service account keeps generated secrets",
            """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa"}}""",
            """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa"},"secrets":[{"name":"sa-token-x"}]}""",
            "secrets", """[{"name":"sa-token-x"}]"""
        },
        {
            "service account with own secrets keeps them",
            """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa"},"secrets":[{"name":"mine"}]}""",
            """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa"},"secrets":[{"name":"sa-token-x"}]}""",
            "secrets", """[{"name":"mine"}]"""
        },
        {
            "pvc keeps volumeName",
            """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"p"},"spec":{}}""",
            """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"p"},"spec":{"volumeName":"pv-1"}}""",
            "spec.volumeName", "\"pv-1\""
        },
        {
            "pv keeps claimRef",
            """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv"},"spec":{}}""",
            """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv"},"spec":{"claimRef":{"name":"c"}}}""",
            "spec.claimRef", """{"name":"c"}"""
        },
        {
            "job keeps generated selector and template labels",
            """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"spec":{"template":{"metadata":{"labels":{"app":"j"}}}}}""",
            """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"spec":{"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u"}},"template":{"metadata":{"labels":{"app":"j","batch.kubernetes.io/controller-uid":"u"}}}}}""",
            "spec", """{"template":{"metadata":{"labels":{"app":"j","batch.kubernetes.io/controller-uid":"u"}}},"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u"}}}"""
        },
        {
            "service-account token secret keeps data and uid annotation",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"t"},"type":"kubernetes.io/service-account-token"}""",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"t","annotations":{"kubernetes.io/service-account.uid":"123"}},"type":"kubernetes.io/service-account-token","data":{"token":"abc"}}""",
            "data", """{"token":"abc"}"""
        },
        {
            "opaque secret data is not retained",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"t"},"type":"Opaque","data":{"a":"b"}}""",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"t"},"type":"Opaque","data":{"a":"member"}}""",
            "data", """{"a":"b"}"""
        },
        {
            "pod keeps nodeName, serviceAccountName, volumes and volumeMounts",
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x"}],"initContainers":[{"name":"i","image":"y"}]}}""",
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"nodeName":"n1","serviceAccountName":"default","volumes":[{"name":"kube-api"}],"containers":[{"name":"c","volumeMounts":[{"name":"kube-api","mountPath":"/var"}]}],"initContainers":[{"name":"i","volumeMounts":[{"name":"kube-api","mountPath":"/x"}]}]}}""",
            "spec", """{"containers":[{"name":"c","image":"x","volumeMounts":[{"name":"kube-api","mountPath":"/var"}]}],"initContainers":[{"name":"i","image":"y","volumeMounts":[{"name":"kube-api","mountPath":"/x"}]}],"nodeName":"n1","serviceAccountName":"default","volumes":[{"name":"kube-api"}]}"""
        },
    };

    [Theory]
    [MemberData(nameof(KindCases))]
    public void Retain_PerKind(string because, string desired, string observed, string path, string? expected)
    {
        var retained = Interpreter.Retain(J.O(desired), J.O(observed));
        Assert.True(expected == J.S(J.At(retained, path)), because + ": " + J.S(J.At(retained, path)));
    }
}
