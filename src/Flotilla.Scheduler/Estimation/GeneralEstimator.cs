using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Scheduler.Estimation;

/// <summary>
/// Karmada's general estimator, from cluster.status.resourceSummary.
/// <list type="bullet">
/// <item>allowedPods = allocatable.pods − allocated.pods − allocating.pods (≤ 0 ⇒ 0); no requirements ⇒ allowedPods.</item>
/// <item>Summary estimate: for each requested resource r with request &gt; 0: missing from allocatable ⇒ 0;
/// avail = allocatable − allocated − allocating (≤ 0 ⇒ 0); floor(avail / request), cpu in milli-units, every other
/// resource in whole units (rounded up, as apimachinery's Value()). Result = min(allowedPods, min over r).</item>
/// <item>Resource-model estimate (when <see cref="EnableResourceModeling"/> and status.resourceSummary.allocatableModelings
/// is non-empty and every requested resource has a model range): each grade g describes <c>count</c> virtual nodes
/// whose free capacity is the grade's lower bound <c>min</c> per resource (a node in grade g has at least that much
/// free). Packing: every such node takes floor(min_r / request_r) replicas for the scarcest resource r, at most
/// <see cref="PodsPerNode"/>; the estimate is the sum over grades, then min with allowedPods. If a requested resource has
/// no model range the summary estimate is used (Karmada logs and falls back the same way).</item>
/// </list>
/// </summary>
public sealed class GeneralEstimator : IReplicaEstimator
{
    public const string EstimatorName = "general-estimator";
    public const int PodsPerNode = 110;
    public const string ResourcePods = "pods";
    public const string ResourceCpu = "cpu";

    /// <summary>Gate CustomizedClusterResourceModeling (beta, on by default).</summary>
    public bool EnableResourceModeling { get; init; } = true;

    public string Name => EstimatorName;

    public int MaxAvailableReplicas(Cluster cluster, ReplicaRequirements? requirements)
    {
        var summary = cluster.Status?.ResourceSummary;
        if (summary is null) return 0;
        var allowedPods = AllowedPods(summary);
        if (allowedPods <= 0) return 0;
        if (requirements?.ResourceRequest is not { Count: > 0 } request) return Clamp(allowedPods);

        long? byModel = null;
        if (EnableResourceModeling && summary.AllocatableModelings is { Count: > 0 } && cluster.Spec.ResourceModels is { Count: > 0 })
            byModel = ByResourceModels(cluster.Spec.ResourceModels, summary.AllocatableModelings, request);

        var estimate = byModel ?? BySummary(summary, request);
        return Clamp(Math.Min(allowedPods, estimate));
    }

    internal static long AllowedPods(ResourceSummary summary)
    {
        var allowed = Get(summary.Allocatable, ResourcePods).Value
            - Get(summary.Allocated, ResourcePods).Value
            - Get(summary.Allocating, ResourcePods).Value;
        return allowed <= 0 ? 0 : allowed;
    }

    internal static long BySummary(ResourceSummary summary, Dictionary<string, Quantity> request)
    {
        var max = long.MaxValue;
        foreach (var (name, value) in request)
        {
            var requested = value.Value;
            if (requested <= 0) continue;
            if (summary.Allocatable is null || !summary.Allocatable.TryGetValue(name, out var allocatable)) return 0;
            var avail = allocatable - Get(summary.Allocated, name) - Get(summary.Allocating, name);
            if (avail.Value <= 0) return 0;
            long available = avail.Value;
            if (name == ResourceCpu)
            {
                requested = value.MilliValue;
                available = avail.MilliValue;
            }
            var n = available / requested;
            if (n < max) max = n;
        }
        return max;
    }

    internal static long? ByResourceModels(List<ResourceModel> models, List<AllocatableModeling> modelings, Dictionary<string, Quantity> request)
    {
        long total = 0;
        foreach (var modeling in modelings)
        {
            if (modeling.Count <= 0) continue;
            ResourceModel? model = null;
            foreach (var m in models) if (m.Grade == modeling.Grade) { model = m; break; }
            if (model is null) continue;
            long perNode = PodsPerNode;
            foreach (var (name, value) in request)
            {
                if (value.Value <= 0) continue;
                ResourceModelRange? range = null;
                if (model.Ranges is not null)
                    foreach (var r in model.Ranges) if (r.Name == name) { range = r; break; }
                if (range is null) return null; // the model does not describe this resource: fall back to the summary
                var fits = name == ResourceCpu
                    ? range.Min.MilliValue / value.MilliValue
                    : range.Min.Value / value.Value;
                if (fits < perNode) perNode = fits;
            }
            if (perNode > 0) total += perNode * modeling.Count;
        }
        return total;
    }

    private static Quantity Get(Dictionary<string, Quantity>? list, string name) =>
        list is not null && list.TryGetValue(name, out var q) ? q : Quantity.Zero;

    private static int Clamp(long v) => v > int.MaxValue ? int.MaxValue : (int)v;
}
