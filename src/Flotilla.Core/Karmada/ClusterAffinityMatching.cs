using System.Globalization;

namespace Flotilla.Core.Karmada;

/// <summary>
/// Karmada's util.ClusterMatches (pkg/util/selector.go), the one ClusterAffinity matcher used by the scheduler
/// (placement affinities, static weights) and by override rules (overrideRules[].targetCluster):
/// <list type="number">
/// <item>a cluster listed in <c>exclude</c> never matches;</item>
/// <item><c>labelSelector</c> with apimachinery's semantics; an invalid selector (unknown operator, In/NotIn without
/// values, Exists/DoesNotExist with values) matches nothing;</item>
/// <item><c>fieldSelector</c>: key <c>zone</c> against spec.zones with matchZones' rules — In: the cluster has zones
/// and every one of them is listed; NotIn: none of them is listed; Exists: it has zones; DoesNotExist: it has none;
/// any other operator fails — and the other keys as a label selector over {provider, region} (In, NotIn, Exists,
/// DoesNotExist, Gt, Lt; an invalid requirement fails the match);</item>
/// <item><c>clusterNames</c>, when non-empty, must list the cluster.</item>
/// </list>
/// All present criteria are ANDed; an affinity with none of them matches every cluster.
/// </summary>
public static class ClusterAffinityMatching
{
    public static bool Matches(ClusterAffinity affinity, string name, IReadOnlyDictionary<string, string>? labels,
        string? provider, string? region, IReadOnlyList<string>? zones)
    {
        if (affinity.ExcludeClusters is { } exclude && exclude.Contains(name, StringComparer.Ordinal)) return false;
        if (affinity.LabelSelector is { } ls && (!IsValid(ls) || !ls.Matches(labels))) return false;
        if (affinity.FieldSelector?.MatchExpressions is { } expressions)
        {
            foreach (var e in expressions)
            {
                var ok = e.Key == ClusterFieldKeys.Zone ? MatchesZones(e, zones) : MatchesField(e, provider, region);
                if (!ok) return false;
            }
        }
        return affinity.ClusterNames is not { Count: > 0 } names || names.Contains(name, StringComparer.Ordinal);
    }

    /// <summary>matchZones: the zone requirement against the cluster's zone list.</summary>
    public static bool MatchesZones(NodeSelectorRequirement e, IReadOnlyList<string>? zones)
    {
        zones ??= [];
        var values = e.Values ?? [];
        return e.Operator switch
        {
            "In" => zones.Count > 0 && zones.All(z => values.Contains(z, StringComparer.Ordinal)),
            "NotIn" => !zones.Any(z => values.Contains(z, StringComparer.Ordinal)),
            "Exists" => zones.Count > 0,
            "DoesNotExist" => zones.Count == 0,
            _ => false,
        };
    }

    /// <summary>A provider / region requirement as labels.NewRequirement validates and matches it over the set
    /// {provider, region} (empty fields are absent).</summary>
    private static bool MatchesField(NodeSelectorRequirement e, string? provider, string? region)
    {
        var values = e.Values ?? [];
        var valid = e.Operator switch
        {
            "In" or "NotIn" => values.Count > 0,
            "Exists" or "DoesNotExist" => values.Count == 0,
            "Gt" or "Lt" => values.Count == 1 && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            _ => false,
        };
        if (!valid) return false;
        var value = e.Key switch
        {
            ClusterFieldKeys.Provider => provider,
            ClusterFieldKeys.Region => region,
            _ => null,
        };
        var has = !string.IsNullOrEmpty(value);
        return e.Operator switch
        {
            "In" => has && values.Contains(value!, StringComparer.Ordinal),
            "NotIn" => !has || !values.Contains(value!, StringComparer.Ordinal),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var g) && g > long.Parse(values[0], CultureInfo.InvariantCulture),
            _ => has && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && l < long.Parse(values[0], CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Whether metav1.LabelSelectorAsSelector accepts the selector's expressions.</summary>
    private static bool IsValid(KubeLabelSelector selector)
    {
        foreach (var e in selector.MatchExpressions ?? [])
        {
            var count = e.Values?.Count ?? 0;
            var ok = e.Operator switch
            {
                "In" or "NotIn" => count > 0,
                "Exists" or "DoesNotExist" => count == 0,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }
}
