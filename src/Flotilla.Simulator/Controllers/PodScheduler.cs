using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Selectors;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>
/// Binds pending pods to nodes by resource requests, pod count, node selectors, required node affinity and taints,
/// spreading onto the least-requested node; pods that fit nowhere get PodScheduled=False/Unschedulable with
/// kube-scheduler's message. Bindings not yet visible in the cache are "assumed" so two pods never overcommit a node.
/// </summary>
internal sealed class PodScheduler(SimContext ctx) : IReconciler<ObjectKey>
{
    private readonly ConcurrentDictionary<ObjectKey, (string Node, Dictionary<string, Quantity> Requests)> _assumed = new();
    private readonly SemaphoreSlim _bind = new(1, 1);
    private readonly PodUsageIndex _usage = PodUsageIndex.Following(ctx.Informer(SimResources.Pods));

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var pod = ctx.Informer(SimResources.Pods).Cache.Get(key);
        if (pod is null || pod.IsDeleting() || PodUtil.IsTerminal(pod))
        {
            _assumed.TryRemove(key, out _);
            return ReconcileResult.Done;
        }
        if (PodUtil.NodeName(pod) is not null)
        {
            _assumed.TryRemove(key, out _);
            return ReconcileResult.Done;
        }
        if (_assumed.ContainsKey(key)) return ReconcileResult.Done;

