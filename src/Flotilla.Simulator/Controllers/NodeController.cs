using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>Keeps the member's simulated nodes as its options say: count, capacity, labels, Ready.
/// Reconciles the single key "nodes" (level-triggered: the whole node set at once).</summary>
internal sealed class NodeController(SimContext ctx) : IReconciler<ObjectKey>
{
    public static readonly ObjectKey AllNodes = new("", "nodes");

    public static string NodeName(string cluster, int i) => $"{cluster}-node-{i}";

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var o = ctx.Options;
        var cache = ctx.Informer(SimResources.Nodes).Cache;
        for (var i = 0; i < o.Nodes; i++)
        {
            var name = NodeName(ctx.ClusterName, i);
            var live = cache.Get(null, name);
            var desired = Desired(name, i, live);
            if (live is null)
            {
                try
                {
                    await ctx.Client.CreateAsync(SimResources.Nodes, desired, null, ct).ConfigureAwait(false);
                }
                catch (ApiStatusException e) when (e.IsAlreadyExists)
                {
                    return ReconcileResult.After(TimeSpan.FromMilliseconds(50));
                }
                continue;
            }
            var outcome = await ObjectWriter.CreateOrUpdateAsync(ctx.Client, SimResources.Nodes, desired, n =>
            {
                n.Metadata()["labels"] = desired.Metadata()["labels"]!.DeepClone();
            }, ct).ConfigureAwait(false);
            await ObjectWriter.UpdateStatusIfChangedAsync(ctx.Client, SimResources.Nodes, outcome.Object, s =>
            {
                var ds = (JsonObject)desired["status"]!;
                foreach (var field in new[] { "capacity", "allocatable", "nodeInfo", "addresses" }) s[field] = ds[field]!.DeepClone();
                if (s["conditions"] is null) s["conditions"] = ds["conditions"]!.DeepClone();
            }, ct).ConfigureAwait(false);
        }
        // Nodes beyond the configured count go away.
        foreach (var node in cache.List())
        {
            var name = node.Name() ?? "";
            var prefix = ctx.ClusterName + "-node-";
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (int.TryParse(name.AsSpan(prefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var idx) && idx >= o.Nodes)
                await ctx.Client.DeleteAsync(SimResources.Nodes, null, name, null, ct).ConfigureAwait(false);
        }
        return ReconcileResult.Done;
    }

    private JsonObject Desired(string name, int index, JsonObject? live)
    {
        var o = ctx.Options;
        var labels = new JsonObject
        {
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["node.kubernetes.io/instance-type"] = "flotilla-sim",
            ["type"] = "flotilla-sim",
        };
        if (o.Region is { } region) labels[WellKnownLabels.TopologyRegion] = region;
        if (o.Zone is { } zone) labels[WellKnownLabels.TopologyZone] = zone;
        var resources = new JsonObject
        {
            ["cpu"] = o.NodeCpu.ToString(),
            ["memory"] = o.NodeMemory.ToString(),
            ["pods"] = o.NodePods.ToString(CultureInfo.InvariantCulture),
            ["ephemeral-storage"] = o.NodeEphemeralStorage.ToString(),
        };
        var now = ctx.NowText;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
            ["spec"] = new JsonObject { ["podCIDR"] = $"10.244.{index}.0/24", ["podCIDRs"] = new JsonArray($"10.244.{index}.0/24") },
            ["status"] = new JsonObject
            {
                ["capacity"] = resources.DeepClone(),
                ["allocatable"] = resources,
                ["conditions"] = live?["status"]?["conditions"]?.DeepClone() ?? new JsonArray(
                    Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now),
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now)),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = $"10.0.0.{index + 10}" },
                    new JsonObject { ["type"] = "Hostname", ["address"] = name }),
                ["nodeInfo"] = new JsonObject
                {
                    ["kubeletVersion"] = o.KubernetesVersion,
                    ["kubeProxyVersion"] = o.KubernetesVersion,
                    ["containerRuntimeVersion"] = "flotilla-sim://1.0",
                    ["operatingSystem"] = "linux",
                    ["architecture"] = "amd64",
                    ["osImage"] = "Flotilla simulated node",
                    ["kernelVersion"] = "6.1.0",
                    ["machineID"] = "", ["systemUUID"] = "", ["bootID"] = "",
                },
            },
        };
    }

    private static JsonObject Condition(string type, string status, string reason, string message, string now) => new()
    {
        ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = message,
        ["lastHeartbeatTime"] = now, ["lastTransitionTime"] = now,
    };
}
