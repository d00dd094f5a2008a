using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>ReplicaSet → Pods: creates or deletes owned pods to match spec.replicas and reports status, as the
/// kube-controller-manager's replicaset controller does.</summary>
internal sealed class ReplicaSetController(SimContext ctx) : IReconciler<ObjectKey>
{
    private readonly CreationExpectations _expectations = new(ctx.Time);

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var rs = ctx.Informer(SimResources.ReplicaSets).Cache.Get(key);
        if (rs is null || rs.IsDeleting()) return ReconcileResult.Done;
        var uid = rs.Uid();
        var pods = ctx.OwnedBy(SimResources.Pods, uid).ToList();
        var active = pods.Where(PodUtil.IsActive).ToList();
        var want = PodUtil.Int(rs["spec"]?["replicas"], 1);
        var diff = want - active.Count - _expectations.Unseen(key, pods.Select(p => p.Name()!));
        if (diff > 0)
        {
            var template = rs["spec"]?["template"] as JsonObject ?? new JsonObject();
            for (var i = 0; i < diff; i++)
            {
                var pod = PodUtil.NewPod(rs, template, key.Name + "-" + PodUtil.RandomSuffix());
                try
                {
                    await ctx.Client.CreateAsync(SimResources.Pods, pod, null, ct).ConfigureAwait(false);
                    _expectations.Created(key, pod.Name()!);
                }
                catch (ApiStatusException e) when (e.IsAlreadyExists) { i--; }
            }
        }
        else if (diff < 0)
        {
            // Kubernetes' deletion preference: unscheduled < scheduled, pending < running, not ready < ready, newer first.
            var victims = active
                .OrderBy(p => PodUtil.NodeName(p) is null ? 0 : 1)
                .ThenBy(p => PodUtil.Phase(p) == "Pending" ? 0 : 1)
                .ThenBy(p => PodUtil.IsReady(p) ? 1 : 0)
                .ThenByDescending(p => p.Metadata().GetString("creationTimestamp"), StringComparer.Ordinal)
                .Take(-diff);
            foreach (var p in victims)
                await ctx.Client.DeleteAsync(SimResources.Pods, key.Namespace, p.Name()!, null, ct).ConfigureAwait(false);
        }

        var labels = rs["spec"]?["template"]?["metadata"]?["labels"] as JsonObject;
        var ready = active.Count(PodUtil.IsReady);
        var fullyLabeled = active.Count(p => labels is null || labels.All(kv => p.Label(kv.Key) == kv.Value?.GetValue<string>()));
        await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.ReplicaSets, rs, s =>
        {
            s["replicas"] = active.Count;
            s["fullyLabeledReplicas"] = fullyLabeled;
            s["readyReplicas"] = ready;
            s["availableReplicas"] = ready;
            s["observedGeneration"] = rs.Generation();
            if (ready == 0) s.Remove("readyReplicas");
            if (ready == 0) s.Remove("availableReplicas");
        }, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }
}
