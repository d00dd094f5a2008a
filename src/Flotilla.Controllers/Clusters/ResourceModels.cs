using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Controllers.Clusters;

/// <summary>One grade of a resource model: per resource name the range [Min, Max).</summary>
public sealed record ResourceGrade(uint Grade, IReadOnlyDictionary<string, (Quantity Min, Quantity Max)> Ranges);

/// <summary>Karmada's resource models: the defaults (grades 0..8 over cpu and memory), parsing spec.resourceModels and
/// counting nodes per grade (allocatableModelings).</summary>
public static class ResourceModels
{
    /// <summary>math.MaxInt64, Karmada's "no upper bound".</summary>
    public static readonly Quantity Unbounded = Quantity.FromUnits(long.MaxValue);

    /// <summary>The default models: g0 cpu [0,1) memory [0,4Gi); g1 [1,2) / [4Gi,16Gi); g2..g7 cpu [2^(g-1),2^g),
    /// memory [2^(g+2),2^(g+3)) Gi; g8 cpu ≥128, memory ≥1024Gi.</summary>
    public static IReadOnlyList<ResourceGrade> Defaults { get; } = BuildDefaults();

    private static List<ResourceGrade> BuildDefaults()
    {
        const long gi = 1L << 30;
        var list = new List<ResourceGrade>();
        for (uint g = 0; g <= 8; g++)
        {
            long cpuMin = g == 0 ? 0 : 1L << (int)(g - 1);
            long memMinGi = g == 0 ? 0 : g == 1 ? 4 : 1L << (int)(g + 2);
            var cpuMax = g == 8 ? Unbounded : Quantity.FromUnits(g == 0 ? 1 : 1L << (int)g);
            var memMax = g == 8 ? Unbounded : Quantity.FromUnits((g == 0 ? 4 : g == 1 ? 16 : 1L << (int)(g + 3)) * gi, QuantityFormat.BinarySI);
            list.Add(new ResourceGrade(g, new Dictionary<string, (Quantity, Quantity)>(StringComparer.Ordinal)
            {
                ["cpu"] = (Quantity.FromUnits(cpuMin), cpuMax),
                ["memory"] = (Quantity.FromUnits(memMinGi * gi, QuantityFormat.BinarySI), memMax),
            }));
        }
        return list;
    }

    /// <summary>Parses <c>spec.resourceModels</c>; null when absent or empty.</summary>
    public static IReadOnlyList<ResourceGrade>? Parse(JsonArray? models)
    {
        if (models is not { Count: > 0 }) return null;
        var list = new List<ResourceGrade>();
        foreach (var m in models.OfType<JsonObject>())
        {
            var grade = m["grade"] is JsonValue gv && gv.TryGetValue<uint>(out var g) ? g : 0u;
            var ranges = new Dictionary<string, (Quantity, Quantity)>(StringComparer.Ordinal);
            foreach (var r in (m["ranges"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (r.GetString("name") is not { } name) continue;
                ranges[name] = (ParseQ(r["min"]), ParseQ(r["max"]));
            }
            list.Add(new ResourceGrade(grade, ranges));
        }
        list.Sort((a, b) => a.Grade.CompareTo(b.Grade));
        return list;
    }

    private static Quantity ParseQ(JsonNode? node)
    {
        if (node is not JsonValue v) return Quantity.Zero;
        if (v.TryGetValue<string>(out var s)) return Quantity.TryParse(s, out var q) ? q : Quantity.Zero;
        return v.TryGetValue<long>(out var l) ? Quantity.FromUnits(l) : Quantity.Zero;
    }

    /// <summary>The grade of a node with <paramref name="available"/> free resources: for every resource of the model
    /// the highest grade whose min it reaches; the node's grade is the lowest of those.</summary>
    public static int GradeOf(IReadOnlyList<ResourceGrade> models, IReadOnlyDictionary<string, Quantity> available)
    {
        if (models.Count == 0) return -1;
        var grade = models.Count - 1;
        foreach (var name in models[0].Ranges.Keys)
        {
            var value = available.TryGetValue(name, out var q) ? q : Quantity.Zero;
            var g = 0;
            for (var i = models.Count - 1; i >= 0; i--)
            {
                if (models[i].Ranges.TryGetValue(name, out var range) && value >= range.Min)
                {
                    g = i;
                    break;
                }
            }
            grade = Math.Min(grade, g);
        }
        return grade;
    }

    /// <summary>allocatableModelings: per grade of <paramref name="models"/>, how many of the nodes' free resources fall in it.</summary>
    public static JsonArray Modelings(IReadOnlyList<ResourceGrade> models, IEnumerable<IReadOnlyDictionary<string, Quantity>> nodesAvailable)
    {
        var counts = new int[models.Count];
        foreach (var available in nodesAvailable)
        {
            var g = GradeOf(models, available);
            if (g >= 0) counts[g]++;
        }
        var array = new JsonArray();
        for (var i = 0; i < models.Count; i++) array.Add(new JsonObject { ["grade"] = models[i].Grade, ["count"] = counts[i] });
        return array;
    }
}
