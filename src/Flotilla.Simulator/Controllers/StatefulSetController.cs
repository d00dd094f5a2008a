using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>StatefulSet → pods name-0..n-1: OrderedReady creates the next ordinal only when the previous is Ready
/// (Parallel creates all), scales down from the highest ordinal, rolls template changes from the highest ordinal
/// one pod at a time, and reports status.</summary>
internal sealed class StatefulSetController(SimContext ctx) : IReconciler<ObjectKey>
{
    private const string RevisionLabel = "controller-revision-hash";

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var sts = ctx.Informer(SimResources.StatefulSets).Cache.Get(key);
        if (sts is null || sts.IsDeleting()) return ReconcileResult.Done;
        var uid = sts.Uid();
        var spec = sts["spec"] as JsonObject ?? new JsonObject();
        var replicas = PodUtil.Int(spec["replicas"], 1);
        var template = spec["template"] as JsonObject ?? new JsonObject();
        var revision = key.Name + "-" + PodUtil.TemplateHash(template);
        var parallel = spec.GetString("podManagementPolicy") == "Parallel";
        var pods = ctx.OwnedBy(SimResources.Pods, uid)
            .ToDictionary(p => Ordinal(key.Name, p.Name()!), p => p);

        // create missing ordinals
        for (var i = 0; i < replicas; i++)
        {
            if (pods.ContainsKey(i)) continue;
            if (!parallel && Enumerable.Range(0, i).Any(j => !pods.TryGetValue(j, out var prev) || !PodUtil.IsReady(prev))) break;
            var name = key.Name + "-" + i.ToString(CultureInfo.InvariantCulture);
            var pod = PodUtil.NewPod(sts, template, name, [new(RevisionLabel, revision), new("statefulset.kubernetes.io/pod-name", name),
                new("apps.kubernetes.io/pod-index", i.ToString(CultureInfo.InvariantCulture))]);
            ((JsonObject)pod["spec"]!)["hostname"] = name;
            if (spec.GetString("serviceName") is { Length: > 0 } svc) ((JsonObject)pod["spec"]!)["subdomain"] = svc;
            try { await ctx.Client.CreateAsync(SimResources.Pods, pod, null, ct).ConfigureAwait(false); }
            catch (ApiStatusException e) when (e.IsAlreadyExists) { }
            if (!parallel) break;
        }
        // scale down from the highest ordinal
        foreach (var (ordinal, pod) in pods.OrderByDescending(p => p.Key))
        {
            if (ordinal < replicas || pod.IsDeleting()) continue;
            await ctx.Client.DeleteAsync(SimResources.Pods, key.Namespace, pod.Name()!, null, ct).ConfigureAwait(false);
            if (!parallel) break;
        }
        // rolling update: replace the highest outdated ordinal once every pod is ready
        var inRange = pods.Where(p => p.Key < replicas).ToList();
        var allReady = inRange.Count == replicas && inRange.All(p => PodUtil.IsReady(p.Value));
        var rollingUpdate = spec["updateStrategy"]?["type"]?.GetValue<string>() != "OnDelete";
        if (rollingUpdate && allReady)
        {
            var outdated = inRange.Where(p => p.Value.Label(RevisionLabel) != revision && !p.Value.IsDeleting())
                .OrderByDescending(p => p.Key).FirstOrDefault();
            if (outdated.Value is not null)
                await ctx.Client.DeleteAsync(SimResources.Pods, key.Namespace, outdated.Value.Name()!, null, ct).ConfigureAwait(false);
        }

        var current = inRange.Where(p => !p.Value.IsDeleting()).ToList();
        var ready = current.Count(p => PodUtil.IsReady(p.Value));
        var updated = current.Count(p => p.Value.Label(RevisionLabel) == revision);
        await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.StatefulSets, sts, s =>
        {
            s["observedGeneration"] = sts.Generation();
            s["replicas"] = current.Count;
            s["readyReplicas"] = ready;
            s["currentReplicas"] = updated == current.Count ? current.Count : current.Count - updated;
            s["updatedReplicas"] = updated;
            s["availableReplicas"] = ready;
            s["updateRevision"] = revision;
            s["currentRevision"] = updated == current.Count ? revision : s.GetString("currentRevision") ?? revision;
            s["collisionCount"] = 0;
        }, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private static int Ordinal(string setName, string podName) =>
        podName.Length > setName.Length + 1 && int.TryParse(podName.AsSpan(setName.Length + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue;
}
