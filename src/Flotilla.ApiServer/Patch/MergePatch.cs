using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Patch;

/// <summary>RFC 7386 JSON Merge Patch (<c>application/merge-patch+json</c>): null deletes, objects merge, the rest replaces.</summary>
public static class MergePatch
{
    /// <summary>Returns <paramref name="target"/> with <paramref name="patch"/> applied; neither input is modified.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        MergeInto(result, p);
        return result;
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null) { target.Remove(key); continue; }
            if (value is JsonObject child)
            {
                var existing = target[key] as JsonObject;
                if (existing is null) { existing = new JsonObject(); target[key] = existing; }
                MergeInto(existing, child);
                continue;
            }
            target[key] = value.DeepClone();
        }
    }

    /// <summary>
    /// The merge patch that turns <paramref name="original"/> into <paramref name="modified"/>: removed keys as null,
    /// changed objects recursively, everything else (arrays included) whole. Equal inputs give an empty object.
    /// </summary>
    public static JsonNode? Create(JsonNode? original, JsonNode? modified)
    {
        if (original is JsonObject o && modified is JsonObject m) return Diff(o, m);
        return JsonNode.DeepEquals(original, modified) ? new JsonObject() : modified?.DeepClone();
    }

    private static JsonObject Diff(JsonObject original, JsonObject modified)
    {
        var patch = new JsonObject();
        foreach (var (key, _) in original)
            if (!modified.ContainsKey(key)) patch[key] = null;
        foreach (var (key, value) in modified)
        {
            if (!original.TryGetPropertyValue(key, out var before))
            {
                patch[key] = value?.DeepClone();
                continue;
            }
            if (JsonNode.DeepEquals(before, value)) continue;
            if (before is JsonObject bo && value is JsonObject vo)
                patch[key] = Diff(bo, vo);
            else
                patch[key] = value?.DeepClone();
        }
        return patch;
    }
}
