namespace Flotilla.Controllers.Overrides;

/// <summary>
/// Why overrides could not be applied for one cluster: names the policy, the rule and the overrider so the caller
/// can report it (condition/event on the binding) without failing the other clusters.
/// </summary>
public sealed record OverrideError(
    string PolicyName,
    string? PolicyNamespace,
    int RuleIndex,
    string Overrider,
    int OverriderIndex,
    string Message)
{
    /// <summary>"OverridePolicy" or "ClusterOverridePolicy".</summary>
    public string PolicyKind => string.IsNullOrEmpty(PolicyNamespace) ? "ClusterOverridePolicy" : "OverridePolicy";

    public override string ToString()
    {
        var policy = string.IsNullOrEmpty(PolicyNamespace) ? PolicyName : PolicyNamespace + "/" + PolicyName;
        return $"{PolicyKind}({policy}) overrideRules[{RuleIndex}].{Overrider}[{OverriderIndex}]: {Message}";
    }
}
