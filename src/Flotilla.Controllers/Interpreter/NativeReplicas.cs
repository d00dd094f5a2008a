using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// Native replica interpretation and revision. Deployment/ReplicaSet/StatefulSet: spec.replicas (absent ⇒ 0, as in
/// Karmada); Job: min(parallelism, completions) with Kubernetes' defaults (parallelism 1, completions = parallelism);
/// Pod: 1. Requirements come from the pod template: summed container requests (max with init containers, plus
/// overhead), nodeSelector, required node affinity, tolerations, priorityClassName, and the template's namespace.
/// </summary>
internal static class NativeReplicas
{
    public static readonly IReadOnlyDictionary<GroupVersionKind, Func<JsonObject, ReplicaResult>> Interpreters =
        new Dictionary<GroupVersionKind, Func<JsonObject, ReplicaResult>>
        {
            [NativeKinds.Deployment] = o => FromTemplate(o, (int)JsonPath.LongOrZero(o, "spec", "replicas")),
            [NativeKinds.ReplicaSet] = o => FromTemplate(o, (int)JsonPath.LongOrZero(o, "spec", "replicas")),
            [NativeKinds.StatefulSet] = o => FromTemplate(o, (int)JsonPath.LongOrZero(o, "spec", "replicas")),
            [NativeKinds.Job] = JobReplicas,
            [NativeKinds.Pod] = o => new ReplicaResult(1, Requirements(JsonPath.Obj(o, "spec"), o.Namespace())),
        };

    public static readonly IReadOnlyDictionary<GroupVersionKind, Func<JsonObject, long, long?, JsonObject>> Revisers =
        new Dictionary<GroupVersionKind, Func<JsonObject, long, long?, JsonObject>>
        {
            [NativeKinds.Deployment] = (o, r, _) => SetIfPresent(o, "replicas", r),
            [NativeKinds.ReplicaSet] = (o, r, _) => SetIfPresent(o, "replicas", r),
            [NativeKinds.StatefulSet] = (o, r, _) => SetIfPresent(o, "replicas", r),
            [NativeKinds.Job] = (o, r, c) =>
            {
                var revised = SetIfPresent(o, "parallelism", r);
                return c is { } completions ? SetIfPresent(revised, "completions", completions, copy: false) : revised;
            },
        };

    private static ReplicaResult JobReplicas(JsonObject job)
    {
        var parallelism = JsonPath.Long(job, "spec", "parallelism") ?? 1;
        var completions = JsonPath.Long(job, "spec", "completions") ?? parallelism;
        return FromTemplate(job, (int)Math.Min(parallelism, completions));
    }

    private static ReplicaResult FromTemplate(JsonObject workload, int replicas) =>
        new(replicas, Requirements(JsonPath.Obj(workload, "spec", "template", "spec"), workload.Namespace()));

    /// <summary>binding.spec.replicaRequirements for a pod spec, or null when it asks for nothing.</summary>
    public static JsonObject? Requirements(JsonObject? podSpec, string? @namespace)
    {
        if (podSpec is null) return null;
        var nodeClaim = new JsonObject();
        if (JsonPath.Obj(podSpec, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution") is { } required)
            nodeClaim["hardNodeAffinity"] = required.DeepClone();
        if (podSpec["nodeSelector"] is JsonObject { Count: > 0 } selector)
            nodeClaim["nodeSelector"] = selector.DeepClone();
        if (podSpec["tolerations"] is JsonArray { Count: > 0 } tolerations)
            nodeClaim["tolerations"] = tolerations.DeepClone();

        var request = PodRequest(podSpec);
        if (nodeClaim.Count == 0 && request.Count == 0) return null;

        var result = new JsonObject();
        if (nodeClaim.Count > 0) result["nodeClaim"] = nodeClaim;
        if (request.Count > 0)
        {
            var rr = new JsonObject();
            foreach (var (name, amount) in request.OrderBy(kv => kv.Key, StringComparer.Ordinal)) rr[name] = ResourceQuantity.Format(name, amount);
            result["resourceRequest"] = rr;
        }
        if (!string.IsNullOrEmpty(@namespace)) result["namespace"] = @namespace;
        if (JsonPath.Str(podSpec, "priorityClassName") is { Length: > 0 } pc) result["priorityClassName"] = pc;
        return result;
    }

    /// <summary>Per-pod request: Σ containers, then max with each init container, plus overhead; zero amounts dropped.</summary>
    private static Dictionary<string, decimal> PodRequest(JsonObject podSpec)
    {
        var total = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var c in (podSpec["containers"] as JsonArray ?? []).OfType<JsonObject>())
            foreach (var (name, amount) in Requests(c)) total[name] = total.GetValueOrDefault(name) + amount;
        foreach (var c in (podSpec["initContainers"] as JsonArray ?? []).OfType<JsonObject>())
            foreach (var (name, amount) in Requests(c)) total[name] = Math.Max(total.GetValueOrDefault(name), amount);
        if (podSpec["overhead"] is JsonObject overhead)
            foreach (var (name, v) in overhead)
                if (ResourceQuantity.TryParse(v?.ToString(), out var amount)) total[name] = total.GetValueOrDefault(name) + amount;
        foreach (var key in total.Where(kv => kv.Value <= 0).Select(kv => kv.Key).ToList()) total.Remove(key);
        return total;
    }

    private static IEnumerable<(string Name, decimal Amount)> Requests(JsonObject container)
    {
        if (JsonPath.Obj(container, "resources", "requests") is not { } requests) yield break;
        foreach (var (name, v) in requests)
            if (ResourceQuantity.TryParse(v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString(), out var amount))
                yield return (name, amount);
    }

    private static JsonObject SetIfPresent(JsonObject o, string field, long value, bool copy = true)
    {
        var result = copy ? o.DeepCloneObject() : o;
        if (result["spec"] is JsonObject spec && spec.ContainsKey(field)) spec[field] = value;
        return result;
    }
}
