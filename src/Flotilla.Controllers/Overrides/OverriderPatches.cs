using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Overrides;

/// <summary>Where an overrider failed.</summary>
internal readonly record struct OverriderFailure(string Overrider, int Index, string Message);

/// <summary>The seven overriders, each turned into JSON patches the way Karmada's overridemanager builds them.</summary>
internal static class OverriderPatches
{
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Applies one rule's overriders in Karmada's fixed order; returns the first failure.</summary>
    public static OverriderFailure? Apply(ref JsonObject obj, Core.Karmada.Overriders o)
    {
        var manifest = obj;
        OverriderFailure? failure = null;

        bool Each<T>(IReadOnlyList<T>? list, string name, Func<T, IReadOnlyList<JsonPatchOperation>> build)
        {
            if (list is null) return true;
            for (var i = 0; i < list.Count; i++)
            {
                try
                {
                    var patches = build(list[i]);
                    if (patches.Count == 0) continue;
                    var result = JsonPatch.Apply(manifest, patches);
                    manifest = result as JsonObject ?? throw new JsonPatchException("the patched document is not a JSON object");
                }
                catch (Exception ex) when (ex is JsonPatchException or FormatException or JsonException or InvalidOperationException or ArgumentException or YamlDotNet.Core.YamlException)
                {
                    failure = new OverriderFailure(name, i, ex.Message);
                    return false;
                }
            }
            return true;
        }

        _ = Each(o.ImageOverrider, "imageOverrider", x => ImagePatches(manifest, x))
            && Each(o.CommandOverrider, "commandOverrider", x => CommandArgsPatches(manifest, "command", x))
            && Each(o.ArgsOverrider, "argsOverrider", x => CommandArgsPatches(manifest, "args", x))
            && Each(o.LabelsOverrider, "labelsOverrider", x => LabelAnnotationPatches(manifest, "labels", x))
            && Each(o.AnnotationsOverrider, "annotationsOverrider", x => LabelAnnotationPatches(manifest, "annotations", x))
            && Each(o.FieldOverrider, "fieldOverrider", x => FieldPatches(manifest, x))
            && Each(o.Plaintext, "plaintext", p => [new JsonPatchOperation(p.Operator, p.Path, p.Operator == OverriderOperators.Remove ? null : p.Value)]);
        obj = manifest;
        return failure;
    }

    // ---- imageOverrider --------------------------------------------------------------------------------------------

    private static List<JsonPatchOperation> ImagePatches(JsonObject obj, ImageOverrider o)
    {
        RequireOperator(o.Operator, OverriderOperators.Add, OverriderOperators.Remove, OverriderOperators.Replace);
        if (o.Predicate is not null)
        {
            var image = ImageAtPredicate(obj, o.Predicate.Path);
            return [ReplaceImage(o.Predicate.Path, image, o)];
        }

        var prefix = obj.Kind() switch
        {
            "Pod" => "/spec",
            "ReplicaSet" or "Deployment" or "DaemonSet" or "StatefulSet" or "Job" => "/spec/template/spec",
            _ => null,
        };
        if (prefix is null) return [];
        var containers = JsonPatch.TryGet(obj, prefix + "/containers", out var c) ? c as JsonArray : null;
        var patches = new List<JsonPatchOperation>();
        for (var i = 0; containers is not null && i < containers.Count; i++)
        {
            var image = (containers[i] as JsonObject).GetString("image") ?? "";
            patches.Add(ReplaceImage(prefix + "/containers/" + i.ToString(CultureInfo.InvariantCulture) + "/image", image, o));
        }
        return patches;
    }

