using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// ReflectStatus: what the work-status controller records per member object. Workloads keep the replica counters plus
/// "generation" (the member object's metadata.generation) and "resourceTemplateGeneration" (from the
/// resourcetemplate.karmada.io/generation annotation) so aggregation can tell whether members caught up; other kinds
/// keep a subset or the whole .status.
/// </summary>
internal static class NativeStatusReflection
{
    public static readonly IReadOnlyDictionary<GroupVersionKind, Func<JsonObject, JsonNode?>> Reflectors =
        new Dictionary<GroupVersionKind, Func<JsonObject, JsonNode?>>
        {
            [NativeKinds.Deployment] = o => Workload(o, ["observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"]),
            [NativeKinds.ReplicaSet] = o => Workload(o, ["observedGeneration", "replicas", "readyReplicas", "availableReplicas"]),
            [NativeKinds.StatefulSet] = o => Workload(o, ["observedGeneration", "availableReplicas", "currentReplicas", "readyReplicas", "replicas", "updatedReplicas"]),
            [NativeKinds.DaemonSet] = o => Workload(o, ["currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady", "observedGeneration", "updatedNumberScheduled", "numberAvailable", "numberUnavailable"]),
            [NativeKinds.Job] = Job,
            [NativeKinds.Service] = Service,
            [NativeKinds.Ingress] = WholeStatus,
            [NativeKinds.PodDisruptionBudget] = PodDisruptionBudget,
            [NativeKinds.HorizontalPodAutoscaler] = HorizontalPodAutoscaler,
        };

    public static JsonNode? WholeStatus(JsonObject o) => o["status"] is JsonObject s ? s.DeepClone() : null;

    /// <summary>The resourcetemplate.karmada.io/generation annotation as a number (0 when absent or invalid).</summary>
    public static long ResourceTemplateGeneration(JsonObject o) =>
        long.TryParse(o.Annotation(WellKnownAnnotations.ResourceTemplateGeneration), NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : 0;

    private static JsonNode? Workload(JsonObject o, string[] fields)
    {
        if (o["status"] is not JsonObject status) return null;
        var r = new JsonObject();
        JsonPath.SetOmitZero(r, "generation", o.Generation());
        JsonPath.SetOmitZero(r, "resourceTemplateGeneration", ResourceTemplateGeneration(o));
        foreach (var f in fields) JsonPath.SetOmitZero(r, f, JsonPath.LongOrZero(status, f));
        return r.Count == 0 ? null : r;
    }

    private static JsonNode? Job(JsonObject o)
    {
        if (o["status"] is not JsonObject status) return null;
        var r = new JsonObject();
        foreach (var f in new[] { "conditions", "startTime", "completionTime" })
            if (status[f] is { } v) r[f] = v.DeepClone();
        foreach (var f in new[] { "active", "succeeded", "failed" }) JsonPath.SetOmitZero(r, f, JsonPath.LongOrZero(status, f));
        return Reorder(r, ["conditions", "startTime", "completionTime", "active", "succeeded", "failed"]);
    }

    private static JsonNode? Service(JsonObject o)
    {
        if (JsonPath.Str(o, "spec", "type") != "LoadBalancer" || o["status"] is not JsonObject status) return null;
        return new JsonObject { ["loadBalancer"] = status["loadBalancer"]?.DeepClone() ?? new JsonObject() };
    }

    private static JsonNode? PodDisruptionBudget(JsonObject o)
    {
        if (o["status"] is not JsonObject status) return null;
        var r = new JsonObject();
        if (status["disruptedPods"] is JsonObject { Count: > 0 } dp) r["disruptedPods"] = dp.DeepClone();
        foreach (var f in new[] { "disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods" }) r[f] = JsonPath.LongOrZero(status, f);
        return r;
    }

    private static JsonNode? HorizontalPodAutoscaler(JsonObject o)
    {
        if (o["status"] is not JsonObject status) return null;
        var r = new JsonObject();
        JsonPath.SetOmitZero(r, "currentReplicas", JsonPath.LongOrZero(status, "currentReplicas"));
        r["desiredReplicas"] = JsonPath.LongOrZero(status, "desiredReplicas");
        return r;
    }

    private static JsonObject Reorder(JsonObject o, string[] order)
    {
        var r = new JsonObject();
        foreach (var k in order)
            if (o[k] is { } v)
            {
                o.Remove(k);
                r[k] = v;
            }
        return r;
    }
}
