using Flotilla.Controllers.Interpreter;

namespace Flotilla.Controllers.Tests.Interpreter;

public class ReflectAndHealthTests
{
    private static readonly ResourceInterpreter Interpreter = new();

    public static TheoryData<string, string, string?> Reflections => new()
    {
        // name, observed object, reflected status JSON
        {
            "deployment subset with generations",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","generation":3,"annotations":{"resourcetemplate.karmada.io/generation":"2"}},"status":{"observedGeneration":3,"replicas":2,"updatedReplicas":2,"readyReplicas":1,"availableReplicas":1,"unavailableReplicas":1,"conditions":[{"type":"Available"}]}}""",
            """{"generation":3,"resourceTemplateGeneration":2,"observedGeneration":3,"replicas":2,"updatedReplicas":2,"readyReplicas":1,"availableReplicas":1,"unavailableReplicas":1}"""
        },
        {
            "deployment without status",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","generation":1}}""",
            null
        },
        {
            "replicaset subset",
            """{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"r","generation":1},"status":{"observedGeneration":1,"replicas":3,"readyReplicas":3,"availableReplicas":2,"fullyLabeledReplicas":3}}""",
            """{"generation":1,"observedGeneration":1,"replicas":3,"readyReplicas":3,"availableReplicas":2}"""
        },
        {
            "statefulset subset",
            """{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"s","generation":1},"status":{"observedGeneration":1,"replicas":2,"readyReplicas":2,"currentReplicas":2,"updatedReplicas":2,"availableReplicas":2,"currentRevision":"x"}}""",
            """{"generation":1,"observedGeneration":1,"availableReplicas":2,"currentReplicas":2,"readyReplicas":2,"replicas":2,"updatedReplicas":2}"""
        },
        {
            "daemonset subset",
            """{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"ds","generation":2},"status":{"currentNumberScheduled":3,"numberMisscheduled":0,"desiredNumberScheduled":3,"numberReady":3,"observedGeneration":2,"updatedNumberScheduled":3,"numberAvailable":3}}""",
            """{"generation":2,"currentNumberScheduled":3,"desiredNumberScheduled":3,"numberReady":3,"observedGeneration":2,"updatedNumberScheduled":3,"numberAvailable":3}"""
        },
        {
            "job subset",
            """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"},"status":{"active":1,"succeeded":2,"startTime":"2024-01-01T00:00:00Z","uncountedTerminatedPods":{},"ready":1}}""",
            """{"startTime":"2024-01-01T00:00:00Z","active":1,"succeeded":2}"""
        },
        {
            "clusterip service has none",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"ClusterIP"},"status":{"loadBalancer":{}}}""",
            null
        },
        {
            "loadbalancer service keeps loadBalancer",
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"}]},"conditions":[]}}""",
            """{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"}]}}"""
        },
        {
            "ingress whole status",
            """{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"i"},"status":{"loadBalancer":{"ingress":[{"hostname":"h"}]}}}""",
            """{"loadBalancer":{"ingress":[{"hostname":"h"}]}}"""
        },
        {
            "pdb subset",
            """{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"p"},"status":{"observedGeneration":1,"currentHealthy":2,"desiredHealthy":1,"expectedPods":2,"disruptionsAllowed":1,"conditions":[]}}""",
            """{"disruptionsAllowed":1,"currentHealthy":2,"desiredHealthy":1,"expectedPods":2}"""
        },
        {
            "hpa subset",
            """{"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"h"},"status":{"currentReplicas":2,"desiredReplicas":3,"currentMetrics":[]}}""",
            """{"currentReplicas":2,"desiredReplicas":3}"""
        },
        {
            "other kinds keep the whole status",
            """{"apiVersion":"example.io/v1","kind":"Widget","metadata":{"name":"w"},"status":{"phase":"Ready","n":[1]}}""",
            """{"phase":"Ready","n":[1]}"""
        },
        {
            "configmap has no status",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{}}""",
            null
        },
    };

    [Theory]
    [MemberData(nameof(Reflections))]
    public void ReflectStatus_PerKind(string because, string observed, string? expected)
    {
        var reflected = J.S(Interpreter.ReflectStatus(J.O(observed)));
        Assert.True(expected == reflected, because + ": " + reflected);
    }

    public static TheoryData<string, string, InterpretedHealth> Healths => new()
    {
        { "deployment rolled out", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","generation":2},"spec":{"replicas":2},"status":{"observedGeneration":2,"updatedReplicas":2,"availableReplicas":2}}""", InterpretedHealth.Healthy },
        { "deployment not observed", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","generation":3},"spec":{"replicas":2},"status":{"observedGeneration":2,"updatedReplicas":2,"availableReplicas":2}}""", InterpretedHealth.Unhealthy },
        { "deployment updating", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","generation":2},"spec":{"replicas":3},"status":{"observedGeneration":2,"updatedReplicas":2,"availableReplicas":3}}""", InterpretedHealth.Unhealthy },
        { "deployment unavailable", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","generation":2},"spec":{"replicas":2},"status":{"observedGeneration":2,"updatedReplicas":2,"availableReplicas":1}}""", InterpretedHealth.Unhealthy },
        { "statefulset rolled out", """{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"s","generation":1},"spec":{"replicas":1},"status":{"observedGeneration":1,"updatedReplicas":1,"availableReplicas":1}}""", InterpretedHealth.Healthy },
        { "replicaset available", """{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"r","generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"availableReplicas":2}}""", InterpretedHealth.Healthy },
        { "replicaset short", """{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"r","generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"availableReplicas":1}}""", InterpretedHealth.Unhealthy },
        { "daemonset rolled out", """{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"d","generation":1},"status":{"observedGeneration":1,"desiredNumberScheduled":3,"updatedNumberScheduled":3,"numberAvailable":3}}""", InterpretedHealth.Healthy },
        { "daemonset updating", """{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"d","generation":1},"status":{"observedGeneration":1,"desiredNumberScheduled":3,"updatedNumberScheduled":2,"numberAvailable":3}}""", InterpretedHealth.Unhealthy },
        { "clusterip service", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"ClusterIP"}}""", InterpretedHealth.Healthy },
        { "lb service pending", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{}}}""", InterpretedHealth.Unhealthy },
        { "lb service with ip", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"ip":"1.1.1.1"}]}}}""", InterpretedHealth.Healthy },
        { "ingress without address", """{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"i"},"status":{"loadBalancer":{"ingress":[{}]}}}""", InterpretedHealth.Unhealthy },
        { "ingress with hostname", """{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"i"},"status":{"loadBalancer":{"ingress":[{"hostname":"h"}]}}}""", InterpretedHealth.Healthy },
        { "pvc bound", """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"p"},"status":{"phase":"Bound"}}""", InterpretedHealth.Healthy },
        { "pvc pending", """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"p"},"status":{"phase":"Pending"}}""", InterpretedHealth.Unhealthy },
        { "pod succeeded", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Succeeded"}}""", InterpretedHealth.Healthy },
        { "pod running ready", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""", InterpretedHealth.Healthy },
        { "pod running not ready", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"False"}]}}""", InterpretedHealth.Unhealthy },
        { "pod pending", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Pending"}}""", InterpretedHealth.Unhealthy },
        { "pdb healthy", """{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"p"},"status":{"currentHealthy":2,"desiredHealthy":2}}""", InterpretedHealth.Healthy },
        { "pdb short", """{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"p"},"status":{"currentHealthy":1,"desiredHealthy":2}}""", InterpretedHealth.Unhealthy },
        { "no interpreter means healthy", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""", InterpretedHealth.Healthy },
    };

    [Theory]
    [MemberData(nameof(Healths))]
    public void InterpretHealth_PerKind(string because, string observed, InterpretedHealth expected)
    {
        Assert.True(expected == Interpreter.InterpretHealth(J.O(observed)), because);
        Assert.Equal(expected.ToString(), expected.ToApiValue());
    }
}