    private static JsonPatchOperation ReplaceImage(string path, string image, ImageOverrider o)
    {
        if (!path.StartsWith('/')) throw new FormatException("imagePath should be start with / character");
        ImageReference reference;
        try
        {
            reference = ImageReference.Parse(image);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"failed to parse image value({image}), error: {ex.Message}");
        }
        var value = o.Value ?? "";
        switch (o.Component)
        {
            case ImageComponents.Registry:
                if (o.Operator == OverriderOperators.Add) reference.Hostname += value;
                else if (o.Operator == OverriderOperators.Replace) reference.Hostname = value;
                else if (o.Operator == OverriderOperators.Remove) reference.Hostname = "";
                break;
            case ImageComponents.Repository:
                if (o.Operator == OverriderOperators.Add) reference.Repository += value;
                else if (o.Operator == OverriderOperators.Replace) reference.Repository = value;
                else if (o.Operator == OverriderOperators.Remove) reference.Repository = "";
                break;
            case ImageComponents.Tag:
                if (o.Operator == OverriderOperators.Add) reference.SetTagOrDigest(reference.TagOrDigest + value);
                else if (o.Operator == OverriderOperators.Replace) reference.SetTagOrDigest(value);
                else if (o.Operator == OverriderOperators.Remove) reference.RemoveTagOrDigest();
                break;
            default:
                throw new FormatException($"unsupported image component({o.Component})");
        }
        return new JsonPatchOperation(OverriderOperators.Replace, path, reference.ToString());
    }

    /// <summary>Walks a predicate path the way Karmada's obtainImageValue does (maps and indexed arrays).</summary>
    private static string ImageAtPredicate(JsonObject obj, string path)
    {
        var segments = path.Trim('/').Split('/');
        JsonObject current = obj;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            switch (current[segments[i]])
            {
                case JsonObject next:
                    current = next;
                    break;
                case JsonArray arr:
                    if (!int.TryParse(segments[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var idx))
                        throw new FormatException($"failed to obtain imageValue with predicate path({path}), error: path({segments[i + 1]}) of rawObj's is not number");
                    if (idx < 0 || idx >= arr.Count || arr[idx] is not JsonObject element)
                        throw new FormatException($"failed to obtain imageValue with predicate path({path}), error: index {idx} out of range");
                    current = element;
                    i++;
                    break;
                default:
                    throw new FormatException($"failed to obtain imageValue with predicate path({path}), error: path({segments[i]}) of rawObj's type is not map[string]interface{{}} and []interface{{}}");
            }
        }
        return current.GetString(segments[^1])
            ?? throw new FormatException($"failed to obtain imageValue with predicate path({path}), error: failed to convert path({segments[^1]}) to string");
    }

    // ---- commandOverrider / argsOverrider -----------------------------------------------------------------------

    private static List<JsonPatchOperation> CommandArgsPatches(JsonObject obj, string target, CommandArgsOverrider o)
    {
        RequireOperator(o.Operator, OverriderOperators.Add, OverriderOperators.Remove);
        // Karmada covers Pod, ReplicaSet, Deployment, DaemonSet and StatefulSet (not Job).
        var containersPath = obj.Kind() switch
        {
            "Pod" => "/spec/containers",
            "ReplicaSet" or "Deployment" or "DaemonSet" or "StatefulSet" => "/spec/template/spec/containers",
            _ => null,
        };
        if (containersPath is null || !JsonPatch.TryGet(obj, containersPath, out var node) || node is not JsonArray containers)
            return [];
        var patches = new List<JsonPatchOperation>();
        for (var i = 0; i < containers.Count; i++)
        {
            if (containers[i] is not JsonObject container || container.GetString("name") != o.ContainerName) continue;
            var path = containersPath + "/" + i.ToString(CultureInfo.InvariantCulture) + "/" + target;
            if (container[target] is null)
            {
                patches.Add(new JsonPatchOperation(OverriderOperators.Add, path, StringArray(Override([], o))));
            }
            else
            {
                var current = container[target] is JsonArray a ? a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString() ?? "").ToList() : [];
                patches.Add(new JsonPatchOperation(OverriderOperators.Replace, path, StringArray(Override(current, o))));
            }
        }
        return patches;
    }

    private static List<string> Override(List<string> current, CommandArgsOverrider o) => o.Operator == OverriderOperators.Add
        ? [.. current, .. o.Value ?? []]
        : current.Where(v => !(o.Value ?? []).Contains(v, StringComparer.Ordinal)).ToList();

    /// <summary>
    /// An operator outside the overrider's enum fails the rule (the CRD schema rejects it at admission; Karmada's
    /// image and command/args overriders would silently skip it at run time, the others fail in the JSON patch).
    /// </summary>
    private static void RequireOperator(string? op, params string[] allowed)
    {
        if (op is null || Array.IndexOf(allowed, op) < 0)
            throw new FormatException($"unsupported operator \"{op}\", must be one of: {string.Join(", ", allowed)}");
    }

    private static JsonArray StringArray(List<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    // ---- labelsOverrider / annotationsOverrider -------------------------------------------------------------------

    private static List<JsonPatchOperation> LabelAnnotationPatches(JsonObject obj, string field, LabelAnnotationOverrider o)
    {
        RequireOperator(o.Operator, OverriderOperators.Add, OverriderOperators.Remove, OverriderOperators.Replace);
        var patches = new List<JsonPatchOperation>();
        foreach (var (key, value) in o.Value ?? new Dictionary<string, string>())
        {
            var map = (obj["metadata"] as JsonObject)?[field] as JsonObject;
            switch (o.Operator)
            {
                case OverriderOperators.Remove:
                case OverriderOperators.Replace:
                    // Removing or replacing a key that does not exist is a no-op.
                    if (map is null || !map.ContainsKey(key)) continue;
                    break;
                case OverriderOperators.Add:
                    if (map is null) obj.Metadata()[field] = new JsonObject();
                    break;
            }
            patches.Add(new JsonPatchOperation(
                o.Operator,
                "/metadata/" + field + "/" + EscapePointerToken(key),
                o.Operator == OverriderOperators.Remove ? null : JsonValue.Create(value)));
        }
        return patches;
    }

    // ---- fieldOverrider ---------------------------------------------------------------------------------------------

    private static List<JsonPatchOperation> FieldPatches(JsonObject obj, FieldOverrider o)
    {
        if (!JsonPatch.TryGet(obj, o.FieldPath, out var node))
            throw new FormatException($"fieldPath {o.FieldPath} does not exist in the resource");
        if (node is not JsonValue v || !v.TryGetValue<string>(out var text))
            throw new FormatException($"Get object's value by overrider's path({o.FieldPath}) is not string");

        string updated;
        if (o.Yaml is { Count: > 0 } yamlOps)
        {
            var doc = YamlJson.ToJson(text);
            doc = JsonPatch.Apply(doc, yamlOps.Select(ToPatch));
            updated = YamlJson.ToYaml(doc);
        }
        else if (o.Json is { Count: > 0 } jsonOps)
        {
            var doc = JsonNode.Parse(text);
            doc = JsonPatch.Apply(doc, jsonOps.Select(ToPatch));
            updated = doc is null ? "null" : doc.ToJsonString(CompactJson);
        }
        else
        {
            return [];
        }
        return [new JsonPatchOperation(OverriderOperators.Replace, o.FieldPath, JsonValue.Create(updated))];
    }

    private static JsonPatchOperation ToPatch(FieldPatchOperation op) => new(op.Operator, op.SubPath, op.Value);

    private static string EscapePointerToken(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
