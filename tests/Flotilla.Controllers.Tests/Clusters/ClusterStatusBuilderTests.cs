using System.Text.Json.Nodes;
using Flotilla.Controllers.Clusters;
using Flotilla.Core;
using Xunit;

namespace Flotilla.Controllers.Tests.Clusters;

public sealed class ClusterStatusBuilderTests
{
    internal static JsonObject Node(string name, string cpu, string memory, bool ready = true) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["status"] = new JsonObject
        {
            ["allocatable"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = "110" },
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
        },
    };

    internal static JsonObject Pod(string name, string? nodeName, string cpu, string memory, string phase = "Running") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = nodeName,
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "c",
                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory } },
            }),
        },
        ["status"] = new JsonObject { ["phase"] = phase },
    };

    [Fact]
    public void Node_summary_counts_ready_nodes()
    {
        var summary = ClusterStatusBuilder.NodeSummary([Node("a", "4", "8Gi"), Node("b", "4", "8Gi", ready: false)]);
        Assert.Equal(2, (int)summary["totalNum"]!);
        Assert.Equal(1, (int)summary["readyNum"]!);
    }

    [Fact]
    public void Resource_summary_sums_allocatable_allocating_and_allocated()
    {
        JsonObject[] nodes = [Node("a", "4", "8Gi"), Node("b", "2", "4Gi")];
        JsonObject[] pods =
        [
            Pod("bound", "a", "500m", "1Gi"),
            Pod("bound-2", "b", "1", "1Gi"),
            Pod("pending", null, "250m", "512Mi", phase: "Pending"),
            Pod("done", "a", "3", "3Gi", phase: "Succeeded"),
        ];
        var summary = ClusterStatusBuilder.ResourceSummary(nodes, pods, models: null);
        Assert.Equal(Quantity.Parse("6"), Quantity.Parse((string)summary["allocatable"]!["cpu"]!));
        Assert.Equal(Quantity.Parse("12Gi"), Quantity.Parse((string)summary["allocatable"]!["memory"]!));
        Assert.Equal(Quantity.Parse("1500m"), Quantity.Parse((string)summary["allocated"]!["cpu"]!));
        Assert.Equal(Quantity.Parse("2Gi"), Quantity.Parse((string)summary["allocated"]!["memory"]!));
        Assert.Equal("2", (string)summary["allocated"]!["pods"]!);
        Assert.Equal(Quantity.Parse("250m"), Quantity.Parse((string)summary["allocating"]!["cpu"]!));
        Assert.Equal("1", (string)summary["allocating"]!["pods"]!);
        Assert.Null(summary["allocatableModelings"]);
    }

    [Fact]
    public void Default_models_have_nine_grades_with_karmadas_bounds()
    {
        var models = ResourceModels.Defaults;
        Assert.Equal(9, models.Count);
        Assert.Equal(Quantity.Parse("1"), models[0].Ranges["cpu"].Max);
        Assert.Equal(Quantity.Parse("4Gi"), models[0].Ranges["memory"].Max);
        Assert.Equal(Quantity.Parse("4Gi"), models[1].Ranges["memory"].Min);
        Assert.Equal(Quantity.Parse("16Gi"), models[1].Ranges["memory"].Max);
        Assert.Equal(Quantity.Parse("2"), models[2].Ranges["cpu"].Min);
        Assert.Equal(Quantity.Parse("16Gi"), models[2].Ranges["memory"].Min);
        Assert.Equal(Quantity.Parse("64"), models[7].Ranges["cpu"].Min);
        Assert.Equal(Quantity.Parse("1Ti"), models[7].Ranges["memory"].Max);
        Assert.Equal(Quantity.Parse("128"), models[8].Ranges["cpu"].Min);
        Assert.Equal(ResourceModels.Unbounded, models[8].Ranges["cpu"].Max);
    }

    public static TheoryData<string, string, string, int> Grades => new()
    {
        { "tiny", "500m", "1Gi", 0 },
        { "cpu grade 2, memory grade 1", "2", "8Gi", 1 },
        { "both grade 2", "3", "20Gi", 2 },
        { "memory limits", "64", "8Gi", 1 },
        { "huge", "256", "2Ti", 8 },
    };

    [Theory]
    [MemberData(nameof(Grades))]
    public void Node_grade_is_the_lowest_grade_over_resources(string because, string cpu, string memory, int grade)
    {
        var available = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse(cpu), ["memory"] = Quantity.Parse(memory) };
        Assert.True(grade == ResourceModels.GradeOf(ResourceModels.Defaults, available), because);
    }

    [Fact]
    public void Modelings_count_nodes_by_free_resources()
    {
        JsonObject[] nodes = [Node("a", "4", "16Gi"), Node("b", "4", "16Gi")];
        JsonObject[] pods = [Pod("p", "a", "3", "14Gi")];
        var summary = ClusterStatusBuilder.ResourceSummary(nodes, pods, ResourceModels.Defaults);
        var modelings = (JsonArray)summary["allocatableModelings"]!;
        Assert.Equal(9, modelings.Count);
        // node a has 1 cpu / 2Gi free ⇒ grade 0; node b 4 cpu / 16Gi ⇒ cpu grade 3, memory grade 2 ⇒ 2.
        Assert.Equal(1, (int)modelings[0]!["count"]!);
        Assert.Equal(1, (int)modelings[2]!["count"]!);
        Assert.Equal(2, modelings.Sum(m => (int)m!["count"]!));
    }

    [Fact]
    public void Api_enablements_are_grouped_and_sorted()
    {
        ApiResource R(string g, string v, string kind, string plural) => new()
        {
            Group = g, Version = v, Kind = kind, Plural = plural, Singular = kind.ToLowerInvariant(), Namespaced = true,
        };
        var list = ClusterStatusBuilder.ApiEnablements([R("apps", "v1", "Deployment", "deployments"), R("", "v1", "Pod", "pods"), R("", "v1", "ConfigMap", "configmaps")]);
        Assert.Equal(["apps/v1", "v1"], list.Select(e => (string)e!["groupVersion"]!));
        Assert.Equal(["configmaps", "pods"], ((JsonArray)list[1]!["resources"]!).Select(r => (string)r!["name"]!));
        Assert.Equal("ConfigMap", (string?)list[1]!["resources"]![0]!["kind"]);
    }
}
