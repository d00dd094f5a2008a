using System.Text.Json.Nodes;
using Flotilla.Controllers.Overrides;
using Flotilla.Core;

namespace Flotilla.Controllers.Detector;

/// <summary>
/// Matches templates to (Cluster)PropagationPolicies (KARMADA.md §2.2 step 3): a policy matches when one of its
/// resourceSelectors does (an empty list never matches); among candidates the higher spec.priority wins, then the
/// higher implicit priority (name &gt; labelSelector &gt; kind only), then the smaller policy name.
/// </summary>
public static class PolicyMatcher
{
    /// <summary>Implicit priority of <paramref name="policy"/> for <paramref name="template"/> (MisMatch when none of
    /// its selectors matches). A PropagationPolicy only matches templates of its own namespace.</summary>
    public static ImplicitPriority Match(JsonObject policy, JsonObject template)
    {
        if (policy["spec"]?["resourceSelectors"] is not JsonArray selectors || selectors.Count == 0) return ImplicitPriority.MisMatch;
        var policyNs = policy.Namespace();
        if (!string.IsNullOrEmpty(policyNs) && (template.Namespace() ?? "") != policyNs) return ImplicitPriority.MisMatch;
        return ResourceSelectorMatcher.Priority(template, selectors.OfType<JsonObject>());
    }

    /// <summary>The best matching policy, or null.</summary>
    public static JsonObject? Best(IEnumerable<JsonObject> policies, JsonObject template)
    {
        JsonObject? best = null;
        int bestExplicit = 0;
        var bestImplicit = ImplicitPriority.MisMatch;
        foreach (var p in policies)
        {
            if (p.IsDeleting()) continue;
            var implicitPriority = Match(p, template);
            if (implicitPriority == ImplicitPriority.MisMatch) continue;
            var explicitPriority = ExplicitPriority(p);
            if (best is null
                || explicitPriority > bestExplicit
                || (explicitPriority == bestExplicit && implicitPriority > bestImplicit)
                || (explicitPriority == bestExplicit && implicitPriority == bestImplicit && string.CompareOrdinal(p.Name(), best.Name()) < 0))
            {
                best = p;
                bestExplicit = explicitPriority;
                bestImplicit = implicitPriority;
            }
        }
        return best;
    }

    public static int ExplicitPriority(JsonObject policy) =>
        Binding.JsonValues.Int(policy["spec"]?["priority"]);

    /// <summary>The (group, kind) pairs a policy's selectors name.</summary>
    public static IEnumerable<(string ApiVersion, string Kind)> SelectedKinds(JsonObject policy)
    {
        if (policy["spec"]?["resourceSelectors"] is not JsonArray selectors) yield break;
        foreach (var s in selectors.OfType<JsonObject>())
            if (s.GetString("apiVersion") is { } av && s.GetString("kind") is { } k) yield return (av, k);
    }
}
