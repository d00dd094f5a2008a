using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.TestKit.Fakes;

/// <summary>Minimal JSON Merge Patch (RFC 7386) and JSON Patch (RFC 6902) for the fake client.</summary>
public static class JsonPatching
{
    /// <summary>RFC 7386: objects merge recursively, null removes, everything else replaces.</summary>
    public static JsonNode? ApplyMergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in p)
        {
            if (value is null) { result.Remove(key); continue; }
            var merged = ApplyMergePatch(result[key], value);
            result[key] = merged;
        }
        return result;
    }

    /// <summary>RFC 6902 over a copy of <paramref name="target"/>: add, remove, replace, move, copy, test.</summary>
    public static JsonNode ApplyJsonPatch(JsonNode target, JsonArray operations)
    {
        var doc = target.DeepClone();
        foreach (var opNode in operations)
        {
            if (opNode is not JsonObject op) throw ApiErrors.BadRequest("json patch: each operation must be an object");
            var kind = op.GetString("op") ?? throw ApiErrors.BadRequest("json patch: missing op");
            var path = op.GetString("path") ?? throw ApiErrors.BadRequest("json patch: missing path");
            switch (kind)
            {
                case "add": doc = Add(doc, path, op["value"]?.DeepClone()); break;
                case "remove": doc = Remove(doc, path, out _); break;
                case "replace": doc = Remove(doc, path, out _); doc = Add(doc, path, op["value"]?.DeepClone()); break;
                case "move":
                {
                    var from = op.GetString("from") ?? throw ApiErrors.BadRequest("json patch: move needs from");
                    doc = Remove(doc, from, out var moved);
                    doc = Add(doc, path, moved);
                    break;
                }
                case "copy":
                {
                    var from = op.GetString("from") ?? throw ApiErrors.BadRequest("json patch: copy needs from");
                    doc = Add(doc, path, Get(doc, from)?.DeepClone());
                    break;
                }
                case "test":
                    if (!JsonNode.DeepEquals(Get(doc, path), op["value"]))
                        throw new ApiStatusException(422, StatusReasons.Invalid, $"the server rejected our request due to an error in our request: test failed at {path}");
                    break;
                default: throw ApiErrors.BadRequest($"json patch: unknown op {kind}");
            }
        }
        return doc;
    }

    private static List<string> Split(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (pointer[0] != '/') throw ApiErrors.BadRequest($"json patch: invalid path {pointer}");
        return pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    private static JsonNode? Get(JsonNode doc, string pointer)
    {
        JsonNode? cur = doc;
        foreach (var part in Split(pointer))
        {
            cur = cur switch
            {
                JsonObject o => o.TryGetPropertyValue(part, out var v) ? v : throw Missing(pointer),
                JsonArray a when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw Missing(pointer),
            };
        }
        return cur;
    }

    private static JsonNode Add(JsonNode doc, string pointer, JsonNode? value)
    {
        var parts = Split(pointer);
        if (parts.Count == 0) return value ?? throw ApiErrors.BadRequest("json patch: cannot replace the document with null");
        var parent = Get(doc, ParentPointer(parts));
        var last = parts[^1];
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count: a.Insert(i, value); break;
            default: throw Missing(pointer);
        }
        return doc;
    }

    private static JsonNode Remove(JsonNode doc, string pointer, out JsonNode? removed)
    {
        var parts = Split(pointer);
        if (parts.Count == 0) throw ApiErrors.BadRequest("json patch: cannot remove the whole document");
        var parent = Get(doc, ParentPointer(parts));
        var last = parts[^1];
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(last, out var v):
                removed = v;
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                break;
            default: throw Missing(pointer);
        }
        return doc;
    }

    private static string ParentPointer(List<string> parts) =>
        parts.Count == 1 ? "" : "/" + string.Join('/', parts.Take(parts.Count - 1).Select(Escape));

    private static string Escape(string s) => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static ApiStatusException Missing(string pointer) =>
        new(422, StatusReasons.Invalid, $"the server rejected our request due to an error in our request: missing path {pointer}");
}
