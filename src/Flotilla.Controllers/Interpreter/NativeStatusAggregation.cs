using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// AggregateStatus for built-in kinds: computes the template's .status from the members' reflected statuses.
/// Each aggregator returns the new status, or null when the current status is already up to date.
/// </summary>
internal sealed class NativeStatusAggregation
{
    private readonly TimeProvider _time;
    private readonly Dictionary<GroupVersionKind, Func<JsonObject, IReadOnlyList<ClusterStatusItem>, JsonObject?>> _aggregators;

    public NativeStatusAggregation(TimeProvider time)
    {
        _time = time;
        _aggregators = new()
        {
            [NativeKinds.Deployment] = (t, i) => Workload(t, i, ["replicas", "readyReplicas", "updatedReplicas", "availableReplicas", "unavailableReplicas"]),
            [NativeKinds.ReplicaSet] = (t, i) => Workload(t, i, ["replicas", "readyReplicas", "availableReplicas"]),
            [NativeKinds.StatefulSet] = (t, i) => Workload(t, i, ["availableReplicas", "currentReplicas", "readyReplicas", "replicas", "updatedReplicas"]),
            [NativeKinds.DaemonSet] = (t, i) => Workload(t, i, ["currentNumberScheduled", "desiredNumberScheduled", "numberAvailable", "numberMisscheduled", "numberReady", "updatedNumberScheduled", "numberUnavailable"]),
            [NativeKinds.Job] = Job,
            [NativeKinds.CronJob] = CronJob,
            [NativeKinds.Service] = Service,
            [NativeKinds.Ingress] = (t, i) => LoadBalancer(t, i),
            [NativeKinds.Pod] = Pod,
            [NativeKinds.PersistentVolume] = PersistentVolume,
            [NativeKinds.PersistentVolumeClaim] = PersistentVolumeClaim,
            [NativeKinds.PodDisruptionBudget] = PodDisruptionBudget,
            [NativeKinds.HorizontalPodAutoscaler] = HorizontalPodAutoscaler,
        };
    }

    public bool Supports(GroupVersionKind gvk) => _aggregators.ContainsKey(gvk);

    public JsonObject? Aggregate(JsonObject template, IReadOnlyList<ClusterStatusItem> items) =>
        _aggregators.TryGetValue(template.Gvk(), out var f) ? f(template, items) : null;

    private static JsonObject OldStatus(JsonObject template) => template["status"] as JsonObject ?? new JsonObject();

    private static JsonObject? Changed(JsonObject old, JsonObject updated) => JsonNode.DeepEquals(old, updated) ? null : updated;

    /// <summary>
    /// Sums the counters; observedGeneration becomes the template's generation only when every member reflects the
    /// latest template (resourceTemplateGeneration ≥ template generation) and its own controller caught up
    /// (observedGeneration ≥ generation); otherwise the previous observedGeneration is kept (Argo CD health).
    /// </summary>
    private static JsonObject? Workload(JsonObject template, IReadOnlyList<ClusterStatusItem> items, string[] fields)
    {
        var old = OldStatus(template);
        var sums = new long[fields.Length];
        var fresh = 0;
        var generation = template.Generation();
        foreach (var item in items)
        {
            if (item.Status is not JsonObject s) continue;
            for (var f = 0; f < fields.Length; f++) sums[f] += JsonPath.LongOrZero(s, fields[f]);
            if (JsonPath.LongOrZero(s, "resourceTemplateGeneration") >= generation
                && JsonPath.LongOrZero(s, "observedGeneration") >= JsonPath.LongOrZero(s, "generation"))
                fresh++;
        }
        var updated = (JsonObject)old.DeepClone();
        JsonPath.SetOmitZero(updated, "observedGeneration", fresh == items.Count ? generation : JsonPath.LongOrZero(old, "observedGeneration"));
        for (var f = 0; f < fields.Length; f++) JsonPath.SetOmitZero(updated, fields[f], sums[f]);
        return Changed(old, updated);
    }

    private static bool Finished(JsonObject? status, out string? type)
    {
        foreach (var c in (JsonPath.Arr(status, "conditions") ?? []).OfType<JsonObject>())
        {
            if (c.GetString("type") is "Complete" or "Failed" && c.GetString("status") == "True")
            {
                type = c.GetString("type");
                return true;
            }
        }
        type = null;
        return false;
    }

