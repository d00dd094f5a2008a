using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Informers;

namespace Flotilla.Controllers.Binding;

/// <summary>Indexes of the Works cache shared by the binding, status and namespace controllers.</summary>
public static class WorkIndex
{
    /// <summary>Works by binding permanent id (resourcebinding / clusterresourcebinding permanent-id label).</summary>
    public const string ByBindingId = "flotilla.binding-id";

    /// <summary>Adds the index to the cache unless it is there already.</summary>
    public static void Ensure(ObjectCache cache) => cache.EnsureIndexer(ByBindingId, BindingIds);

    public static IEnumerable<string> BindingIds(JsonObject work)
    {
        if (work.Label(WellKnownLabels.ResourceBindingPermanentId) is { Length: > 0 } rb) yield return rb;
        if (work.Label(WellKnownLabels.ClusterResourceBindingPermanentId) is { Length: > 0 } crb) yield return crb;
    }

    /// <summary>The Works of a binding.</summary>
    public static IReadOnlyList<JsonObject> Of(ObjectCache works, string? bindingId)
    {
        if (string.IsNullOrEmpty(bindingId)) return [];
        Ensure(works);
        return works.ByIndex(ByBindingId, bindingId);
    }

    /// <summary>The binding key a Work belongs to (from its binding annotations), or null.</summary>
    public static ObjectKey? BindingOf(JsonObject work, bool clusterScoped)
    {
        if (clusterScoped)
            return work.Annotation(WellKnownAnnotations.ClusterResourceBindingName) is { Length: > 0 } n ? new ObjectKey("", n) : null;
        return work.Annotation(WellKnownAnnotations.ResourceBindingName) is { Length: > 0 } name
            && work.Annotation(WellKnownAnnotations.ResourceBindingNamespace) is { Length: > 0 } ns
            ? new ObjectKey(ns, name)
            : null;
    }
}
