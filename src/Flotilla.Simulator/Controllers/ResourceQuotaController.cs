using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>ResourceQuota status: hard mirrors spec.hard; used counts what the namespace holds for each hard key
/// (pods, requests/limits of cpu and memory, object counts).</summary>
internal sealed class ResourceQuotaController(SimContext ctx) : IReconciler<ObjectKey>
{
    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var quota = ctx.Informer(SimResources.ResourceQuotas).Cache.Get(key);
        if (quota is null || quota.IsDeleting()) return ReconcileResult.Done;
        if (quota["spec"]?["hard"] is not JsonObject hard) return ReconcileResult.Done;
        var pods = ctx.Informer(SimResources.Pods).Cache.List(key.Namespace).Where(PodUtil.IsActive).ToList();
        var used = new JsonObject();
        foreach (var (name, _) in hard)
        {
            used[name] = name switch
            {
                "pods" or "count/pods" => Count(pods.Count),
                "requests.cpu" or "cpu" => Sum(pods, "requests", "cpu"),
                "requests.memory" or "memory" => Sum(pods, "requests", "memory"),
                "limits.cpu" => Sum(pods, "limits", "cpu"),
                "limits.memory" => Sum(pods, "limits", "memory"),
                "services" or "count/services" => Count(ctx.Informer(SimResources.Services).Cache.List(key.Namespace).Count),
                "configmaps" or "count/configmaps" => Count(ctx.Informer(SimResources.ConfigMaps).Cache.List(key.Namespace).Count),
                "secrets" or "count/secrets" => Count(ctx.Informer(SimResources.Secrets).Cache.List(key.Namespace).Count),
                "persistentvolumeclaims" or "count/persistentvolumeclaims" => Count(ctx.Informer(SimResources.PersistentVolumeClaims).Cache.List(key.Namespace).Count),
                _ => "0",
            };
        }
        await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.ResourceQuotas, quota, s =>
        {
            s["hard"] = hard.DeepClone();
            s["used"] = used;
        }, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Sum(List<JsonObject> pods, string kind, string resource)
    {
        var total = Quantity.Zero;
        foreach (var p in pods)
            foreach (var c in (p["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>() ?? [])
                if (Quantity.TryParse((c["resources"]?[kind] as JsonObject).GetString(resource), out var q)) total += q;
        return total.ToString();
    }
}
