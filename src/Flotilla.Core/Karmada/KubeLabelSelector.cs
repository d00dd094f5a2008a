namespace Flotilla.Core.Karmada;

/// <summary>metav1.LabelSelector (matchLabels + matchExpressions), with apimachinery's matching semantics.</summary>
public sealed record KubeLabelSelector
{
    public Dictionary<string, string>? MatchLabels { get; init; }
    public List<LabelSelectorRequirement>? MatchExpressions { get; init; }

    /// <summary>
    /// True when every matchLabels entry and every expression matches. An empty selector matches everything
    /// (a null selector is handled by callers: in ClusterAffinity it means "no label constraint").
    /// Unknown operators never match.
    /// </summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (MatchLabels is not null)
        {
            foreach (var (k, v) in MatchLabels)
                if (labels is null || !labels.TryGetValue(k, out var actual) || actual != v) return false;
        }
        if (MatchExpressions is not null)
        {
            foreach (var e in MatchExpressions)
                if (!e.Matches(labels)) return false;
        }
        return true;
    }
}

/// <summary>metav1.LabelSelectorRequirement.</summary>
public sealed record LabelSelectorRequirement
{
    public required string Key { get; init; }
    /// <summary>In | NotIn | Exists | DoesNotExist.</summary>
    public required string Operator { get; init; }
    public List<string>? Values { get; init; }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? v = null;
        var has = labels is not null && labels.TryGetValue(Key, out v);
        return Operator switch
        {
            "In" => has && Values is not null && Values.Contains(v!),
            "NotIn" => !has || Values is null || !Values.Contains(v!),
            "Exists" => has,
            "DoesNotExist" => !has,
            _ => false,
        };
    }
}
