using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>
/// The kubelet of every simulated node: a bound pod becomes Running and Ready after the startup delay (with a pod IP
/// and container statuses); a Job's pod succeeds after its run time; pods matching an injected fault crash-loop
/// (Running, not ready, restarts counting up) until healed.
/// </summary>
internal sealed class Kubelet(SimContext ctx) : IReconciler<ObjectKey>
{
    private int _nextIp;

    // API timestamps have whole-second precision; delays and run times shorter than a second are measured from the
    // moment this kubelet first saw the pod bound and started it, kept here (per pod UID) while the pod runs.
    private readonly ConcurrentDictionary<ObjectKey, PreciseTimes> _times = new();

    private sealed record PreciseTimes(string Uid, DateTimeOffset Bound)
    {
        public DateTimeOffset? Started { get; set; }
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var pod = ctx.Informer(SimResources.Pods).Cache.Get(key);
        if (pod is null || pod.IsDeleting() || PodUtil.NodeName(pod) is null || PodUtil.IsTerminal(pod))
        {
            _times.TryRemove(key, out _);
            return ReconcileResult.Done;
        }
        var status = pod["status"] as JsonObject ?? new JsonObject();
        // Pods created already bound (DaemonSet pods, spec.nodeName set by the user) never pass the scheduler: the
        // kubelet reports PodScheduled=True for them, as the real one does, and their start counts from creation.
        var uid = pod.Uid() ?? "";
        var times = _times.AddOrUpdate(key, _ => new PreciseTimes(uid, Precise(ScheduledAt(status) ?? CreatedAt(pod))),
            (_, t) => t.Uid == uid ? t : new PreciseTimes(uid, Precise(ScheduledAt(status) ?? CreatedAt(pod))));
        var startAt = times.Bound + ctx.Options.PodStartupDelay;
        if (ctx.Now < startAt) return ReconcileResult.After(startAt - ctx.Now);

        var failing = ctx.Faults.IsFailing(pod.Labels());
        var runsToCompletion = IsRunToCompletion(pod);
        times.Started ??= StartedAt(status) is { } parsed && ctx.Now - parsed >= TimeSpan.FromSeconds(1) ? parsed : ctx.Now;
        var finishAt = times.Started.Value + ctx.Options.JobPodDuration;
        var succeed = runsToCompletion && !failing && ctx.Now >= finishAt;
        var now = ctx.NowText;
        await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.Pods, pod, s =>
        {
            s["phase"] = succeed ? "Succeeded" : "Running";
            s["podIP"] ??= NextPodIp(pod);
            s["podIPs"] = new JsonArray(new JsonObject { ["ip"] = s["podIP"]!.DeepClone() });
            s["startTime"] ??= now;
            s["qosClass"] ??= "BestEffort";
            var started = s.GetString("startTime") ?? now;
            var containers = new JsonArray();
            var old = (s["containerStatuses"] as JsonArray)?.OfType<JsonObject>().ToDictionary(c => c.GetString("name") ?? "", StringComparer.Ordinal)
                ?? new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var c in (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                var name = c.GetString("name") ?? "";
                var prev = old.GetValueOrDefault(name);
                var restarts = PodUtil.Int(prev?["restartCount"]);
                JsonObject state;
                if (succeed)
                    state = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = started, ["finishedAt"] = now } };
                else if (failing)
                {
                    var wasCrashing = prev?["state"]?["waiting"] is not null;
                    if (!wasCrashing) restarts++;
                    state = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = $"back-off restarting failed container {name}" } };
                }
                else
                    state = prev?["state"]?["running"] is JsonObject running
                        ? new JsonObject { ["running"] = running.DeepClone() }
                        : new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } };
                containers.Add(new JsonObject
                {
                    ["name"] = name,
                    ["image"] = c.GetString("image"),
                    ["imageID"] = "sim://" + c.GetString("image"),
                    ["containerID"] = prev?["containerID"]?.DeepClone() ?? "sim://" + PodUtil.RandomSuffix(12),
                    ["ready"] = !failing && !succeed,
                    ["started"] = !failing && !succeed,
                    ["restartCount"] = restarts,
                    ["state"] = state,
                });
            }
            s["containerStatuses"] = containers;
            if (s["conditions"] is not JsonArray conds) s["conditions"] = conds = [];
            var ready = !failing && !succeed;
            var t = ctx.Now;
            if (ConditionTime(s, "PodScheduled") is null) Conditions.Set(conds, new Condition("PodScheduled", "True", ""), t);
            Conditions.Set(conds, new Condition("Initialized", "True", ""), t);
            Conditions.Set(conds, ready ? new Condition("Ready", "True", "") : new Condition("Ready", "False", succeed ? "PodCompleted" : "ContainersNotReady",
                succeed ? "" : "containers with unready status: [" + string.Join(" ", containers.OfType<JsonObject>().Select(x => x.GetString("name"))) + "]"), t);
            Conditions.Set(conds, ready ? new Condition("ContainersReady", "True", "") : new Condition("ContainersReady", "False", succeed ? "PodCompleted" : "ContainersNotReady"), t);
            foreach (var cond in conds.OfType<JsonObject>())
                if (cond.GetString("reason") == "") cond.Remove("reason");
        }, ct).ConfigureAwait(false);
        if (runsToCompletion && !succeed && !failing)
            return ReconcileResult.After(finishAt > ctx.Now ? finishAt - ctx.Now : TimeSpan.FromMilliseconds(10));
        return ReconcileResult.Done;
    }

    /// <summary>A whole-second API time less than a second old stands for "now" (the truncation would shorten delays).</summary>
    private DateTimeOffset Precise(DateTimeOffset? parsed) =>
        parsed is { } t && ctx.Now - t >= TimeSpan.FromSeconds(1) ? t : ctx.Now;

    private static bool IsRunToCompletion(JsonObject pod)
    {
        var restart = (pod["spec"] as JsonObject).GetString("restartPolicy");
        return restart is "Never" or "OnFailure";
    }

    private string NextPodIp(JsonObject pod)
    {
        var node = PodUtil.NodeName(pod) ?? "";
        var idx = node.LastIndexOf('-') is var dash and >= 0 && int.TryParse(node.AsSpan(dash + 1), out var n) ? n : 0;
        var i = Interlocked.Increment(ref _nextIp);
        return $"10.244.{idx}.{(i % 250) + 2}";
    }

    private static DateTimeOffset? CreatedAt(JsonObject pod) =>
        DateTimeOffset.TryParse(pod.Metadata().GetString("creationTimestamp"), null, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static DateTimeOffset? ScheduledAt(JsonObject? status) => ConditionTime(status, "PodScheduled");

    private static DateTimeOffset? StartedAt(JsonObject? status) =>
        DateTimeOffset.TryParse(status.GetString("startTime"), null, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static DateTimeOffset? ConditionTime(JsonObject? status, string type)
    {
        if (status?["conditions"] is not JsonArray conds) return null;
        foreach (var c in conds.OfType<JsonObject>())
            if (c.GetString("type") == type && c.GetString("status") == "True"
                && DateTimeOffset.TryParse(c.GetString("lastTransitionTime"), null, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
                return t;
        return null;
    }
}
