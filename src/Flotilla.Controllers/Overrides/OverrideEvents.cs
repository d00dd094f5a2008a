namespace Flotilla.Controllers.Overrides;

/// <summary>Karmada's event reasons and messages for override application (reported on the resource template).</summary>
public static class OverrideEvents
{
    public const string ReasonApplyOverridePolicySucceed = "ApplyOverridePolicySucceed";
    public const string ReasonApplyOverridePolicyFailed = "ApplyOverridePolicyFailed";

    /// <summary>Normal event per applied policy, e.g. "Apply override policy(default/p) for cluster(member1) succeed."</summary>
    public static string Succeeded(string policyName, string? policyNamespace, string cluster) =>
        string.IsNullOrEmpty(policyNamespace)
            ? $"Apply cluster override policy({policyName}) for cluster({cluster}) succeed."
            : $"Apply override policy({policyNamespace}/{policyName}) for cluster({cluster}) succeed.";

    /// <summary>Warning event for a failed policy, e.g. "Apply override policy(default/p) for cluster(member1) failed."</summary>
    public static string Failed(OverrideError error, string cluster) =>
        string.IsNullOrEmpty(error.PolicyNamespace)
            ? $"Apply cluster override policy({error.PolicyName}) for cluster({cluster}) failed."
            : $"Apply override policy({error.PolicyNamespace}/{error.PolicyName}) for cluster({cluster}) failed.";
}
