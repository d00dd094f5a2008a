using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Selectors;

namespace Flotilla.Controllers.Overrides;

/// <summary>How specifically a resource selector matches a resource (Karmada's util.ImplicitPriority).</summary>
public enum ImplicitPriority
{
    MisMatch = 0,
    MatchAll = 1,
    MatchLabelSelector = 2,
    MatchName = 3,
}

/// <summary>Karmada's resource selector matching (apiVersion, kind, namespace, then name XOR labelSelector).</summary>
public static class ResourceSelectorMatcher
{
    /// <summary>Priority of one selector for <paramref name="resource"/>.</summary>
    public static ImplicitPriority Priority(JsonObject resource, JsonObject selector)
    {
        if (resource.ApiVersion() != selector.GetString("apiVersion") || resource.Kind() != selector.GetString("kind"))
            return ImplicitPriority.MisMatch;
        var ns = selector.GetString("namespace");
        if (!string.IsNullOrEmpty(ns) && (resource.Namespace() ?? "") != ns) return ImplicitPriority.MisMatch;

        var name = selector.GetString("name");
        if (!string.IsNullOrEmpty(name))
            return name == resource.Name() ? ImplicitPriority.MatchName : ImplicitPriority.MisMatch;

        if (selector["labelSelector"] is not JsonObject ls) return ImplicitPriority.MatchAll;
        try
        {
            return LabelSelector.FromJson(ls).Matches(resource.Labels()) ? ImplicitPriority.MatchLabelSelector : ImplicitPriority.MisMatch;
        }
        catch (FormatException)
        {
            return ImplicitPriority.MisMatch;
        }
    }

    /// <summary>Highest priority over the selectors (MisMatch when none matches).</summary>
    public static ImplicitPriority Priority(JsonObject resource, IEnumerable<JsonObject> selectors)
    {
        var best = ImplicitPriority.MisMatch;
        foreach (var s in selectors)
        {
            var p = Priority(resource, s);
            if (p > best) best = p;
        }
        return best;
    }
}
