using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Overrides;

/// <summary>
/// Applies OverridePolicies and ClusterOverridePolicies to a resource template for one target cluster, in Karmada's
/// order: every matching ClusterOverridePolicy, then (namespaced templates only) every matching OverridePolicy of the
/// template's namespace; each set stable-sorted by implicit priority ascending (match-all &lt; labelSelector &lt; name;
/// no selectors = match-all) then name ascending; rules in list order (a rule applies when its targetCluster is nil
/// or matches); overriders of a rule in the fixed order image → command → args → labels → annotations → field →
/// plaintext. Pure: the input template is deep-copied, never modified.
/// </summary>
public sealed class OverrideEngine(IClusterMatcher? clusterMatcher = null)
{
    private readonly IClusterMatcher _matcher = clusterMatcher ?? ClusterAffinityMatcher.Instance;

    /// <summary>
    /// Applies the policies. <paramref name="clusterOverridePolicies"/> and <paramref name="overridePolicies"/> may
    /// contain non-matching policies (they are filtered); OverridePolicies of other namespaces are ignored.
    /// </summary>
    public OverrideResult Apply(
        JsonObject template,
        OverrideTargetCluster cluster,
        IEnumerable<OverridePolicyEntry> clusterOverridePolicies,
        IEnumerable<OverridePolicyEntry> overridePolicies)
    {
        var manifest = template.DeepCloneObject();
        var appliedCluster = new AppliedOverrides();
        var appliedNamespaced = new AppliedOverrides();

        var error = ApplySet(ref manifest, template, cluster, clusterOverridePolicies.Where(p => p.IsClusterScoped), appliedCluster);
        if (error is null)
        {
            var ns = template.Namespace();
            if (!string.IsNullOrEmpty(ns))
                error = ApplySet(ref manifest, template, cluster, overridePolicies.Where(p => p.Namespace == ns), appliedNamespaced);
        }

        return error is null
            ? new OverrideResult { Manifest = manifest, AppliedClusterOverrides = appliedCluster, AppliedOverrides = appliedNamespaced }
            : new OverrideResult { Error = error };
    }

    /// <summary>The policies of a set that match the template, in application order (for diagnostics and tests).</summary>
    public static IReadOnlyList<OverridePolicyEntry> SortMatching(JsonObject template, IEnumerable<OverridePolicyEntry> policies)
    {
        var matching = new List<(OverridePolicyEntry Policy, ImplicitPriority Priority)>();
        foreach (var p in policies)
        {
            var selectors = p.Spec.ResourceSelectors;
            if (selectors is null || selectors.Count == 0)
            {
                matching.Add((p, ImplicitPriority.MatchAll));
                continue;
            }
            var priority = ResourceSelectorMatcher.Priority(template, selectors);
            if (priority != ImplicitPriority.MisMatch) matching.Add((p, priority));
        }
        // OrderBy/ThenBy is stable, like Go's sort.SliceStable.
        return matching
            .OrderBy(m => m.Priority)
            .ThenBy(m => m.Policy.Name, StringComparer.Ordinal)
            .Select(m => m.Policy)
            .ToList();
    }

    private OverrideError? ApplySet(
        ref JsonObject manifest,
        JsonObject template,
        OverrideTargetCluster cluster,
        IEnumerable<OverridePolicyEntry> policies,
        AppliedOverrides applied)
    {
        foreach (var policy in SortMatching(template, policies))
        {
            var rules = policy.Spec.EffectiveRules;
            for (var r = 0; r < rules.Count; r++)
            {
                var rule = rules[r];
                if (rule.TargetCluster is not null && !_matcher.Matches(rule.TargetCluster, cluster)) continue;
                var failure = OverriderPatches.Apply(ref manifest, rule.Overriders ?? new Core.Karmada.Overriders());
                if (failure is { } f)
                    return new OverrideError(policy.Name, policy.Namespace, r, f.Overrider, f.Index, f.Message);
                applied.Add(policy.Name, rule.Overriders ?? new Core.Karmada.Overriders());
            }
        }
        return null;
    }
}
