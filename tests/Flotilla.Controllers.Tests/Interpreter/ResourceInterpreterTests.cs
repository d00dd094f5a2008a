using System.Text.Json.Nodes;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Overrides;
using Flotilla.Controllers.Tests.Overrides;
using Flotilla.Core;

namespace Flotilla.Controllers.Tests.Interpreter;

public class ResourceInterpreterTests
{
    private static readonly GroupVersionKind Widget = new("example.io", "v1", "Widget");

    private sealed class WidgetCustomization : IResourceInterpreterCustomization
    {
        public bool Enabled(GroupVersionKind gvk, InterpreterOperation operation) =>
            gvk == Widget && operation is InterpreterOperation.InterpretReplica or InterpreterOperation.InterpretHealth;

        public ReplicaResult GetReplicas(JsonObject template) => new((int)template["spec"]!["size"]!.GetValue<long>(), null);

        public InterpretedHealth InterpretHealth(JsonObject observed) =>
            observed["status"]?["phase"]?.GetValue<string>() == "Ready" ? InterpretedHealth.Healthy : InterpretedHealth.Unhealthy;
    }

    [Fact]
    public void Customization_TakesPrecedence_ForEnabledOperationsOnly()
    {
        var interpreter = new ResourceInterpreter(customizations: [new WidgetCustomization()]);
        var widget = J.O("""{"apiVersion":"example.io/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":4},"status":{"phase":"Starting"}}""");
        Assert.True(interpreter.HookEnabled(Widget, InterpreterOperation.InterpretReplica));
        Assert.False(interpreter.HookEnabled(Widget, InterpreterOperation.AggregateStatus));
        Assert.Equal(4, interpreter.GetReplicas(widget).Replicas);
        Assert.Equal(InterpretedHealth.Unhealthy, interpreter.InterpretHealth(widget));
        Assert.Equal("""{"phase":"Starting"}""", J.S(interpreter.ReflectStatus(widget)));
        Assert.Null(interpreter.AggregateStatus(widget, [new ClusterStatusItem("m", JsonNode.Parse("{}"))]));
    }

    public static TheoryData<string, InterpreterOperation, bool> Hooks => new()
    {
        { "apps/v1/Deployment", InterpreterOperation.InterpretReplica, true },
        { "apps/v1/DaemonSet", InterpreterOperation.InterpretReplica, false },
        { "batch/v1/Job", InterpreterOperation.ReviseReplica, true },
        { "v1/Service", InterpreterOperation.Retain, true },
        { "v1/ConfigMap", InterpreterOperation.Retain, false },
        { "v1/Pod", InterpreterOperation.AggregateStatus, true },
        { "v1/ConfigMap", InterpreterOperation.InterpretHealth, false },
        { "networking.k8s.io/v1/Ingress", InterpreterOperation.InterpretDependency, true },
        { "example.io/v1/Widget", InterpreterOperation.InterpretStatus, true },
    };

    [Theory]
    [MemberData(nameof(Hooks))]
    public void HookEnabled_Native(string gvk, InterpreterOperation op, bool expected)
    {
        var cut = gvk.LastIndexOf('/');
        Assert.Equal(expected, new ResourceInterpreter().HookEnabled(GroupVersionKind.From(gvk[..cut], gvk[(cut + 1)..]), op));
    }

    [Fact]
    public void Retain_Twice_IsStable()
    {
        var interpreter = new ResourceInterpreter();
        var desired = J.O("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s","labels":{"a":"1"}},"spec":{"ports":[{"port":80}]}}""");
        var observed = J.O("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s","resourceVersion":"5","labels":{"a":"1","m":"2"}},"spec":{"clusterIP":"10.1.1.1","ports":[{"port":80}]}}""");
        var once = interpreter.Retain(desired, observed);
        var twice = interpreter.Retain(once, observed);
        Assert.Equal(once.ToJsonString(), twice.ToJsonString());
    }

    /// <summary>s04 rabbitmq, Divided 2/1: revise → override → Work metadata, as the binding controller chains them.</summary>
    [Theory]
    [InlineData("pegasus", 2, "app=rabbitmq,bar=bar,for=for", "skoala-stage")]
    [InlineData("pegasus-2", 1, "app=rabbitmq,bar=test,env=skoala-dev,env-stat=skoala-stage", null)]
    public void Pipeline_S04Rabbitmq(string cluster, int replicas, string userLabels, string? envAnnotation)
    {
        var interpreter = new ResourceInterpreter();
        var template = TestYaml.One(S04Manifests.Apps, "Deployment", "rabbitmq");
        template.Metadata()["namespace"] = "default";
        Assert.Equal(3, interpreter.GetReplicas(template).Replicas);

        var revised = interpreter.ReviseReplica(template, replicas);
        var policy = TestYaml.One(S04Manifests.RabbitmqOp, "OverridePolicy", "rabbitmq-op");
        policy.Metadata()["namespace"] = "default";
        var overridden = new OverrideEngine().Apply(revised, OverrideTargetCluster.Named(cluster), [], [OverridePolicyEntry.FromJson(policy)]);
        Assert.True(overridden.Succeeded);
        var work = WorkManifestBuilder.Build(overridden.Manifest, new WorkManifestContext
        {
            BindingName = "rabbitmq-deployment",
            BindingNamespace = "default",
            ClusterName = cluster,
            AppliedOverrides = overridden.AppliedOverridesAnnotation,
        }, interpreter);

        Assert.Equal(replicas, work.Manifest["spec"]!["replicas"]!.GetValue<long>());
        var labels = work.Manifest.Labels().Where(kv => !kv.Key.Contains("karmada.io", StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal);
        Assert.Equal(userLabels, string.Join(",", labels.Select(kv => kv.Key + "=" + kv.Value)));
        Assert.Equal(envAnnotation, work.Manifest.Annotation("env"));
        Assert.Contains("rabbitmq-op", work.WorkAnnotations["policy.karmada.io/applied-overrides"], StringComparison.Ordinal);
        Assert.Equal("karmada-es-" + cluster, work.WorkNamespace);
    }
}
