using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>DaemonSet → one pod per eligible node (node selector and taints), replaced when the template changes
/// (one unavailable at a time), with the status a real controller reports.</summary>
internal sealed class DaemonSetController(SimContext ctx) : IReconciler<ObjectKey>
{
    private const string HashLabel = "controller-revision-hash";

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var ds = ctx.Informer(SimResources.DaemonSets).Cache.Get(key);
        if (ds is null || ds.IsDeleting()) return ReconcileResult.Done;
        var uid = ds.Uid();
        var template = ds["spec"]?["template"] as JsonObject ?? new JsonObject();
        var hash = PodUtil.TemplateHash(template);
        var podSpec = template["spec"] as JsonObject ?? new JsonObject();
        var nodes = ctx.Informer(SimResources.Nodes).Cache.List().Where(n => Eligible(n, podSpec)).Select(n => n.Name()!).ToHashSet(StringComparer.Ordinal);
        var pods = ctx.OwnedBy(SimResources.Pods, uid).Where(p => !p.IsDeleting()).ToList();
        var byNode = pods.GroupBy(p => PodUtil.NodeName(p) ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var node in nodes)
        {
            if (byNode.ContainsKey(node)) continue;
            var pod = PodUtil.NewPod(ds, template, key.Name + "-" + PodUtil.RandomSuffix(), [new(HashLabel, hash)]);
            ((JsonObject)pod["spec"]!)["nodeName"] = node;
            await ctx.Client.CreateAsync(SimResources.Pods, pod, null, ct).ConfigureAwait(false);
        }
        var misscheduled = 0;
        foreach (var (node, list) in byNode)
        {
            if (!nodes.Contains(node))
            {
                misscheduled += list.Count;
                foreach (var p in list) await ctx.Client.DeleteAsync(SimResources.Pods, key.Namespace, p.Name()!, null, ct).ConfigureAwait(false);
                continue;
            }
            foreach (var extra in list.Skip(1)) await ctx.Client.DeleteAsync(SimResources.Pods, key.Namespace, extra.Name()!, null, ct).ConfigureAwait(false);
        }
        // rolling update: one outdated pod at a time, only while every other pod is ready
        var outdated = pods.Where(p => p.Label(HashLabel) != hash && nodes.Contains(PodUtil.NodeName(p) ?? "")).ToList();
        if (outdated.Count > 0 && pods.Count(PodUtil.IsReady) >= pods.Count - 1)
            await ctx.Client.DeleteAsync(SimResources.Pods, key.Namespace, outdated[0].Name()!, null, ct).ConfigureAwait(false);

        var onEligible = pods.Where(p => nodes.Contains(PodUtil.NodeName(p) ?? "")).ToList();
        var ready = onEligible.Count(PodUtil.IsReady);
        await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.DaemonSets, ds, s =>
        {
            s["observedGeneration"] = ds.Generation();
            s["desiredNumberScheduled"] = nodes.Count;
            s["currentNumberScheduled"] = onEligible.Count;
            s["numberMisscheduled"] = misscheduled;
            s["numberReady"] = ready;
            s["numberAvailable"] = ready;
            s["updatedNumberScheduled"] = onEligible.Count(p => p.Label(HashLabel) == hash);
            var unavailable = nodes.Count - ready;
            if (unavailable > 0) s["numberUnavailable"] = unavailable; else s.Remove("numberUnavailable");
            if (ready == 0) s.Remove("numberAvailable");
        }, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private static bool Eligible(JsonObject node, JsonObject podSpec)
    {
        var labels = node.Labels();
        if (podSpec["nodeSelector"] is JsonObject sel)
            foreach (var (k, v) in sel)
                if (!labels.TryGetValue(k, out var lv) || lv != v?.GetValue<string>()) return false;
        if (node["spec"]?["taints"] is JsonArray taints)
        {
            var tolerations = (podSpec["tolerations"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            foreach (var t in taints.OfType<JsonObject>())
            {
                if (t.GetString("effect") is not ("NoSchedule" or "NoExecute")) continue;
                var k = t.GetString("key");
                if (!tolerations.Any(tol => tol.GetString("operator") == "Exists" && (tol.GetString("key") is null or "" || tol.GetString("key") == k)
                        || tol.GetString("key") == k && tol.GetString("value") == t.GetString("value")))
                    return false;
            }
        }
        return true;
    }
}