        await _bind.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var spec = pod["spec"] as JsonObject ?? new JsonObject();
            var requests = PodUtil.Requests(spec);
            var nodes = ctx.Informer(SimResources.Nodes).Cache.List().OrderBy(n => n.Name(), StringComparer.Ordinal).ToList();
            var used = UsedByNode();
            var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
            JsonObject? best = null;
            double bestScore = double.MaxValue;
            foreach (var node in nodes)
            {
                var why = Fit(node, spec, requests, used.GetValueOrDefault(node.Name()!));
                if (why is not null)
                {
                    reasons[why] = reasons.GetValueOrDefault(why) + 1;
                    continue;
                }
                var score = Utilisation(node, used.GetValueOrDefault(node.Name()!), requests);
                if (score < bestScore) { bestScore = score; best = node; }
            }
            if (best is null)
            {
                var message = $"0/{nodes.Count} nodes are available: " +
                    string.Join(", ", reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}")) + ".";
                if (nodes.Count == 0) message = "no nodes available to schedule pods";
                await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.Pods, pod, s =>
                {
                    s["phase"] = "Pending";
                    if (s["conditions"] is not JsonArray conds) s["conditions"] = conds = [];
                    Conditions.Set(conds, new Condition("PodScheduled", "False", "Unschedulable", message), ctx.Now);
                }, ct).ConfigureAwait(false);
                return ReconcileResult.Done; // node or pod changes re-enqueue pending pods
            }
            var bound = pod.DeepCloneObject();
            ((JsonObject)bound["spec"]!)["nodeName"] = best.Name();
            _assumed[key] = (best.Name()!, requests);
            try
            {
                var written = await ctx.Client.UpdateAsync(SimResources.Pods, bound, null, ct).ConfigureAwait(false);
                await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.Pods, written, s =>
                {
                    s["phase"] = "Pending";
                    if (s["conditions"] is not JsonArray conds) s["conditions"] = conds = [];
                    Conditions.Set(conds, new Condition("PodScheduled", "True", ""), ctx.Now);
                    ((JsonObject)conds.OfType<JsonObject>().First(c => c.GetString("type") == "PodScheduled")).Remove("reason");
                    s["hostIP"] = HostIp(best);
                    s["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = HostIp(best) });
                }, ct).ConfigureAwait(false);
            }
            catch
            {
                _assumed.TryRemove(key, out _);
                throw;
            }
            return ReconcileResult.Done;
        }
        finally
        {
            _bind.Release();
        }
    }

    private static string HostIp(JsonObject node) =>
        (node["status"]?["addresses"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(a => a.GetString("type") == "InternalIP").GetString("address") ?? "10.0.0.1";

    private Dictionary<string, (Dictionary<string, Quantity> Requests, int Pods)> UsedByNode()
    {
        var used = _usage.Snapshot();
        foreach (var (k, (node, req)) in _assumed)
            if (!_usage.Counts(k)) PodUsageIndex.Count(used, node, req, +1); // else the binding is visible now
        return used;
    }

    /// <summary>Null when the pod fits the node, else kube-scheduler's short reason.</summary>
    private static string? Fit(JsonObject node, JsonObject podSpec, Dictionary<string, Quantity> requests, (Dictionary<string, Quantity> Requests, int Pods) used)
    {
        var ready = (node["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().Any(c => c.GetString("type") == "Ready" && c.GetString("status") == "True") ?? false;
        if (!ready) return "node(s) were not ready";
        if (node["spec"]?["unschedulable"] is JsonValue u && u.TryGetValue<bool>(out var un) && un) return "node(s) were unschedulable";
        var labels = node.Labels();
        if (podSpec["nodeSelector"] is JsonObject ns)
            foreach (var (k, v) in ns)
                if (!labels.TryGetValue(k, out var lv) || lv != v?.GetValue<string>()) return "node(s) didn't match Pod's node affinity/selector";
        if (!MatchesRequiredAffinity(podSpec, labels)) return "node(s) didn't match Pod's node affinity/selector";
        if (UntoleratedTaint(node, podSpec) is { } taint) return $"node(s) had untolerated taint {{{taint}}}";
        var alloc = node["status"]?["allocatable"] as JsonObject;
        var podsCap = Quantity.TryParse(alloc.GetString("pods"), out var pc) ? pc.Value : 110;
        if (used.Pods + 1 > podsCap) return "Too many pods";
        foreach (var (r, q) in requests)
        {
            if (q.IsZero) continue;
            if (!Quantity.TryParse(alloc.GetString(r), out var cap)) return $"Insufficient {r}";
            var have = used.Requests?.GetValueOrDefault(r) ?? Quantity.Zero;
            if (have + q > cap) return $"Insufficient {r}";
        }
        return null;
    }

    private static bool MatchesRequiredAffinity(JsonObject podSpec, IReadOnlyDictionary<string, string> labels)
    {
        if (podSpec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"] is not JsonArray terms || terms.Count == 0)
            return true;
        foreach (var term in terms.OfType<JsonObject>())
        {
            if (term["matchExpressions"] is not JsonArray exprs) continue;
            try
            {
                if (LabelSelector.FromJson(new JsonObject { ["matchExpressions"] = exprs.DeepClone() }).Matches(labels)) return true;
            }
            catch (FormatException)
            {
            }
        }
        return false;
    }

    private static string? UntoleratedTaint(JsonObject node, JsonObject podSpec)
    {
        if (node["spec"]?["taints"] is not JsonArray taints) return null;
        var tolerations = (podSpec["tolerations"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        foreach (var t in taints.OfType<JsonObject>())
        {
            var effect = t.GetString("effect");
            if (effect is not ("NoSchedule" or "NoExecute")) continue;
            var key = t.GetString("key") ?? "";
            var value = t.GetString("value") ?? "";
            var tolerated = tolerations.Any(tol =>
            {
                var te = tol.GetString("effect");
                if (!string.IsNullOrEmpty(te) && te != effect) return false;
                var tk = tol.GetString("key") ?? "";
                if (tol.GetString("operator") == "Exists") return tk.Length == 0 || tk == key;
                return tk == key && (tol.GetString("value") ?? "") == value;
            });
            if (!tolerated) return value.Length == 0 ? $"{key}: " : $"{key}: {value}";
        }
        return null;
    }

    private static double Utilisation(JsonObject node, (Dictionary<string, Quantity> Requests, int Pods) used, Dictionary<string, Quantity> add)
    {
        var alloc = node["status"]?["allocatable"] as JsonObject;
        double score = 0;
        foreach (var r in new[] { "cpu", "memory" })
        {
            if (!Quantity.TryParse(alloc.GetString(r), out var cap) || cap.IsZero) continue;
            var have = (used.Requests?.GetValueOrDefault(r) ?? Quantity.Zero) + add.GetValueOrDefault(r);
            score += (double)have.MilliValue / cap.MilliValue;
        }
        var podsCap = Quantity.TryParse(alloc.GetString("pods"), out var pc) && pc.Value > 0 ? pc.Value : 110;
        return score + (double)(used.Pods + 1) / podsCap;
    }
}
