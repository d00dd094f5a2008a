using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Serialization;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.ApiServer.PatchSupport;

/// <summary>The single entry point the PATCH handler calls: applies a patch of the given type to the current object
/// (null for a server-side apply that creates). Interim engines until Flotilla.ApiServer.Patch is merged.</summary>
internal static class PatchApplier
{
    public static JsonObject Apply(PatchType type, JsonObject? current, ReadOnlySpan<byte> patch, ServedResource r, WriteParams p)
    {
        _ = r;
        _ = p;
        switch (type)
        {
            case PatchType.Json:
                {
                    var ops = ParseNode(patch) as JsonArray ?? throw ApiErrors.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
                    return JsonPatch(current ?? new JsonObject(), ops);
                }
            case PatchType.Merge:
                {
                    var node = ParseNode(patch) as JsonObject ?? throw ApiErrors.BadRequest("json: cannot unmarshal into a JSON object: the patch is not an object");
                    return (JsonObject)MergePatch(current ?? new JsonObject(), node)!;
                }
            case PatchType.StrategicMerge:
                {
                    var node = ParseNode(patch) as JsonObject ?? throw ApiErrors.BadRequest("the patch is not a JSON object");
                    return (JsonObject)StrategicMerge(current ?? new JsonObject(), node)!;
                }
            case PatchType.Apply:
                {
                    var node = YamlJson.ParseObject(patch);
                    if (current is null) return node;
                    return (JsonObject)StrategicMerge(current, node)!;
                }
            default:
                throw ApiErrors.UnsupportedMediaType(type.ToString());
        }
    }

    private static JsonNode? ParseNode(ReadOnlySpan<byte> patch)
    {
        try { return JsonNode.Parse(patch); }
        catch (JsonException e) { throw ApiErrors.BadRequest("error decoding patch: " + e.Message); }
    }

