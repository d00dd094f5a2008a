using System.Globalization;
using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Overrides;

/// <summary>
/// RFC 6902 add/remove/replace over <see cref="JsonNode"/> with RFC 6901 pointers, matching the behaviour of
/// evanphx/json-patch (used by Karmada): add on an existing member replaces it, add into an array inserts ("-"
/// appends), remove and replace require the target to exist, and the parent of an added value must exist.
/// </summary>
public static class JsonPatch
{
    /// <summary>Applies the operations in order to <paramref name="document"/> (modified in place) and returns the
    /// resulting root (a different node only when the root itself is replaced).</summary>
    public static JsonNode? Apply(JsonNode? document, IEnumerable<JsonPatchOperation> operations)
    {
        foreach (var op in operations) document = ApplyOne(document, op);
        return document;
    }

    /// <summary>Splits an RFC 6901 pointer into unescaped reference tokens ("" ⇒ no tokens, the whole document).</summary>
    public static IReadOnlyList<string> ParsePointer(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (pointer[0] != '/') throw new JsonPatchException($"JSON pointer must be empty or start with '/': \"{pointer}\"");
        var parts = pointer[1..].Split('/');
        for (var i = 0; i < parts.Length; i++) parts[i] = parts[i].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        return parts;
    }

    /// <summary>Reads the node at a pointer; returns false when any segment is missing.</summary>
    public static bool TryGet(JsonNode? document, string pointer, out JsonNode? value)
    {
        value = null;
        var cur = document;
        foreach (var token in ParsePointer(pointer))
        {
            switch (cur)
            {
                case JsonObject o:
                    if (!o.TryGetPropertyValue(token, out cur)) return false;
                    break;
                case JsonArray a:
                    if (!TryIndex(token, a.Count, out var i) || i >= a.Count) return false;
                    cur = a[i];
                    break;
                default:
                    return false;
            }
        }
        value = cur;
        return true;
    }

    private static JsonNode? ApplyOne(JsonNode? document, JsonPatchOperation op)
    {
        var tokens = ParsePointer(op.Path);
        switch (op.Op)
        {
            case "add":
            case "replace":
            case "remove":
                break;
            default:
                throw new JsonPatchException($"unexpected operation \"{op.Op}\" at path \"{op.Path}\"");
        }
        if (tokens.Count == 0)
        {
            return op.Op switch
            {
                "remove" => null,
                _ => op.Value?.DeepClone(),
            };
        }

        var parent = document;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            parent = parent switch
            {
                JsonObject o when o.TryGetPropertyValue(tokens[i], out var next) && next is not null => next,
                JsonArray a when TryIndex(tokens[i], a.Count, out var idx) && idx < a.Count && a[idx] is not null => a[idx],
                _ => throw new JsonPatchException($"{op.Op} operation does not apply: doc is missing path: \"{op.Path}\""),
            };
        }

        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                switch (op.Op)
                {
                    case "add":
                        obj[last] = op.Value?.DeepClone();
                        break;
                    case "replace":
                        if (!obj.ContainsKey(last)) throw Missing(op);
                        obj[last] = op.Value?.DeepClone();
                        break;
                    default:
                        if (!obj.Remove(last)) throw Missing(op);
                        break;
                }
                break;
            case JsonArray arr:
                if (op.Op == "add" && last == "-")
                {
                    arr.Add(op.Value?.DeepClone());
                    break;
                }
                if (!TryIndex(last, arr.Count, out var index)) throw new JsonPatchException($"{op.Op} operation does not apply: invalid array index \"{last}\" at path \"{op.Path}\"");
                switch (op.Op)
                {
                    case "add":
                        if (index > arr.Count) throw new JsonPatchException($"add operation does not apply: index {index} out of bounds at path \"{op.Path}\"");
                        arr.Insert(index, op.Value?.DeepClone());
                        break;
                    case "replace":
                        if (index >= arr.Count) throw Missing(op);
                        arr[index] = op.Value?.DeepClone();
                        break;
                    default:
                        if (index >= arr.Count) throw Missing(op);
                        arr.RemoveAt(index);
                        break;
                }
                break;
            default:
                throw new JsonPatchException($"{op.Op} operation does not apply: doc is missing path: \"{op.Path}\"");
        }
        return document;
    }

    private static JsonPatchException Missing(JsonPatchOperation op) =>
        new($"{op.Op} operation does not apply: doc is missing key: \"{op.Path}\"");

    private static bool TryIndex(string token, int count, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0')) return false;
        foreach (var c in token) if (c is < '0' or > '9') return false;
        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index >= 0 && count >= 0;
    }
}
