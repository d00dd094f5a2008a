using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Controllers.Clusters;

/// <summary>Pure computations of Cluster.status parts from a member's nodes, pods and discovery.</summary>
public static class ClusterStatusBuilder
{
    /// <summary>nodeSummary {totalNum, readyNum}: ready = Ready node condition True.</summary>
    public static JsonObject NodeSummary(IReadOnlyList<JsonObject> nodes) => new()
    {
        ["totalNum"] = nodes.Count,
        ["readyNum"] = nodes.Count(IsNodeReady),
    };

    public static bool IsNodeReady(JsonObject node) =>
        Runtime.Objects.Conditions.Get(node, "Ready").GetString("status") == "True";

    /// <summary>resourceSummary: allocatable = Σ node allocatable; allocating = Σ requests of pending pods without a
    /// node (plus their count as "pods"); allocated = Σ requests of bound pods that are not Succeeded/Failed (plus
    /// count); allocatableModelings when <paramref name="models"/> is given.</summary>
    public static JsonObject ResourceSummary(IReadOnlyList<JsonObject> nodes, IReadOnlyList<JsonObject> pods, IReadOnlyList<ResourceGrade>? models)
    {
        var allocatable = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var node in nodes) AddAll(allocatable, ResourceMap((node["status"] as JsonObject)?["allocatable"] as JsonObject));

        var allocating = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var allocated = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var perNode = new Dictionary<string, Dictionary<string, Quantity>>(StringComparer.Ordinal);
        long allocatingPods = 0, allocatedPods = 0;
        foreach (var pod in pods)
        {
            var phase = (pod["status"] as JsonObject).GetString("phase");
            if (phase is "Succeeded" or "Failed") continue;
            var requests = PodRequests(pod);
            var nodeName = (pod["spec"] as JsonObject).GetString("nodeName");
            if (string.IsNullOrEmpty(nodeName))
            {
                AddAll(allocating, requests);
                allocatingPods++;
            }
            else
            {
                AddAll(allocated, requests);
                allocatedPods++;
                if (!perNode.TryGetValue(nodeName, out var used)) perNode[nodeName] = used = new(StringComparer.Ordinal);
                AddAll(used, requests);
                used["pods"] = (used.TryGetValue("pods", out var p) ? p : Quantity.Zero) + Quantity.FromUnits(1);
            }
        }
        allocating["pods"] = Quantity.FromUnits(allocatingPods);
        allocated["pods"] = Quantity.FromUnits(allocatedPods);

        var summary = new JsonObject
        {
            ["allocatable"] = ToJson(allocatable),
            ["allocating"] = ToJson(allocating),
            ["allocated"] = ToJson(allocated),
        };
        if (models is not null)
        {
            var available = nodes.Select(n =>
            {
                var free = new Dictionary<string, Quantity>(ResourceMap((n["status"] as JsonObject)?["allocatable"] as JsonObject), StringComparer.Ordinal);
                if (perNode.TryGetValue(n.Name() ?? "", out var used))
                    foreach (var (k, v) in used)
                        if (free.TryGetValue(k, out var f)) free[k] = f - v;
                return (IReadOnlyDictionary<string, Quantity>)free;
            });
            summary["allocatableModelings"] = ResourceModels.Modelings(models, available);
        }
        return summary;
    }

    /// <summary>A pod's requests: Σ containers' requests, at least the largest init container's, plus overhead.</summary>
    public static Dictionary<string, Quantity> PodRequests(JsonObject pod)
    {
        var spec = pod["spec"] as JsonObject;
        var sum = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var c in (spec?["containers"] as JsonArray ?? []).OfType<JsonObject>())
            AddAll(sum, ResourceMap((c["resources"] as JsonObject)?["requests"] as JsonObject));
        foreach (var c in (spec?["initContainers"] as JsonArray ?? []).OfType<JsonObject>())
            foreach (var (k, v) in ResourceMap((c["resources"] as JsonObject)?["requests"] as JsonObject))
                if (!sum.TryGetValue(k, out var cur) || v > cur) sum[k] = v;
        AddAll(sum, ResourceMap(spec?["overhead"] as JsonObject));
        return sum;
    }

    /// <summary>apiEnablements from discovery: [{groupVersion, resources[{name, kind}]}] sorted by groupVersion then
    /// name; subresources are left out.</summary>
    public static JsonArray ApiEnablements(IReadOnlyList<ApiResource> resources)
    {
        var byGv = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var r in resources)
        {
            var gv = r.Group.Length == 0 ? r.Version : r.Group + "/" + r.Version;
            if (!byGv.TryGetValue(gv, out var list)) byGv[gv] = list = new(StringComparer.Ordinal);
            list[r.Plural] = r.Kind;
        }
        var array = new JsonArray();
        foreach (var (gv, list) in byGv)
        {
            var res = new JsonArray();
            foreach (var (name, kind) in list) res.Add(new JsonObject { ["name"] = name, ["kind"] = kind });
            array.Add(new JsonObject { ["groupVersion"] = gv, ["resources"] = res });
        }
        return array;
    }

    private static Dictionary<string, Quantity> ResourceMap(JsonObject? map)
    {
        var result = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        if (map is null) return result;
        foreach (var (k, v) in map)
        {
            var text = v is JsonValue jv ? jv.TryGetValue<string>(out var s) ? s : jv.ToJsonString() : null;
            if (Quantity.TryParse(text, out var q)) result[k] = q;
        }
        return result;
    }

    private static void AddAll(Dictionary<string, Quantity> target, IReadOnlyDictionary<string, Quantity> add)
    {
        foreach (var (k, v) in add) target[k] = target.TryGetValue(k, out var cur) ? cur + v : v;
    }

    private static JsonObject ToJson(Dictionary<string, Quantity> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.OrderBy(e => e.Key, StringComparer.Ordinal)) o[k] = v.ToString();
        return o;
    }
}