    /// <summary>RFC 7386.</summary>
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject po) return patch?.DeepClone();
        var result = target is JsonObject to ? to.DeepCloneObject() : new JsonObject();
        foreach (var (k, v) in po)
        {
            if (v is null) result.Remove(k);
            else result[k] = MergePatch(result[k], v);
        }
        return result;
    }

    /// <summary>An approximation of strategic merge: merge patch, but lists of objects with a "name" (or "containerPort",
    /// "port", "ip", "type", "mountPath", "devicePath") key merge element-wise; $-directives are honoured minimally.</summary>
    public static JsonNode? StrategicMerge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject po) return patch?.DeepClone();
        var result = target is JsonObject to ? to.DeepCloneObject() : new JsonObject();
        foreach (var (k, v) in po)
        {
            if (k.StartsWith('$')) continue;
            if (k.StartsWith("$setElementOrder/", StringComparison.Ordinal) || k.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal)) continue;
            if (v is null) { result.Remove(k); continue; }
            if (v is JsonObject vo && vo.GetString("$patch") == "delete") { result.Remove(k); continue; }
            if (v is JsonObject vr && vr.GetString("$patch") == "replace") { var c = vr.DeepCloneObject(); c.Remove("$patch"); result[k] = c; continue; }
            if (v is JsonArray pa && result[k] is JsonArray ta && MergeKey(pa, ta) is { } mk)
            {
                var merged = new JsonArray();
                foreach (var item in ta) merged.Add(item?.DeepClone());
                foreach (var item in pa)
                {
                    if (item is not JsonObject io) continue;
                    var keyValue = io[mk]?.ToJsonString();
                    var idx = -1;
                    for (var i = 0; i < merged.Count; i++)
                        if ((merged[i] as JsonObject)?[mk]?.ToJsonString() == keyValue) { idx = i; break; }
                    if (io.GetString("$patch") == "delete") { if (idx >= 0) merged.RemoveAt(idx); continue; }
                    if (idx >= 0) merged[idx] = StrategicMerge(merged[idx], io);
                    else merged.Add(StrategicMerge(null, io));
                }
                result[k] = merged;
                continue;
            }
            result[k] = v is JsonObject ? StrategicMerge(result[k], v) : StripDirectives(v);
        }
        return result;
    }

    private static JsonNode? StripDirectives(JsonNode v)
    {
        if (v is JsonArray a)
        {
            var r = new JsonArray();
            foreach (var i in a) r.Add(i is JsonObject ? StrategicMerge(null, i) : i?.DeepClone());
            return r;
        }
        return v.DeepClone();
    }

    private static readonly string[] MergeKeys = ["name", "containerPort", "mountPath", "devicePath", "ip", "type", "topologyKey"];

    private static string? MergeKey(JsonArray patch, JsonArray target)
    {
        if (patch.Count == 0 || patch[0] is not JsonObject first) return null;
        foreach (var k in MergeKeys)
            if (first.ContainsKey(k) && (target.Count == 0 || (target[0] as JsonObject)?.ContainsKey(k) == true)) return k;
        return null;
    }

    /// <summary>RFC 6902.</summary>
    public static JsonObject JsonPatch(JsonObject doc, JsonArray ops)
    {
        JsonNode root = doc.DeepCloneObject();
        foreach (var opNode in ops)
        {
            if (opNode is not JsonObject op) throw ApiErrors.BadRequest("invalid JSON patch operation");
            var kind = op.GetString("op") ?? throw ApiErrors.BadRequest("Unexpected kind: missing op");
            var path = op.GetString("path") ?? throw ApiErrors.BadRequest($"{kind} operation does not apply: path is missing");
            switch (kind)
            {
                case "add": root = Add(root, path, op["value"]?.DeepClone()); break;
                case "remove": root = Remove(root, path, out _); break;
                case "replace":
                    Get(root, path);
                    root = Remove(root, path, out _);
                    root = Add(root, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    {
                        var from = op.GetString("from") ?? throw ApiErrors.BadRequest("move operation requires from");
                        root = Remove(root, from, out var moved);
                        root = Add(root, path, moved);
                        break;
                    }
                case "copy":
                    {
                        var from = op.GetString("from") ?? throw ApiErrors.BadRequest("copy operation requires from");
                        root = Add(root, path, Get(root, from)?.DeepClone());
                        break;
                    }
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), op["value"]))
                        throw new ApiStatusException(422, StatusReasons.Invalid, $"testing value {path} failed");
                    break;
                default:
                    throw ApiErrors.BadRequest($"Unexpected kind: {kind}");
            }
        }
        return root as JsonObject ?? throw ApiErrors.BadRequest("the patch produced a non-object");
    }

    private static string[] Split(string path)
    {
        if (path.Length == 0) return [];
        if (path[0] != '/') throw ApiErrors.BadRequest($"the server rejected our request due to an error in our request: invalid path {path}");
        var parts = path[1..].Split('/');
        for (var i = 0; i < parts.Length; i++) parts[i] = parts[i].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        return parts;
    }

    private static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? cur = root;
        foreach (var p in Split(path))
        {
            cur = cur switch
            {
                JsonObject o when o.TryGetPropertyValue(p, out var v) => v,
                JsonArray a when int.TryParse(p, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw new ApiStatusException(422, StatusReasons.Invalid, $"the server rejected our request due to an error in our request: doc is missing path: \"{path}\": missing value"),
            };
        }
        return cur;
    }

    private static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        var parts = Split(path);
        if (parts.Length == 0) return value ?? throw ApiErrors.BadRequest("cannot replace the document with null");
        var parent = Get(root, parts.Length == 1 ? "" : "/" + string.Join('/', parts[..^1].Select(Escape)));
        var last = parts[^1];
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a:
                if (last == "-") a.Add(value);
                else if (int.TryParse(last, out var i) && i >= 0 && i <= a.Count) a.Insert(i, value);
                else throw new ApiStatusException(422, StatusReasons.Invalid, $"add operation does not apply: index out of range: {path}");
                break;
            default: throw new ApiStatusException(422, StatusReasons.Invalid, $"add operation does not apply: doc is missing path: \"{path}\"");
        }
        return root;
    }

    private static JsonNode Remove(JsonNode root, string path, out JsonNode? removed)
    {
        var parts = Split(path);
        if (parts.Length == 0) throw ApiErrors.BadRequest("cannot remove the document root");
        var parent = Get(root, parts.Length == 1 ? "" : "/" + string.Join('/', parts[..^1].Select(Escape)));
        var last = parts[^1];
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(last, out removed):
                o.Remove(last);
                removed = removed?.DeepClone();
                return root;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                removed = a[i]?.DeepClone();
                a.RemoveAt(i);
                return root;
            default:
                throw new ApiStatusException(422, StatusReasons.Invalid, $"the server rejected our request due to an error in our request: remove operation does not apply: doc is missing path: \"{path}\": missing value");
        }
    }

    private static string Escape(string s) => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
