using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Execution;

/// <summary>
/// Whether applying a desired object would change the observed one: every field the desired object sets (status and
/// server-managed metadata aside) has the same value in the observed object. Fields only the observed object has
/// (defaults set by the member's API server) do not count.
/// </summary>
public static class SemanticEquality
{
    private static readonly HashSet<string> IgnoredMetadata = new(StringComparer.Ordinal)
    {
        "resourceVersion", "uid", "generation", "creationTimestamp", "managedFields", "selfLink",
    };

    public static bool IsUpToDate(JsonObject desired, JsonObject observed)
    {
        foreach (var (k, v) in desired)
        {
            if (k == "status") continue;
            if (k == "metadata" && v is JsonObject dm)
            {
                var om = observed["metadata"] as JsonObject ?? [];
                foreach (var (mk, mv) in dm)
                    if (!IgnoredMetadata.Contains(mk) && !Subset(mv, om[mk])) return false;
                continue;
            }
            if (!Subset(v, observed[k])) return false;
        }
        return true;
    }

    private static bool Subset(JsonNode? desired, JsonNode? observed)
    {
        switch (desired)
        {
            case null:
                return observed is null;
            case JsonObject d:
                if (observed is not JsonObject o) return false;
                foreach (var (k, v) in d)
                    if (!Subset(v, o[k])) return false;
                return true;
            case JsonArray a:
                if (observed is not JsonArray b || a.Count != b.Count) return false;
                for (var i = 0; i < a.Count; i++)
                    if (!Subset(a[i], b[i])) return false;
                return true;
            default:
                return JsonNode.DeepEquals(desired, observed) || NumericEqual(desired, observed);
        }
    }

    private static bool NumericEqual(JsonNode a, JsonNode? b) =>
        a is JsonValue x && b is JsonValue y && x.TryGetValue<decimal>(out var m) && y.TryGetValue<decimal>(out var n) && m == n;
}
