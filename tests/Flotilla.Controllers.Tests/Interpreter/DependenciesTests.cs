using Flotilla.Controllers.Interpreter;

namespace Flotilla.Controllers.Tests.Interpreter;

public class DependenciesTests
{
    private static readonly ResourceInterpreter Interpreter = new();

    private const string PodSpec = """
        { "serviceAccountName": "runner",
          "imagePullSecrets": [ { "name": "pull" } ],
          "initContainers": [ { "name": "i", "envFrom": [ { "configMapRef": { "name": "init-cm" } } ] } ],
          "containers": [ { "name": "c",
              "envFrom": [ { "configMapRef": { "name": "env-cm" } }, { "secretRef": { "name": "env-secret" } } ],
              "env": [ { "name": "A", "valueFrom": { "configMapKeyRef": { "name": "key-cm", "key": "a" } } },
                       { "name": "B", "valueFrom": { "secretKeyRef": { "name": "key-secret", "key": "b" } } },
                       { "name": "C", "value": "plain" } ] } ],
          "volumes": [ { "name": "v1", "configMap": { "name": "vol-cm" } },
                       { "name": "v2", "secret": { "secretName": "vol-secret" } },
                       { "name": "v3", "persistentVolumeClaim": { "claimName": "data" } },
                       { "name": "v4", "projected": { "sources": [ { "configMap": { "name": "proj-cm" } }, { "secret": { "name": "proj-secret" } }, { "serviceAccountToken": { "path": "t" } } ] } },
                       { "name": "v5", "csi": { "driver": "d", "nodePublishSecretRef": { "name": "csi-secret" } } },
                       { "name": "v6", "configMap": { "name": "env-cm" } } ] }
        """;

    private const string Expected =
        "ConfigMap/env-cm,ConfigMap/init-cm,ConfigMap/key-cm,ConfigMap/proj-cm,ConfigMap/vol-cm," +
        "Secret/csi-secret,Secret/env-secret,Secret/key-secret,Secret/proj-secret,Secret/pull,Secret/vol-secret," +
        "ServiceAccount/runner,PersistentVolumeClaim/data";

    public static TheoryData<string, string> PodTemplateKinds => new()
    {
        { "apps/v1/Deployment", "{ \"template\": { \"spec\": " + PodSpec + " } }" },
        { "apps/v1/ReplicaSet", "{ \"template\": { \"spec\": " + PodSpec + " } }" },
        { "apps/v1/StatefulSet", "{ \"template\": { \"spec\": " + PodSpec + " } }" },
        { "apps/v1/DaemonSet", "{ \"template\": { \"spec\": " + PodSpec + " } }" },
        { "batch/v1/Job", "{ \"template\": { \"spec\": " + PodSpec + " } }" },
        { "batch/v1/CronJob", "{ \"jobTemplate\": { \"spec\": { \"template\": { \"spec\": " + PodSpec + " } } } }" },
        { "v1/Pod", PodSpec },
    };

    [Theory]
    [MemberData(nameof(PodTemplateKinds))]
    public void GetDependencies_PodTemplates(string gvk, string spec)
    {
        var cut = gvk.LastIndexOf('/');
        var template = J.O("{\"apiVersion\":\"" + gvk[..cut] + "\",\"kind\":\"" + gvk[(cut + 1)..] + "\",\"metadata\":{\"name\":\"w\",\"namespace\":\"team\"},\"spec\":" + spec + "}");
        var deps = Interpreter.GetDependencies(template);
        Assert.Equal(Expected, string.Join(",", deps.Select(d => d.Kind + "/" + d.Name)));
        Assert.All(deps, d => Assert.Equal(("v1", "team"), (d.ApiVersion, d.Namespace)));
    }

    [Fact]
    public void GetDependencies_DefaultServiceAccountSkipped_S04RedisConfigMap()
    {
        var redis = J.O("""
            { "apiVersion": "apps/v1", "kind": "Deployment", "metadata": { "name": "redis", "namespace": "default" },
              "spec": { "template": { "spec": { "serviceAccountName": "default",
                "containers": [ { "name": "redis", "image": "redis:7", "envFrom": [ { "configMapRef": { "name": "redis-config" } } ] } ] } } } }
            """);
        var deps = Interpreter.GetDependencies(redis);
        Assert.Equal("""[{"apiVersion":"v1","kind":"ConfigMap","namespace":"default","name":"redis-config"}]""",
            new System.Text.Json.Nodes.JsonArray(deps.Select(d => (System.Text.Json.Nodes.JsonNode?)d.ToJson()).ToArray()).ToJsonString());
    }

    [Fact]
    public void GetDependencies_IngressTlsSecrets()
    {
        var ingress = J.O("""
            { "apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": { "name": "i", "namespace": "web" },
              "spec": { "tls": [ { "secretName": "b-tls" }, { "hosts": ["x"] }, { "secretName": "a-tls" }, { "secretName": "b-tls" } ] } }
            """);
        Assert.Equal("Secret/web/b-tls,Secret/web/a-tls", string.Join(",", Interpreter.GetDependencies(ingress).Select(d => d.Kind + "/" + d.Namespace + "/" + d.Name)));
    }

    [Fact]
    public void GetDependencies_ServiceImport_DerivedServiceAndEndpointSlices()
    {
        var import = J.O("""{ "apiVersion": "multicluster.x-k8s.io/v1alpha1", "kind": "ServiceImport", "metadata": { "name": "svc-foo", "namespace": "default" } }""");
        var deps = Interpreter.GetDependencies(import);
        Assert.Equal(2, deps.Count);
        Assert.Equal("""{"apiVersion":"v1","kind":"Service","namespace":"default","name":"derived-svc-foo"}""", deps[0].ToJson().ToJsonString());
        Assert.Equal("""{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","namespace":"default","labelSelector":{"matchLabels":{"kubernetes.io/service-name":"derived-svc-foo"}}}""", deps[1].ToJson().ToJsonString());
    }

    [Fact]
    public void GetDependencies_OtherKinds_None() =>
        Assert.Empty(Interpreter.GetDependencies(J.O("""{ "apiVersion": "v1", "kind": "Service", "metadata": { "name": "s" } }""")));
}
