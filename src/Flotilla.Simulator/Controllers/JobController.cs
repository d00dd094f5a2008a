using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>Job → pods: keeps min(parallelism, remaining completions) pods active, counts succeeded and failed pods,
/// and sets Complete (+SuccessCriteriaMet) or Failed (BackoffLimitExceeded) as the job controller does.</summary>
internal sealed class JobController(SimContext ctx) : IReconciler<ObjectKey>
{
    private readonly CreationExpectations _expectations = new(ctx.Time);

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var job = ctx.Informer(SimResources.Jobs).Cache.Get(key);
        if (job is null || job.IsDeleting()) return ReconcileResult.Done;
        var status = job["status"] as JsonObject;
        if (IsFinished(status)) return ReconcileResult.Done;
        var spec = job["spec"] as JsonObject ?? new JsonObject();
        var uid = job.Uid();
        var completions = spec["completions"] is null && spec["parallelism"] is not null ? (int?)null : PodUtil.Int(spec["completions"], 1);
        var parallelism = PodUtil.Int(spec["parallelism"], 1);
        var backoffLimit = PodUtil.Int(spec["backoffLimit"], 6);
        var suspended = spec["suspend"] is JsonValue sv && sv.TryGetValue<bool>(out var sb) && sb;
        var pods = ctx.OwnedBy(SimResources.Pods, uid).ToList();
        var succeeded = pods.Count(p => PodUtil.Phase(p) == "Succeeded");
        var failed = pods.Count(p => PodUtil.Phase(p) == "Failed");
        var active = pods.Where(PodUtil.IsActive).ToList();
        var done = completions is { } c ? succeeded >= c : succeeded > 0 && active.Count == 0;
        var failedOut = failed > backoffLimit;

        if (!done && !failedOut && !suspended)
        {
            var want = completions is { } comp ? Math.Min(parallelism, comp - succeeded) : (succeeded > 0 ? 0 : parallelism);
            var template = spec["template"] as JsonObject ?? new JsonObject();
            var unseen = _expectations.Unseen(key, pods.Select(p => p.Name()!));
            for (var i = active.Count + unseen; i < want; i++)
            {
                var pod = PodUtil.NewPod(job, template, key.Name + "-" + PodUtil.RandomSuffix(),
                    [new("batch.kubernetes.io/controller-uid", uid!), new("batch.kubernetes.io/job-name", key.Name),
                     new("controller-uid", uid!), new("job-name", key.Name)]);
                await ctx.Client.CreateAsync(SimResources.Pods, pod, null, ct).ConfigureAwait(false);
                _expectations.Created(key, pod.Name()!);
            }
        }
        if ((done || failedOut || suspended) && active.Count > 0)
            foreach (var p in active) await ctx.Client.DeleteAsync(SimResources.Pods, key.Namespace, p.Name()!, null, ct).ConfigureAwait(false);

        var now = ctx.Now;
        var nowText = ctx.NowText;
        await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.Jobs, job, s =>
        {
            s["startTime"] ??= nowText;
            SetOrRemove(s, "active", done || failedOut ? 0 : active.Count);
            SetOrRemove(s, "succeeded", succeeded);
            SetOrRemove(s, "failed", failed);
            s["ready"] = active.Count(PodUtil.IsReady);
            s["terminating"] = 0;
            if (s["uncountedTerminatedPods"] is null) s["uncountedTerminatedPods"] = new JsonObject();
            if (done || failedOut)
            {
                if (s["conditions"] is not JsonArray conds) s["conditions"] = conds = [];
                if (done)
                {
                    s["completionTime"] ??= nowText;
                    Conditions.Set(conds, new Condition("SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods"), now);
                    Conditions.Set(conds, new Condition("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods"), now);
                }
                else
                {
                    Conditions.Set(conds, new Condition("FailureTarget", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit"), now);
                    Conditions.Set(conds, new Condition("Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit"), now);
                }
            }
        }, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    public static bool IsFinished(JsonObject? status) =>
        (status?["conditions"] as JsonArray)?.OfType<JsonObject>().Any(c => c.GetString("type") is "Complete" or "Failed" && c.GetString("status") == "True") ?? false;

    private static void SetOrRemove(JsonObject s, string field, int value)
    {
        if (value == 0) s.Remove(field);
        else s[field] = value;
    }
}
