namespace Flotilla.Controllers.Detector;

/// <summary>Event reasons and messages of the detector (Karmada's events package).</summary>
public static class DetectorEvents
{
    public const string ReasonApplyPolicySucceed = "ApplyPolicySucceed";
    public const string ReasonApplyPolicyFailed = "ApplyPolicyFailed";

    /// <summary>Warning recorded on a template that no (Cluster)PropagationPolicy matches (Karmada's message).</summary>
    public const string MessageNoPolicyMatch = "No policy match for resource";

    public static string ApplyPolicySucceeded(string? policyNamespace, string policyName) =>
        string.IsNullOrEmpty(policyNamespace)
            ? $"Apply cluster policy({policyName}) succeed"
            : $"Apply policy({policyNamespace}/{policyName}) succeed";
}