    private JsonObject? Job(JsonObject template, IReadOnlyList<ClusterStatusItem> items)
    {
        var old = OldStatus(template);
        if (Finished(old, out _)) return null; // a finished Job's status is never updated again

        long active = 0, succeeded = 0, failed = 0;
        var failedClusters = new List<string>();
        var successful = 0;
        var started = 0;
        var completed = 0;
        DateTimeOffset? start = null, completion = null;
        foreach (var item in items)
        {
            if (item.Status is not JsonObject s) continue;
            active += JsonPath.LongOrZero(s, "active");
            succeeded += JsonPath.LongOrZero(s, "succeeded");
            failed += JsonPath.LongOrZero(s, "failed");
            if (Finished(s, out var type))
            {
                if (type == "Complete") successful++;
                else failedClusters.Add(item.ClusterName);
            }
            if (JsonPath.Time(s, "startTime") is { } st)
            {
                started++;
                if (start is null || st < start) start = st;
            }
            if (JsonPath.Time(s, "completionTime") is { } ct)
            {
                completed++;
                if (completion is null || ct > completion) completion = ct;
            }
        }

        var now = JsonPath.FormatTime(_time.GetUtcNow());
        var conditions = new JsonArray();
        if (failedClusters.Count > 0)
            conditions.Add(Condition("Failed", "JobFailed", "Job executed failed in member clusters " + string.Join(",", failedClusters), now));
        if (items.Count > 0 && successful == items.Count)
        {
            conditions.Add(Condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now));
            conditions.Add(Condition("Complete", "Completed", "Job completed", now));
        }

        var updated = new JsonObject();
        if (conditions.Count > 0) updated["conditions"] = conditions;
        if (start is { } sTime && started == items.Count) updated["startTime"] = JsonPath.FormatTime(sTime);
        if (completion is { } cTime && completed == items.Count) updated["completionTime"] = JsonPath.FormatTime(cTime);
        JsonPath.SetOmitZero(updated, "active", active);
        JsonPath.SetOmitZero(updated, "succeeded", succeeded);
        JsonPath.SetOmitZero(updated, "failed", failed);
        return Changed(old, updated);
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastProbeTime"] = now,
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static JsonObject? CronJob(JsonObject template, IReadOnlyList<ClusterStatusItem> items)
    {
        var old = OldStatus(template);
        var active = new JsonArray();
        DateTimeOffset? lastSchedule = null, lastSuccessful = null;
        foreach (var item in items)
        {
            if (item.Status is not JsonObject s) continue;
            foreach (var a in JsonPath.Arr(s, "active") ?? []) active.Add(a?.DeepClone());
            if (JsonPath.Time(s, "lastScheduleTime") is { } ls && (lastSchedule is null || ls > lastSchedule)) lastSchedule = ls;
            if (JsonPath.Time(s, "lastSuccessfulTime") is { } lsu && (lastSuccessful is null || lsu > lastSuccessful)) lastSuccessful = lsu;
        }
        var updated = (JsonObject)old.DeepClone();
        if (active.Count > 0) updated["active"] = active;
        else updated.Remove("active");
        SetTime(updated, "lastScheduleTime", lastSchedule);
        SetTime(updated, "lastSuccessfulTime", lastSuccessful);
        return Changed(old, updated);
    }

    private static void SetTime(JsonObject o, string key, DateTimeOffset? t)
    {
        if (t is { } v) o[key] = JsonPath.FormatTime(v);
        else o.Remove(key);
    }

    private static JsonObject? Service(JsonObject template, IReadOnlyList<ClusterStatusItem> items) =>
        JsonPath.Str(template, "spec", "type") == "LoadBalancer" ? LoadBalancer(template, items) : null;

