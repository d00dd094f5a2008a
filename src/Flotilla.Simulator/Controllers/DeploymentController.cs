using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>Deployment → ReplicaSets with Kubernetes' naming (name-podTemplateHash), rolling updates that honour
/// maxSurge/maxUnavailable, Recreate, history cleanup, and the status a real controller reports.</summary>
internal sealed class DeploymentController(SimContext ctx) : IReconciler<ObjectKey>
{
    private const string HashLabel = "pod-template-hash";
    private const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var d = ctx.Informer(SimResources.Deployments).Cache.Get(key);
        if (d is null || d.IsDeleting()) return ReconcileResult.Done;
        var uid = d.Uid();
        var all = ctx.OwnedBy(SimResources.ReplicaSets, uid)
            .Where(rs => !rs.IsDeleting())
            .OrderBy(rs => rs.Metadata().GetString("creationTimestamp"), StringComparer.Ordinal)
            .ThenBy(rs => rs.Name(), StringComparer.Ordinal)
            .Select(rs => rs.DeepCloneObject())
            .ToList();
        var spec = d["spec"] as JsonObject ?? new JsonObject();
        var desired = PodUtil.Int(spec["replicas"], 1);
        var template = spec["template"] as JsonObject ?? new JsonObject();
        var hash = PodUtil.TemplateHash(template);
        var newRs = all.FirstOrDefault(rs => rs.Label(HashLabel) == hash);
        var olds = all.Where(rs => !ReferenceEquals(rs, newRs)).ToList();
        var recreate = spec["strategy"]?["type"]?.GetValue<string>() == "Recreate";
        var ru = spec["strategy"]?["rollingUpdate"] as JsonObject;
        var maxSurge = recreate ? 0 : PodUtil.IntOrPercent(ru?["maxSurge"] ?? "25%", desired, roundUp: true, 0);
        var maxUnavailable = recreate ? desired : PodUtil.IntOrPercent(ru?["maxUnavailable"] ?? "25%", desired, roundUp: false, 0);
        if (maxSurge == 0 && maxUnavailable == 0) maxUnavailable = 1;

        if (newRs is null)
        {
            var oldTotal = olds.Sum(Spec);
            var initial = recreate
                ? (olds.Sum(Actual) > 0 || oldTotal > 0 ? 0 : desired)
                : olds.Count == 0 ? desired : Math.Min(desired, Math.Max(0, desired + maxSurge - oldTotal));
            newRs = await CreateReplicaSetAsync(d, template, hash, initial, NextRevision(olds), ct).ConfigureAwait(false);
            all.Add(newRs);
        }

        if (recreate)
        {
            foreach (var old in olds.Where(o => Spec(o) > 0)) await ScaleAsync(old, 0, ct).ConfigureAwait(false);
            if (olds.Sum(Actual) == 0 && Spec(newRs) != desired) await ScaleAsync(newRs, desired, ct).ConfigureAwait(false);
        }
        else
        {
            // Scale the new ReplicaSet up to what the surge allows (or down to the desired count).
            var total = all.Sum(Spec);
            if (Spec(newRs) > desired) await ScaleAsync(newRs, desired, ct).ConfigureAwait(false);
            else if (Spec(newRs) < desired)
            {
                var target = Math.Min(desired, Spec(newRs) + Math.Max(0, desired + maxSurge - total));
                if (target > Spec(newRs)) await ScaleAsync(newRs, target, ct).ConfigureAwait(false);
            }
            await ScaleDownOldAsync(olds, newRs, all, desired, maxUnavailable, ct).ConfigureAwait(false);
        }

