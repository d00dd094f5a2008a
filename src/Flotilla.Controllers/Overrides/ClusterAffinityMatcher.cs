using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Selectors;

namespace Flotilla.Controllers.Overrides;

/// <summary>
/// Karmada's util.ClusterMatches: exclude first; then labelSelector, fieldSelector (provider/region via label-style
/// requirements; zone In = all cluster zones listed, NotIn = none listed, Exists/DoesNotExist on the zone list) and
/// clusterNames are ANDed; absent criteria match everything. A malformed selector matches nothing.
/// </summary>
public sealed class ClusterAffinityMatcher : IClusterMatcher
{
    public static readonly ClusterAffinityMatcher Instance = new();

    public bool Matches(JsonObject clusterAffinity, OverrideTargetCluster cluster)
    {
        if (Strings(clusterAffinity["exclude"]).Contains(cluster.Name, StringComparer.Ordinal)) return false;

        if (clusterAffinity["labelSelector"] is JsonObject ls)
        {
            try
            {
                if (!LabelSelector.FromJson(ls).Matches(cluster.Labels)) return false;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        if (clusterAffinity["fieldSelector"] is JsonObject fs && !FieldsMatch(fs, cluster)) return false;

        var names = Strings(clusterAffinity["clusterNames"]);
        return names.Count == 0 || names.Contains(cluster.Name, StringComparer.Ordinal);
    }

    private static bool FieldsMatch(JsonObject fieldSelector, OverrideTargetCluster cluster)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(cluster.Provider)) fields["provider"] = cluster.Provider;
        if (!string.IsNullOrEmpty(cluster.Region)) fields["region"] = cluster.Region;
        var zones = cluster.Zones ?? [];
        var others = new List<Requirement>();
        foreach (var e in (fieldSelector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = e.GetString("key") ?? "";
            var op = e.GetString("operator") ?? "";
            var values = Strings(e["values"]);
            if (key == "zone")
            {
                var ok = op switch
                {
                    "In" => zones.Count > 0 && zones.All(z => values.Contains(z, StringComparer.Ordinal)),
                    "NotIn" => zones.All(z => !values.Contains(z, StringComparer.Ordinal)),
                    "Exists" => zones.Count > 0,
                    "DoesNotExist" => zones.Count == 0,
                    _ => false,
                };
                if (!ok) return false;
                continue;
            }
            SelectorOperator? sop = op switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                "Gt" => SelectorOperator.GreaterThan,
                "Lt" => SelectorOperator.LessThan,
                _ => null,
            };
            if (sop is null) return false;
            others.Add(new Requirement(key, sop.Value, values));
        }
        return others.All(r => r.Matches(fields));
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList() : [];
}
