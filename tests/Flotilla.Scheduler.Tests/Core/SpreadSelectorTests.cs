using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Core;
using static Flotilla.Scheduler.Tests.TestData;

namespace Flotilla.Scheduler.Tests.Core;

public class SpreadSelectorTests
{
    private static SpreadConstraint ByCluster(int min, int max) => new() { SpreadByField = SpreadByFields.Cluster, MinGroups = min, MaxGroups = max };
    private static SpreadConstraint ByRegion(int min, int max) => new() { SpreadByField = SpreadByFields.Region, MinGroups = min, MaxGroups = max };

    private static string Names(SpreadSelector.Selection s) => s.Clusters is null ? "Error: " + s.Error : string.Join(",", s.Clusters.Select(c => c.Name));

    // candidate order: a, b, c (a and b score higher)
    private static readonly List<ClusterDetailInfo> Abc = [Detail("a", score: 100, allocatable: 5), Detail("b", score: 100, allocatable: 4), Detail("c", allocatable: 10)];

    public static TheoryData<string, Placement, int, string> ClusterCases => new()
    {
        { "no constraints: all candidates", Dynamic(), 100, "a,b,c" },
        { "top maxGroups when capacity suffices", Dynamic(spread: [ByCluster(1, 2)]), 9, "a,b" },
        { "swap from the last selected for the biggest rest", Dynamic(spread: [ByCluster(1, 2)]), 12, "a,c" },
        { "still short after swapping", Dynamic(spread: [ByCluster(1, 2)]), 16, "Error: no enough resource when selecting 2 clusters" },
        { "maxGroups larger than candidates", Dynamic(spread: [ByCluster(1, 5)]), 19, "a,b,c" },
        { "minGroups larger than candidates", Dynamic(spread: [ByCluster(4, 5)]), 1, "Error: the number of feasible clusters is less than spreadConstraint.MinGroups" },
        { "maxGroups 0 selects none (divided)", Dynamic(spread: [ByCluster(0, 0)]), 1, "Error: no enough resource when selecting 0 clusters" },
        { "maxGroups 0 selects none (duplicated)", Duplicated(spread: [ByCluster(0, 0)]), 1, "" },
        { "duplicated ignores capacity", Duplicated(spread: [ByCluster(1, 2)]), 100, "a,b" },
        { "static weights ignore spread constraints", StaticWeightsWith([ByCluster(1, 1)]), 100, "a,b,c" },
        { "label-only constraint is unsupported", Dynamic(spread: [new SpreadConstraint { SpreadByLabel = "team", MinGroups = 1 }]), 1, "Error: just support cluster and region spread constraint" },
    };

    private static Placement StaticWeightsWith(List<SpreadConstraint> spread) => StaticWeights(("a", 1), ("b", 1)) with { SpreadConstraints = spread };

    [Theory]
    [MemberData(nameof(ClusterCases))]
    public void Cluster_spreading(string name, Placement placement, int replicas, string expected) =>
        Assert.True(expected == Names(SpreadSelector.Select(placement, Abc, replicas)), $"{name}: {Names(SpreadSelector.Select(placement, Abc, replicas))}");

    // regions: r1 {a 10, b 5}, r2 {c 3}, r3 {d 8, e 8, f 1}; all scores 0, candidate order by available desc
    private static readonly List<ClusterDetailInfo> Regions =
    [
        Detail("a", allocatable: 10, region: "r1"), Detail("d", allocatable: 8, region: "r3"), Detail("e", allocatable: 8, region: "r3"),
        Detail("b", allocatable: 5, region: "r1"), Detail("c", allocatable: 3, region: "r2"), Detail("f", allocatable: 1, region: "r3"),
    ];

    [Fact]
    public void Region_scores_follow_karmadas_formula()
    {
        var placement = Dynamic(spread: [ByCluster(2, 3), ByRegion(2, 2)]);
        var regions = SpreadSelector.GroupByRegion(Regions, placement, 10, ByRegion(2, 2), ByCluster(2, 3));
        Assert.Equal("r1=5000,r3=5000,r2=3000", string.Join(",", regions.Select(r => $"{r.Name}={r.Score}")));
        // duplicated: number of clusters that can hold all replicas
        var dup = SpreadSelector.GroupByRegion(Regions, Duplicated(), 8, ByRegion(2, 2), ByCluster(2, 3));
        Assert.Equal("r1=1000,r3=2000,r2=0", string.Join(",", dup.Select(r => $"{r.Name}={r.Score}")));
    }

    public static TheoryData<string, Placement, int, string> RegionCases => new()
    {
        { "two best regions, first cluster of each, then fill by available", Dynamic(spread: [ByCluster(2, 3), ByRegion(2, 2)]), 10, "a,d,e" },
        { "fill limited by cluster maxGroups", Dynamic(spread: [ByCluster(2, 2), ByRegion(2, 2)]), 10, "a,d" },
        { "shorter feasible prefix of the best path wins", Dynamic(spread: [ByCluster(1, 2), ByRegion(1, 2)]), 10, "a,b" },
        { "too few regions", Dynamic(spread: [ByCluster(1, 5), ByRegion(4, 4)]), 10, "Error: the number of feasible region is less than spreadConstraint.MinGroups" },
        { "region maxGroups 0 has no path", Dynamic(spread: [ByCluster(1, 5), ByRegion(0, 0)]), 10, "Error: the number of clusters is less than the cluster spreadConstraint.MinGroups" },
        { "cluster minGroups needs more clusters than one region has", Dynamic(spread: [ByCluster(3, 6), ByRegion(1, 1)]), 10, "d,e,f" },
    };

    [Theory]
    [MemberData(nameof(RegionCases))]
    public void Region_spreading(string name, Placement placement, int replicas, string expected) =>
        Assert.True(expected == Names(SpreadSelector.Select(placement, Regions, replicas)), $"{name}: {Names(SpreadSelector.Select(placement, Regions, replicas))}");

    [Fact]
    public void Select_regions_prefers_score_then_cluster_count()
    {
        var regions = new List<SpreadSelector.RegionInfo>
        {
            new("x", [Detail("x1")], 100, 1),
            new("y", [Detail("y1"), Detail("y2")], 100, 2),
            new("z", [Detail("z1")], 50, 1),
        };
        // paths of exactly 2 regions: x+y = 200 (3 clusters) beats x+z, y+z
        Assert.Equal("x,y", string.Join(",", SpreadSelector.SelectRegions(regions, 2, 2, 1).Select(r => r.Name)));
        // equal score, more clusters wins
        regions[2] = new("z", [Detail("z1"), Detail("z2"), Detail("z3")], 100, 3);
        Assert.Equal("y,z", string.Join(",", SpreadSelector.SelectRegions(regions, 2, 2, 1).Select(r => r.Name)));
    }
}
