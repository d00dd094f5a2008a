using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>CronJob → Jobs on schedule (name-&lt;scheduled minutes since epoch&gt;), honouring suspend,
/// concurrencyPolicy and the history limits; status lastScheduleTime, lastSuccessfulTime, active.</summary>
internal sealed class CronJobController(SimContext ctx) : IReconciler<ObjectKey>
{
    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var cj = ctx.Informer(SimResources.CronJobs).Cache.Get(key);
        if (cj is null || cj.IsDeleting()) return ReconcileResult.Done;
        var spec = cj["spec"] as JsonObject ?? new JsonObject();
        CronSchedule schedule;
        try { schedule = CronSchedule.Parse(spec.GetString("schedule") ?? ""); }
        catch (FormatException) { return ReconcileResult.Done; }
        var uid = cj.Uid();
        var jobs = ctx.OwnedBy(SimResources.Jobs, uid)
            .OrderBy(j => j.Metadata().GetString("creationTimestamp"), StringComparer.Ordinal).ToList();
        var active = jobs.Where(j => !JobController.IsFinished(j["status"] as JsonObject)).ToList();
        var status = cj["status"] as JsonObject;
        var last = Time(status.GetString("lastScheduleTime")) ?? Time(cj.Metadata().GetString("creationTimestamp")) ?? ctx.Now;
        var next = schedule.Next(last);
        var now = ctx.Now;
        var suspended = spec["suspend"] is JsonValue sv && sv.TryGetValue<bool>(out var s) && s;
        string? scheduled = null;
        if (next <= now && !suspended)
        {
            // catch up only the most recent missed time, as the controller does
            var latest = next;
            for (var t = schedule.Next(next); t <= now; t = schedule.Next(t)) latest = t;
            var policy = spec.GetString("concurrencyPolicy") ?? "Allow";
            if (policy == "Forbid" && active.Count > 0) { /* skip this run */ }
            else
            {
                if (policy == "Replace")
                    foreach (var a in active)
                        await ctx.Client.DeleteAsync(SimResources.Jobs, key.Namespace, a.Name()!, new Flotilla.Core.Client.DeleteOptions { PropagationPolicy = "Background" }, ct).ConfigureAwait(false);
                var name = key.Name + "-" + (latest.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture);
                var tmpl = spec["jobTemplate"] as JsonObject ?? new JsonObject();
                var meta = (tmpl["metadata"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
                meta["name"] = name;
                meta["namespace"] = key.Namespace;
                meta["ownerReferences"] = new JsonArray(PodUtil.OwnerRef(cj));
                if (meta["annotations"] is not JsonObject ann) meta["annotations"] = ann = new JsonObject();
                ann["batch.kubernetes.io/cronjob-scheduled-timestamp"] = latest.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                var job = new JsonObject { ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["metadata"] = meta, ["spec"] = tmpl["spec"]?.DeepClone() ?? new JsonObject() };
                try { await ctx.Client.CreateAsync(SimResources.Jobs, job, null, ct).ConfigureAwait(false); }
                catch (ApiStatusException e) when (e.IsAlreadyExists) { }
            }
            scheduled = latest.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            next = schedule.Next(latest);
        }

        // history limits
        var succeededJobs = jobs.Where(j => IsCondition(j, "Complete")).ToList();
        var failedJobs = jobs.Where(j => IsCondition(j, "Failed")).ToList();
        await TrimAsync(succeededJobs, PodUtil.Int(spec["successfulJobsHistoryLimit"], 3), ct).ConfigureAwait(false);
        await TrimAsync(failedJobs, PodUtil.Int(spec["failedJobsHistoryLimit"], 1), ct).ConfigureAwait(false);

        await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.CronJobs, cj, st =>
        {
            if (scheduled is not null) st["lastScheduleTime"] = scheduled;
            var lastOk = succeededJobs.Select(j => j["status"]?["completionTime"]?.GetValue<string>()).Where(t => t is not null).Max(StringComparer.Ordinal);
            if (lastOk is not null) st["lastSuccessfulTime"] = lastOk;
            if (active.Count > 0)
                st["active"] = new JsonArray(active.Select(a => (JsonNode)new JsonObject
                {
                    ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["name"] = a.Name(), ["namespace"] = a.Namespace(), ["uid"] = a.Uid(),
                    ["resourceVersion"] = a.ResourceVersion(),
                }).ToArray());
            else st.Remove("active");
        }, ct).ConfigureAwait(false);
        var wait = next - ctx.Now;
        return ReconcileResult.After(wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1));
    }

    private async Task TrimAsync(List<JsonObject> finished, int keep, CancellationToken ct)
    {
        for (var i = 0; i < finished.Count - keep; i++)
            await ctx.Client.DeleteAsync(SimResources.Jobs, finished[i].Namespace(), finished[i].Name()!,
                new Flotilla.Core.Client.DeleteOptions { PropagationPolicy = "Background" }, ct).ConfigureAwait(false);
    }

    private static bool IsCondition(JsonObject job, string type) =>
        (job["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().Any(c => c.GetString("type") == type && c.GetString("status") == "True") ?? false;

    private static DateTimeOffset? Time(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
