using Flotilla.Core;
using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Core;
using Flotilla.Scheduler.Framework;

namespace Flotilla.Scheduler.Tests;

/// <summary>Builders for clusters and bindings used across the scheduler tests.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Cluster Cluster(
        string name,
        Dictionary<string, string>? labels = null,
        List<Taint>? taints = null,
        string? provider = null,
        string? region = null,
        List<string>? zones = null,
        string? cpu = null,
        string? memory = null,
        int? pods = null,
        List<ApiEnablement>? apis = null,
        List<Condition>? conditions = null,
        bool deleting = false,
        Dictionary<string, Quantity>? allocated = null) =>
        new()
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                Labels = labels,
                DeletionTimestamp = deleting ? T0 : null,
            },
            Spec = new ClusterSpec
            {
                SyncMode = ClusterSyncModes.Push,
                Provider = provider,
                Region = region,
                Zones = zones,
                Taints = taints,
            },
            Status = new ClusterStatus
            {
                ApiEnablements = apis ?? DeploymentApi,
                Conditions = conditions,
                ResourceSummary = cpu is null && memory is null && pods is null
                    ? null
                    : new ResourceSummary
                    {
                        Allocatable = Resources(cpu, memory, pods),
                        Allocated = allocated,
                    },
            },
        };

    /// <summary>A cluster that can take exactly <paramref name="replicas"/> pods of <see cref="Requirements"/> (100m cpu).</summary>
    public static Cluster WithCapacity(string name, int replicas, string? region = null, Dictionary<string, string>? labels = null) =>
        Cluster(name, cpu: $"{replicas * 100}m", memory: "1000Gi", pods: 10_000, region: region, labels: labels);

    public static Dictionary<string, Quantity> Resources(string? cpu = null, string? memory = null, int? pods = null)
    {
        var d = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        if (cpu is not null) d["cpu"] = Quantity.Parse(cpu);
        if (memory is not null) d["memory"] = Quantity.Parse(memory);
        if (pods is not null) d["pods"] = Quantity.FromUnits(pods.Value);
        return d;
    }

    public static readonly List<ApiEnablement> DeploymentApi =
    [
        new ApiEnablement { GroupVersion = "apps/v1", Resources = [new ApiResourceRef { Name = "deployments", Kind = "Deployment" }] },
        new ApiEnablement { GroupVersion = "v1", Resources = [new ApiResourceRef { Name = "services", Kind = "Service" }] },
    ];

    public static readonly ReplicaRequirements Requirements = new()
    {
        ResourceRequest = Resources(cpu: "100m", memory: "128Mi"),
    };

    public static ObjectReference Deployment(string name = "app", string? uid = null) =>
        new() { ApiVersion = "apps/v1", Kind = "Deployment", Namespace = "default", Name = name, Uid = uid };

    public static ResourceBindingSpec Spec(
        Placement? placement = null,
        int replicas = 0,
        List<TargetCluster>? clusters = null,
        string? uid = null,
        ReplicaRequirements? requirements = null,
        List<GracefulEvictionTask>? evictions = null,
        DateTimeOffset? rescheduleTriggeredAt = null) =>
        new()
        {
            Resource = Deployment(uid: uid),
            Replicas = replicas,
            Placement = placement ?? new Placement(),
            Clusters = clusters,
            ReplicaRequirements = requirements,
            GracefulEvictionTasks = evictions,
            RescheduleTriggeredAt = rescheduleTriggeredAt,
        };

    public static List<TargetCluster> Targets(params (string Name, int Replicas)[] targets) =>
        targets.Select(t => new TargetCluster { Name = t.Name, Replicas = t.Replicas }).ToList();

    public static string Show(IEnumerable<TargetCluster>? targets) =>
        targets is null ? "<null>" : string.Join(",", targets.Select(t => $"{t.Name}:{t.Replicas}"));

    public static Placement StaticWeights(params (string Cluster, long Weight)[] weights) => new()
    {
        ReplicaScheduling = new ReplicaSchedulingStrategy
        {
            ReplicaSchedulingType = ReplicaSchedulingTypes.Divided,
            ReplicaDivisionPreference = ReplicaDivisionPreferences.Weighted,
            WeightPreference = new ClusterPreferences
            {
                StaticWeightList = weights.Select(w => new StaticClusterWeight
                {
                    TargetCluster = new ClusterAffinity { ClusterNames = [w.Cluster] },
                    Weight = w.Weight,
                }).ToList(),
            },
        },
    };

    public static Placement Dynamic(ClusterAffinity? affinity = null, List<SpreadConstraint>? spread = null) => new()
    {
        ClusterAffinity = affinity,
        SpreadConstraints = spread,
        ReplicaScheduling = new ReplicaSchedulingStrategy
        {
            ReplicaSchedulingType = ReplicaSchedulingTypes.Divided,
            ReplicaDivisionPreference = ReplicaDivisionPreferences.Weighted,
            WeightPreference = new ClusterPreferences { DynamicWeight = DynamicWeightFactors.AvailableReplicas },
        },
    };

    public static Placement Aggregated(ClusterAffinity? affinity = null, List<SpreadConstraint>? spread = null) => new()
    {
        ClusterAffinity = affinity,
        SpreadConstraints = spread,
        ReplicaScheduling = new ReplicaSchedulingStrategy
        {
            ReplicaSchedulingType = ReplicaSchedulingTypes.Divided,
            ReplicaDivisionPreference = ReplicaDivisionPreferences.Aggregated,
        },
    };

    public static Placement Duplicated(ClusterAffinity? affinity = null, List<SpreadConstraint>? spread = null) => new()
    {
        ClusterAffinity = affinity,
        SpreadConstraints = spread,
        ReplicaScheduling = new ReplicaSchedulingStrategy { ReplicaSchedulingType = ReplicaSchedulingTypes.Duplicated },
    };

    /// <summary>Finds a template UID whose FNV-1a-32 hash has the given parity (odd ⇒ descending names).</summary>
    public static string UidWithOrder(NameOrder order)
    {
        for (var i = 0; ; i++)
        {
            var uid = $"3f0c9a52-0000-4000-8000-{i:D12}";
            if (Webster.TieBreakerFor(uid) == order) return uid;
        }
    }

    public static ClusterDetailInfo Detail(string name, long score = 0, long allocatable = 0, long assigned = 0, string? region = null) => new()
    {
        Cluster = new ClusterInfo(Cluster(name, region: region)),
        Score = score,
        AllocatableReplicas = allocatable,
        AvailableReplicas = allocatable + assigned,
    };

    public static FilterContext Ctx(ResourceBindingSpec spec, ClusterAffinity? affinity = null, ResourceBindingStatus? status = null) =>
        new(spec, status, affinity ?? spec.Placement?.ClusterAffinity);
}