        await CleanupHistoryAsync(olds, PodUtil.Int(spec["revisionHistoryLimit"], 10), ct).ConfigureAwait(false);
        await WriteStatusAsync(d, all, newRs, desired, maxUnavailable, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    // kube-controller-manager's reconcileOldReplicaSets: first drop unhealthy old replicas, then scale healthy
    // ones down while keeping minAvailable pods available.
    private async Task ScaleDownOldAsync(List<JsonObject> olds, JsonObject newRs, List<JsonObject> all, int desired, int maxUnavailable, CancellationToken ct)
    {
        if (olds.Sum(Spec) == 0) return;
        // A ReplicaSet whose controller has not yet reported on its latest spec may still count pods that are being
        // removed: wait for it (its status update re-enqueues this Deployment) rather than scale down on stale numbers.
        if (all.Any(rs => PodUtil.Int(rs["status"]?["observedGeneration"]) < rs.Generation())) return;
        var minAvailable = desired - maxUnavailable;
        var newUnavailable = Math.Max(0, Spec(newRs) - Available(newRs));
        var maxScaledDown = all.Sum(Spec) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return;
        var cleaned = 0;
        foreach (var old in olds)
        {
            if (cleaned >= maxScaledDown) break;
            var unhealthy = Spec(old) - Available(old);
            if (unhealthy <= 0) continue;
            var down = Math.Min(maxScaledDown - cleaned, unhealthy);
            await ScaleAsync(old, Spec(old) - down, ct).ConfigureAwait(false);
            cleaned += down;
        }
        var available = all.Sum(Available);
        var remaining = available - minAvailable;
        foreach (var old in olds)
        {
            if (remaining <= 0) break;
            if (Spec(old) == 0) continue;
            var down = Math.Min(Spec(old), remaining);
            await ScaleAsync(old, Spec(old) - down, ct).ConfigureAwait(false);
            remaining -= down;
        }
    }

    private async Task<JsonObject> CreateReplicaSetAsync(JsonObject d, JsonObject template, string hash, int replicas, int revision, CancellationToken ct)
    {
        var t = (JsonObject)template.DeepClone();
        var tmeta = t["metadata"] as JsonObject ?? new JsonObject();
        t["metadata"] = tmeta;
        if (tmeta["labels"] is not JsonObject tl) tmeta["labels"] = tl = new JsonObject();
        tl[HashLabel] = hash;
        var selector = (d["spec"]?["selector"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        if (selector["matchLabels"] is not JsonObject ml) selector["matchLabels"] = ml = new JsonObject();
        ml[HashLabel] = hash;
        var labels = (tl.DeepClone() as JsonObject)!;
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = d.Name() + "-" + hash,
                ["namespace"] = d.Namespace(),
                ["labels"] = labels,
                ["annotations"] = new JsonObject
                {
                    [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/desired-replicas"] = PodUtil.Int(d["spec"]?["replicas"], 1).ToString(CultureInfo.InvariantCulture),
                },
                ["ownerReferences"] = new JsonArray(PodUtil.OwnerRef(d)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = selector,
                ["template"] = t,
            },
        };
        if (d["spec"]?["minReadySeconds"] is { } mrs) ((JsonObject)rs["spec"]!)["minReadySeconds"] = mrs.DeepClone();
        try
        {
            return await ctx.Client.CreateAsync(SimResources.ReplicaSets, rs, null, ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsAlreadyExists)
        {
            // The cache has not seen it yet: read it back.
            var existing = await ctx.Client.GetAsync(SimResources.ReplicaSets, d.Namespace(), d.Name() + "-" + hash, ct).ConfigureAwait(false);
            if (existing is null) throw;
            return existing;
        }
    }

    private async Task ScaleAsync(JsonObject rs, int replicas, CancellationToken ct)
    {
        if (Spec(rs) == replicas) return;
        var next = rs.DeepCloneObject();
        ((JsonObject)next["spec"]!)["replicas"] = replicas;
        var written = await ctx.Client.UpdateAsync(SimResources.ReplicaSets, next, null, ct).ConfigureAwait(false);
        // keep the local copy current so later steps of this pass see the new numbers
        rs["spec"] = written["spec"]!.DeepClone();
        rs.Metadata()["resourceVersion"] = written.ResourceVersion();
    }

    private async Task CleanupHistoryAsync(List<JsonObject> olds, int limit, CancellationToken ct)
    {
        var idle = olds.Where(o => Spec(o) == 0 && Actual(o) == 0).ToList();
        for (var i = 0; i < idle.Count - limit; i++)
            await ctx.Client.DeleteAsync(SimResources.ReplicaSets, idle[i].Namespace(), idle[i].Name()!, null, ct).ConfigureAwait(false);
    }

    private async Task WriteStatusAsync(JsonObject d, List<JsonObject> all, JsonObject newRs, int desired, int maxUnavailable, CancellationToken ct)
    {
        var replicas = all.Sum(Actual);
        var updated = Actual(newRs);
        var ready = all.Sum(rs => PodUtil.Int(rs["status"]?["readyReplicas"]));
        var available = all.Sum(Available);
        var unavailable = Math.Max(0, all.Sum(Spec) - available);
        var complete = updated == desired && replicas == desired && available == desired;
        var now = ctx.Now;
        await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.Deployments, d, s =>
        {
            s["observedGeneration"] = d.Generation();
            SetOrRemove(s, "replicas", replicas);
            SetOrRemove(s, "updatedReplicas", updated);
            SetOrRemove(s, "readyReplicas", ready);
            SetOrRemove(s, "availableReplicas", available);
            SetOrRemove(s, "unavailableReplicas", unavailable);
            if (s["conditions"] is not JsonArray conds) s["conditions"] = conds = [];
            var minAvailable = available >= desired - maxUnavailable;
            Conditions.Set(conds, new Condition("Available", minAvailable ? "True" : "False",
                minAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                minAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability."), now);
            Conditions.Set(conds, complete
                ? new Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{newRs.Name()}\" has successfully progressed.")
                : new Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{newRs.Name()}\" is progressing."), now);
            foreach (var c in conds.OfType<JsonObject>()) if (c["lastUpdateTime"] is null) c["lastUpdateTime"] = c["lastTransitionTime"]?.DeepClone();
        }, ct).ConfigureAwait(false);
    }

    private static void SetOrRemove(JsonObject s, string field, int value)
    {
        if (value == 0) s.Remove(field);
        else s[field] = value;
    }

    private static int NextRevision(List<JsonObject> olds) =>
        olds.Select(o => int.TryParse(o.Annotation(RevisionAnnotation), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0)
            .DefaultIfEmpty(0).Max() + 1;

    private static int Spec(JsonObject rs) => PodUtil.Int(rs["spec"]?["replicas"], 1);
    private static int Actual(JsonObject rs) => PodUtil.Int(rs["status"]?["replicas"]);
    /// <summary>Available pods, never more than the ReplicaSet is asked to keep (the rest are on their way out).</summary>
    private static int Available(JsonObject rs) => Math.Min(PodUtil.Int(rs["status"]?["availableReplicas"]), Spec(rs));
}
