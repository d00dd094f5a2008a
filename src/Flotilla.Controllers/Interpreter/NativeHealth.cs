using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Controllers.Interpreter;

/// <summary>InterpretHealth for built-in kinds (true = Healthy).</summary>
internal static class NativeHealth
{
    public static readonly IReadOnlyDictionary<GroupVersionKind, Func<JsonObject, bool>> Interpreters =
        new Dictionary<GroupVersionKind, Func<JsonObject, bool>>
        {
            [NativeKinds.Deployment] = ReplicatedWorkload,
            [NativeKinds.StatefulSet] = ReplicatedWorkload,
            [NativeKinds.ReplicaSet] = ReplicaSet,
            [NativeKinds.DaemonSet] = DaemonSet,
            [NativeKinds.Service] = Service,
            [NativeKinds.Ingress] = o => HasLoadBalancerIngress(JsonPath.Arr(o, "status", "loadBalancer", "ingress")),
            [NativeKinds.PersistentVolumeClaim] = o => JsonPath.Str(o, "status", "phase") == "Bound",
            [NativeKinds.Pod] = Pod,
            [NativeKinds.PodDisruptionBudget] = o => JsonPath.LongOrZero(o, "status", "currentHealthy") >= JsonPath.LongOrZero(o, "status", "desiredHealthy"),
        };

    private static bool Observed(JsonObject o) => o.Generation() == JsonPath.LongOrZero(o, "status", "observedGeneration");

    private static bool ReplicatedWorkload(JsonObject o)
    {
        if (!Observed(o)) return false;
        var updated = JsonPath.LongOrZero(o, "status", "updatedReplicas");
        if (JsonPath.Long(o, "spec", "replicas") is { } desired && updated < desired) return false;
        return JsonPath.LongOrZero(o, "status", "availableReplicas") >= updated;
    }

    private static bool ReplicaSet(JsonObject o)
    {
        if (!Observed(o)) return false;
        return JsonPath.Long(o, "spec", "replicas") is not { } desired || JsonPath.LongOrZero(o, "status", "availableReplicas") >= desired;
    }

    private static bool DaemonSet(JsonObject o)
    {
        if (!Observed(o)) return false;
        var updated = JsonPath.LongOrZero(o, "status", "updatedNumberScheduled");
        if (updated < JsonPath.LongOrZero(o, "status", "desiredNumberScheduled")) return false;
        return JsonPath.LongOrZero(o, "status", "numberAvailable") >= updated;
    }

    private static bool Service(JsonObject o) =>
        JsonPath.Str(o, "spec", "type") != "LoadBalancer" || HasLoadBalancerIngress(JsonPath.Arr(o, "status", "loadBalancer", "ingress"));

    private static bool HasLoadBalancerIngress(JsonArray? ingress) =>
        ingress is not null && ingress.OfType<JsonObject>().Any(i => !string.IsNullOrEmpty(i.GetString("ip")) || !string.IsNullOrEmpty(i.GetString("hostname")));

    private static bool Pod(JsonObject o)
    {
        var phase = JsonPath.Str(o, "status", "phase");
        if (phase == "Succeeded") return true;
        if (phase != "Running") return false;
        return (JsonPath.Arr(o, "status", "conditions") ?? []).OfType<JsonObject>()
            .Any(c => c.GetString("type") == "Ready" && c.GetString("status") == "True");
    }
}
