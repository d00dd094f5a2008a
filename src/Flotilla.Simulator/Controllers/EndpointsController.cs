using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Selectors;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>Service → Endpoints and an EndpointSlice following the pods its selector matches (ready ones as
/// addresses, others as notReadyAddresses), resolving named target ports; LoadBalancer Services get an ingress IP.</summary>
internal sealed class EndpointsController(SimContext ctx) : IReconciler<ObjectKey>
{
    private static int _lbCounter;

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var svc = ctx.Informer(SimResources.Services).Cache.Get(key);
        if (svc is null || svc.IsDeleting()) return ReconcileResult.Done; // Endpoints go with the Service (owner/GC or delete below)
        var spec = svc["spec"] as JsonObject ?? new JsonObject();
        if (spec.GetString("type") == "LoadBalancer" && svc["status"]?["loadBalancer"]?["ingress"] is null)
        {
            var n = Interlocked.Increment(ref _lbCounter);
            await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.Services, svc, s =>
                s["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = $"172.18.{(n / 250) % 250}.{(n % 250) + 1}", ["ipMode"] = "VIP" }) },
                ct).ConfigureAwait(false);
        }
        if (spec["selector"] is not JsonObject selector || selector.Count == 0) return ReconcileResult.Done; // user-managed endpoints
        var sel = LabelSelector.FromJson(new JsonObject { ["matchLabels"] = selector.DeepClone() });
        var pods = ctx.Informer(SimResources.Pods).Cache.List(key.Namespace)
            .Where(p => !p.IsDeleting() && !PodUtil.IsTerminal(p) && (p["status"] as JsonObject).GetString("podIP") is not null && sel.Matches(p.Labels()))
            .OrderBy(p => p.Name(), StringComparer.Ordinal).ToList();
        var ports = spec["ports"] as JsonArray ?? [];

        var ready = new JsonArray();
        var notReady = new JsonArray();
        var sliceEndpoints = new JsonArray();
        foreach (var p in pods)
        {
            var ip = (p["status"] as JsonObject).GetString("podIP")!;
            var address = new JsonObject
            {
                ["ip"] = ip,
                ["nodeName"] = PodUtil.NodeName(p),
                ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = p.Namespace(), ["name"] = p.Name(), ["uid"] = p.Uid() },
            };
            var isReady = PodUtil.IsReady(p);
            (isReady ? ready : notReady).Add(address);
            sliceEndpoints.Add(new JsonObject
            {
                ["addresses"] = new JsonArray(ip),
                ["conditions"] = new JsonObject { ["ready"] = isReady, ["serving"] = isReady, ["terminating"] = false },
                ["nodeName"] = PodUtil.NodeName(p),
                ["targetRef"] = address["targetRef"]!.DeepClone(),
            });
        }
        var epPorts = new JsonArray();
        foreach (var port in ports.OfType<JsonObject>())
        {
            var target = ResolvePort(port, pods.FirstOrDefault());
            var ep = new JsonObject { ["port"] = target, ["protocol"] = port.GetString("protocol") ?? "TCP" };
            if (port.GetString("name") is { Length: > 0 } name) ep["name"] = name;
            epPorts.Add(ep);
        }
        var subsets = new JsonArray();
        if (ready.Count + notReady.Count > 0)
        {
            var subset = new JsonObject();
            if (ready.Count > 0) subset["addresses"] = ready;
            if (notReady.Count > 0) subset["notReadyAddresses"] = notReady;
            subset["ports"] = epPorts.DeepClone();
            subsets.Add(subset);
        }
        var endpoints = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject
            {
                ["name"] = key.Name,
                ["namespace"] = key.Namespace,
                ["labels"] = svc.Metadata()["labels"]?.DeepClone() ?? new JsonObject(),
            },
        };
        if (subsets.Count > 0) endpoints["subsets"] = subsets;
        await ObjectWriter.CreateOrUpdateAsync(ctx.Client, SimResources.Endpoints, endpoints, live =>
        {
            if (subsets.Count > 0) live["subsets"] = subsets.DeepClone(); else live.Remove("subsets");
        }, ct).ConfigureAwait(false);

        var slice = new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = key.Name + "-" + PodUtil.TemplateHash(key.Name).PadRight(5, 'b')[..5],
                ["namespace"] = key.Namespace,
                ["labels"] = new JsonObject
                {
                    ["kubernetes.io/service-name"] = key.Name,
                    ["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io",
                },
                ["ownerReferences"] = new JsonArray(PodUtil.OwnerRef(svc)),
            },
            ["addressType"] = "IPv4",
            ["endpoints"] = sliceEndpoints,
            ["ports"] = epPorts,
        };
        await ObjectWriter.CreateOrUpdateAsync(ctx.Client, SimResources.EndpointSlices, slice, live =>
        {
            live["endpoints"] = sliceEndpoints.DeepClone();
            live["ports"] = epPorts.DeepClone();
        }, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private static JsonNode ResolvePort(JsonObject servicePort, JsonObject? samplePod)
    {
        var target = servicePort["targetPort"];
        if (target is JsonValue v && v.TryGetValue<string>(out var named) && samplePod is not null)
        {
            foreach (var c in (samplePod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>() ?? [])
                foreach (var p in (c["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
                    if (p.GetString("name") == named && p["containerPort"] is { } cp) return cp.DeepClone();
        }
        if (target is JsonValue tv && tv.TryGetValue<int>(out var n)) return n;
        return servicePort["port"]?.DeepClone() ?? 0;
    }

    /// <summary>Pods map to every Service in their namespace whose selector matches them (before or after the change).</summary>
    public static IEnumerable<ObjectKey> ServicesSelecting(SimContext ctx, JsonObject pod)
    {
        foreach (var svc in ctx.Informer(SimResources.Services).Cache.List(pod.Namespace()))
        {
            if (svc["spec"]?["selector"] is not JsonObject selector || selector.Count == 0) continue;
            if (LabelSelector.FromJson(new JsonObject { ["matchLabels"] = selector.DeepClone() }).Matches(pod.Labels()))
                yield return svc.Key();
        }
    }
}
