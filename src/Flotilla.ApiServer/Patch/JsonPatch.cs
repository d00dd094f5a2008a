using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>
/// RFC 6902 JSON Patch (<c>application/json-patch+json</c>). Atomic: the document is never modified; either every
/// operation applies to a copy that is returned, or an <see cref="ApiStatusException"/> is thrown as kube-apiserver
/// answers: 400 BadRequest for a malformed operation list, 422 Invalid ("the server rejected our request due to an
/// error in our request") when an operation does not apply, with the reason in <see cref="PatchErrors.Detail"/>.
/// </summary>
public static class JsonPatch
{
    /// <summary>kube-apiserver refuses JSON patches with more operations than this (413).</summary>
    public const int MaxOperations = 10000;

    /// <summary>Applies <paramref name="operations"/> to a copy of <paramref name="document"/> and returns it.</summary>
    public static JsonNode? Apply(JsonNode? document, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count > MaxOperations)
            throw new ApiStatusException(413, "RequestEntityTooLarge",
                $"Request entity too large: The allowed maximum operations in a JSON patch is {MaxOperations}, got {operations.Count}");
        var doc = document?.DeepClone();
        foreach (var opNode in operations)
        {
            if (opNode is not JsonObject op)
                throw PatchErrors.BadRequest("json: cannot unmarshal " + Describe(opNode) + " into Go value of type jsonpatch.Operation");
            doc = ApplyOne(doc, op);
        }
        return doc;
    }

    private static JsonNode? ApplyOne(JsonNode? doc, JsonObject op)
    {
        var kind = op["op"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "unknown";
        return kind switch
        {
            "add" => Add(doc, PathOf(op, "path"), ValueOf(op, kind)),
            "remove" => Remove(doc, PathOf(op, "path"), out _),
            "replace" => Replace(doc, PathOf(op, "path"), ValueOf(op, kind)),
            "move" => Move(doc, PathOf(op, "from"), PathOf(op, "path")),
            "copy" => Copy(doc, PathOf(op, "from"), PathOf(op, "path")),
            "test" => Test(doc, PathOf(op, "path"), ValueOf(op, kind)),
            _ => throw PatchErrors.Unprocessable($"Unexpected kind: {kind}"),
        };
    }

    private static string PathOf(JsonObject op, string member)
    {
        if (op[member] is JsonValue v && v.TryGetValue<string>(out var s)) return s;
        throw PatchErrors.Unprocessable($"operation missing {member} field");
    }

    private static JsonNode? ValueOf(JsonObject op, string kind)
    {
        if (!op.TryGetPropertyValue("value", out var value))
            throw PatchErrors.Unprocessable($"{kind} operation: missing value");
        return value?.DeepClone();
    }

    private static IReadOnlyList<string> Tokens(string pointer)
    {
        try { return JsonPointer.Parse(pointer); }
        catch (FormatException e) { throw PatchErrors.Unprocessable(e.Message); }
    }

    /// <summary>Resolves the container holding the last token of <paramref name="pointer"/>.</summary>
    private static JsonNode ParentOf(JsonNode? doc, string pointer, IReadOnlyList<string> tokens)
    {
        var node = doc;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (!TryChild(node, tokens[i], out node) || node is null)
                throw PatchErrors.Unprocessable($"doc is missing path: \"{pointer}\": missing value");
        }
        return node ?? throw PatchErrors.Unprocessable($"doc is missing path: \"{pointer}\": missing value");
    }

    private static bool TryChild(JsonNode? node, string token, out JsonNode? child)
    {
        child = null;
        switch (node)
        {
            case JsonObject o:
                return o.TryGetPropertyValue(token, out child);
            case JsonArray a when JsonPointer.TryParseIndex(token, out var i) && i < a.Count:
                child = a[i];
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads the value at <paramref name="pointer"/>; false when it does not exist.</summary>
    public static bool TryGet(JsonNode? doc, string pointer, out JsonNode? value)
    {
        value = doc;
        foreach (var t in JsonPointer.Parse(pointer))
            if (!TryChild(value, t, out value)) return false;
        return true;
    }

    private static JsonNode? Add(JsonNode? doc, string pointer, JsonNode? value)
    {
        var tokens = Tokens(pointer);
        if (tokens.Count == 0) return value;
        var parent = ParentOf(doc, pointer, tokens);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a:
                if (last == "-") { a.Add(value); break; }
                if (!JsonPointer.TryParseIndex(last, out var i) || i > a.Count)
                    throw PatchErrors.Unprocessable($"Unable to access invalid index: {last}: invalid index referenced");
                a.Insert(i, value);
                break;
            default:
                throw PatchErrors.Unprocessable($"doc is missing path: \"{pointer}\": missing value");
        }
        return doc;
    }

    private static JsonNode? Remove(JsonNode? doc, string pointer, out JsonNode? removed)
    {
        var tokens = Tokens(pointer);
        if (tokens.Count == 0) throw PatchErrors.Unprocessable("unable to remove the whole document");
        var parent = ParentOf(doc, pointer, tokens);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.TryGetPropertyValue(last, out removed):
                o.Remove(last);
                return doc;
            case JsonArray a when JsonPointer.TryParseIndex(last, out var i) && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                return doc;
            default:
                throw PatchErrors.Unprocessable($"remove operation does not apply: doc is missing path: \"{pointer}\": missing value");
        }
    }

    private static JsonNode? Replace(JsonNode? doc, string pointer, JsonNode? value)
    {
        var tokens = Tokens(pointer);
        if (tokens.Count == 0) return value;
        var parent = ParentOf(doc, pointer, tokens);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o[last] = value;
                return doc;
            case JsonArray a when JsonPointer.TryParseIndex(last, out var i) && i < a.Count:
                a[i] = value;
                return doc;
            default:
                throw PatchErrors.Unprocessable($"replace operation does not apply: doc is missing key: {pointer}: missing value");
        }
    }

    private static JsonNode? Move(JsonNode? doc, string from, string pointer)
    {
        if (from == pointer) { _ = Get(doc, from, "move"); return doc; }
        if (pointer.StartsWith(from + "/", StringComparison.Ordinal))
            throw PatchErrors.Unprocessable($"move operation does not apply: \"from\" {from} is a prefix of \"path\" {pointer}");
        _ = Get(doc, from, "move");
        doc = Remove(doc, from, out var value);
        return Add(doc, pointer, value);
    }

    private static JsonNode? Copy(JsonNode? doc, string from, string pointer) =>
        Add(doc, pointer, Get(doc, from, "copy")?.DeepClone());

    private static JsonNode? Test(JsonNode? doc, string pointer, JsonNode? expected)
    {
        if (!TryGetChecked(doc, pointer, out var actual))
        {
            if (expected is null) return doc;
            throw PatchErrors.Unprocessable($"testing value {pointer} failed: test failed");
        }
        if (!JsonNode.DeepEquals(actual, expected))
            throw PatchErrors.Unprocessable($"testing value {pointer} failed: test failed");
        return doc;
    }

    private static JsonNode? Get(JsonNode? doc, string pointer, string kind)
    {
        if (!TryGetChecked(doc, pointer, out var value))
            throw PatchErrors.Unprocessable($"{kind} operation does not apply: doc is missing from path: \"{pointer}\": missing value");
        return value;
    }

    private static bool TryGetChecked(JsonNode? doc, string pointer, out JsonNode? value)
    {
        var tokens = Tokens(pointer);
        value = doc;
        foreach (var t in tokens)
            if (!TryChild(value, t, out value)) return false;
        return true;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "array",
        JsonValue v => v.GetValueKind().ToString().ToLowerInvariant(),
        _ => "value",
    };
}