    /// <summary>
    /// Union of the members' loadBalancer.ingress, deduplicated and sorted as Karmada (v1.14+) does it
    /// (helper.DedupeAndSortServiceLoadBalancerIngress): entries with the same hostname, ip and ipMode become one whose
    /// ports are the union of theirs (sorted by port, protocol, error); entries with a hostname come first, ordered by
    /// hostname, then by ip, then by ipMode (unset last). Entries are taken as the members report them: the cluster
    /// name is no longer filled into an empty hostname (karmada-io/karmada#6248).
    /// </summary>
    private static JsonObject? LoadBalancer(JsonObject template, IReadOnlyList<ClusterStatusItem> items)
    {
        var old = OldStatus(template);
        var entries = new Dictionary<(string Host, string Ip, string? Mode), List<JsonObject>>();
        foreach (var item in items)
        {
            if (item.Status is not JsonObject s) continue;
            foreach (var entry in (JsonPath.Arr(s, "loadBalancer", "ingress") ?? []).OfType<JsonObject>())
            {
                var key = (entry.GetString("hostname") ?? "", entry.GetString("ip") ?? "", entry.GetString("ipMode"));
                if (!entries.TryGetValue(key, out var ports)) entries[key] = ports = [];
                foreach (var port in (entry["ports"] as JsonArray ?? []).OfType<JsonObject>())
                    if (!ports.Any(p => JsonNode.DeepEquals(p, port))) ports.Add((JsonObject)port.DeepClone());
            }
        }
        var ingress = new JsonArray();
        foreach (var ((host, ip, mode), ports) in entries.OrderBy(e => e.Key, LoadBalancerIngressOrder.Instance))
        {
            var entry = new JsonObject();
            if (ip.Length > 0) entry["ip"] = ip;
            if (host.Length > 0) entry["hostname"] = host;
            if (mode is not null) entry["ipMode"] = mode;
            if (ports.Count > 0)
            {
                ports.Sort(static (a, b) =>
                {
                    var byPort = JsonPath.LongOrZero(a, "port").CompareTo(JsonPath.LongOrZero(b, "port"));
                    if (byPort != 0) return byPort;
                    var byProtocol = string.CompareOrdinal(a.GetString("protocol"), b.GetString("protocol"));
                    if (byProtocol != 0) return byProtocol;
                    return (a.GetString("error"), b.GetString("error")) switch
                    {
                        (null, null) => 0,
                        (null, _) => -1,
                        (_, null) => 1,
                        var (x, y) => string.CompareOrdinal(x, y),
                    };
                });
                entry["ports"] = new JsonArray([.. ports]);
            }
            ingress.Add(entry);
        }
        var lb = new JsonObject();
        if (ingress.Count > 0) lb["ingress"] = ingress;
        return Changed(old, new JsonObject { ["loadBalancer"] = lb });
    }

    /// <summary>Karmada's sortServiceLoadBalancerIngress: hostname set before unset, hostname, ip, ipMode (unset last).</summary>
    private sealed class LoadBalancerIngressOrder : IComparer<(string Host, string Ip, string? Mode)>
    {
        public static readonly LoadBalancerIngressOrder Instance = new();

