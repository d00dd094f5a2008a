using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Schema;
using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>
/// The fields of a server-side apply configuration that the kind's schema does not declare. kube-apiserver converts
/// the applied configuration to a typed value before merging, and that conversion fails on such a field whatever
/// fieldValidation says ("failed to create typed patch object (ns/name; group/version, Kind=K): .spec.x: field not
/// declared in schema"); fields under x-kubernetes-preserve-unknown-fields or a map's values are declared.
/// </summary>
internal static class UndeclaredFields
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Kubernetes' printed paths (<c>.spec.template.spec.containers[name="c"].x</c>) of the undeclared fields
    /// of <paramref name="applied"/>, the first of each object in document order (the typed conversion stops an
    /// object at its first one).</summary>
    public static List<string> Find(SchemaRegistry schemas, JsonObject rootSchema, JsonObject applied, FieldPaths paths)
    {
        var found = new List<string>();
        Walk(schemas, paths, applied, rootSchema, [], [], found);
        return found;
    }

    /// <summary>The 400 BadRequest a server-side apply with undeclared fields gets (kube-apiserver 1.31 words it this
    /// way and answers 500; the client sent the bad input, so Flotilla answers 400 with the same message).</summary>
    public static ApiStatusException Error(GroupVersionKind gvk, string? ns, string name, IReadOnlyList<string> fields)
    {
        var errors = fields.Count == 1
            ? fields[0] + ": field not declared in schema"
            : "errors:\n" + string.Join("\n", fields.Select(f => "  " + f + ": field not declared in schema"));
        return ApiErrors.BadRequest($"failed to create typed patch object ({ns}/{name}; {gvk.Group}/{gvk.Version}, Kind={gvk.Kind}): {errors}");
    }

    private static void Walk(SchemaRegistry schemas, FieldPaths paths, JsonNode? value, JsonObject schemaIn, List<string> elements,
        List<string> names, List<string> found)
    {
        var schema = schemas.Resolve(schemaIn);
        if (IsTrue(schema, "x-kubernetes-int-or-string")) return;
        switch (value)
        {
            case JsonObject o:
                var props = schema["properties"] as JsonObject;
                var additional = schema["additionalProperties"];
                var preserve = IsTrue(schema, "x-kubernetes-preserve-unknown-fields");
                if (props is null && additional is null && (preserve || schema["type"] is null)) return;
                var anyAllowed = preserve || (additional is JsonValue av && av.TryGetValue<bool>(out var allowed) && allowed);
                foreach (var (key, child) in o)
                {
                    JsonObject? childSchema = props?[key] as JsonObject ?? additional as JsonObject;
                    if (childSchema is null)
                    {
                        if (anyAllowed) continue;
                        found.Add(FieldPaths.Display([.. elements, "f:" + key]));
                        break;
                    }
                    if (child is null) continue;
                    elements.Add("f:" + key);
                    names.Add(key);
                    Walk(schemas, paths, child, childSchema, elements, names, found);
                    names.RemoveAt(names.Count - 1);
                    elements.RemoveAt(elements.Count - 1);
                }
                break;
            case JsonArray a when schema["items"] is JsonObject items:
                var info = paths.Lookup(names);
                for (var i = 0; i < a.Count; i++)
                {
                    var item = a[i];
                    string element;
                    if (info is { IsMerge: true } && info.AssociativeKeys.Count > 0 && item is JsonObject io) element = FieldPaths.KeyElement(info, io);
                    else if (info is { IsMerge: true, MergeKey: null } && item is JsonValue) element = "v:" + item.ToJsonString(Compact);
                    else element = "i:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    elements.Add(element);
                    Walk(schemas, paths, item, items, elements, names, found);
                    elements.RemoveAt(elements.Count - 1);
                }
                break;
            default:
                break;
        }
    }

    private static bool IsTrue(JsonObject schema, string property) =>
        schema[property] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