        public int Compare((string Host, string Ip, string? Mode) a, (string Host, string Ip, string? Mode) b)
        {
            if (a.Host != b.Host)
            {
                if (a.Host.Length == 0) return 1;
                if (b.Host.Length == 0) return -1;
                return string.CompareOrdinal(a.Host, b.Host);
            }
            if (a.Ip != b.Ip) return string.CompareOrdinal(a.Ip, b.Ip);
            return (a.Mode, b.Mode) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                var (x, y) => string.CompareOrdinal(x, y),
            };
        }
    }

    private static JsonObject? Pod(JsonObject template, IReadOnlyList<ClusterStatusItem> items)
    {
        if (items.Count == 0) return null;
        var old = OldStatus(template);
        var phases = new HashSet<string>(StringComparer.Ordinal);
        var containers = new JsonArray();
        var initContainers = new JsonArray();
        foreach (var item in items)
        {
            if (item.Status is not JsonObject s)
            {
                phases.Add("Pending"); // not collected yet: assume pending
                continue;
            }
            phases.Add(JsonPath.Str(s, "phase") ?? "");
            foreach (var c in (JsonPath.Arr(s, "containerStatuses") ?? []).OfType<JsonObject>()) containers.Add(ContainerStatus(c));
            foreach (var c in (JsonPath.Arr(s, "initContainerStatuses") ?? []).OfType<JsonObject>()) initContainers.Add(ContainerStatus(c));
        }
        var updated = new JsonObject();
        var phase = new[] { "Failed", "Pending", "Running", "Succeeded" }.FirstOrDefault(phases.Contains);
        if (phase is not null) updated["phase"] = phase;
        if (initContainers.Count > 0) updated["initContainerStatuses"] = initContainers;
        if (containers.Count > 0) updated["containerStatuses"] = containers;
        return Changed(old, updated);
    }

    /// <summary>Only ready and state are kept (the shape a typed ContainerStatus round-trips to).</summary>
    private static JsonObject ContainerStatus(JsonObject c) => new()
    {
        ["name"] = "",
        ["state"] = c["state"]?.DeepClone() ?? new JsonObject(),
        ["lastState"] = new JsonObject(),
        ["ready"] = JsonPath.Bool(c, "ready") ?? false,
        ["restartCount"] = 0,
        ["image"] = "",
        ["imageID"] = "",
    };

    private static JsonObject? PersistentVolume(JsonObject template, IReadOnlyList<ClusterStatusItem> items)
    {
        var old = OldStatus(template);
        var phases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items) phases.Add(item.Status is JsonObject s ? JsonPath.Str(s, "phase") ?? "" : "Pending");
        var phase = new[] { "Failed", "Pending", "Available", "Bound", "Released" }.FirstOrDefault(phases.Contains);
        var updated = (JsonObject)old.DeepClone();
        if (phase is not null) updated["phase"] = phase;
        else updated.Remove("phase");
        return Changed(old, updated);
    }

    private static JsonObject? PersistentVolumeClaim(JsonObject template, IReadOnlyList<ClusterStatusItem> items)
    {
        var old = OldStatus(template);
        string? phase = null;
        foreach (var item in items)
        {
            if (item.Status is not JsonObject s) continue;
            var p = JsonPath.Str(s, "phase") ?? "";
            if (p == "Lost")
            {
                phase = "Lost";
                break;
            }
            if (p != "Bound") phase = p;
        }
        var updated = (JsonObject)old.DeepClone();
        updated["phase"] = string.IsNullOrEmpty(phase) ? "Bound" : phase;
        return Changed(old, updated);
    }

    private static JsonObject? PodDisruptionBudget(JsonObject template, IReadOnlyList<ClusterStatusItem> items)
    {
        var old = OldStatus(template);
        long currentHealthy = 0, desiredHealthy = 0, expectedPods = 0, disruptionsAllowed = 0;
        var disrupted = new JsonObject();
        foreach (var item in items)
        {
            if (item.Status is not JsonObject s) continue;
            currentHealthy += JsonPath.LongOrZero(s, "currentHealthy");
            desiredHealthy += JsonPath.LongOrZero(s, "desiredHealthy");
            expectedPods += JsonPath.LongOrZero(s, "expectedPods");
            disruptionsAllowed += JsonPath.LongOrZero(s, "disruptionsAllowed");
            foreach (var (pod, time) in JsonPath.Obj(s, "disruptedPods") ?? []) disrupted[item.ClusterName + "/" + pod] = time?.DeepClone();
        }
        var updated = (JsonObject)old.DeepClone();
        if (disrupted.Count > 0) updated["disruptedPods"] = disrupted;
        else updated.Remove("disruptedPods");
        updated["disruptionsAllowed"] = disruptionsAllowed;
        updated["currentHealthy"] = currentHealthy;
        updated["desiredHealthy"] = desiredHealthy;
        updated["expectedPods"] = expectedPods;
        return Changed(old, updated);
    }

    private static JsonObject? HorizontalPodAutoscaler(JsonObject template, IReadOnlyList<ClusterStatusItem> items)
    {
        var old = OldStatus(template);
        long current = 0, desired = 0;
        foreach (var item in items)
        {
            if (item.Status is not JsonObject s) continue;
            current += JsonPath.LongOrZero(s, "currentReplicas");
            desired += JsonPath.LongOrZero(s, "desiredReplicas");
        }
        var updated = (JsonObject)old.DeepClone();
        JsonPath.SetOmitZero(updated, "currentReplicas", current);
        updated["desiredReplicas"] = desired;
        return Changed(old, updated);
    }
}
