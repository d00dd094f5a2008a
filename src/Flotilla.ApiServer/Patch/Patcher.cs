using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>
/// One entry point for the non-apply PATCH types: picks the engine from the content type and checks what
/// kube-apiserver checks (body shape, strategic merge only for kinds with patch metadata, an object as result).
/// Server-side apply goes through <see cref="ServerSideApply.Apply"/> (it needs the manager and force).
/// </summary>
public static class Patcher
{
    /// <summary>Applies <paramref name="patch"/> of <paramref name="contentType"/> to a copy of <paramref name="current"/>.</summary>
    /// <exception cref="ApiStatusException">415 unknown/unsupported type, 400 malformed body, 422 patch does not apply.</exception>
    public static JsonObject Apply(string? contentType, JsonObject current, JsonNode? patch, GroupVersionKind gvk, IPatchMetaProvider meta)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(meta);
        var strategicSupported = meta.HasSchema(gvk);
        switch (PatchTypes.Normalize(contentType))
        {
            case PatchTypes.Json:
                if (patch is not JsonArray ops)
                    throw PatchErrors.BadRequest($"json: cannot unmarshal {Kind(patch)} into Go value of type jsonpatch.Patch");
                return JsonPatch.Apply(current, ops) as JsonObject
                    ?? throw PatchErrors.Unprocessable("the patched document is not a JSON object");
            case PatchTypes.Merge:
                if (patch is not JsonObject)
                    throw PatchErrors.BadRequest("Invalid JSON Patch");
                return (JsonObject)MergePatch.Apply(current, patch)!;
            case PatchTypes.StrategicMerge when strategicSupported:
                if (patch is not JsonObject smp)
                    throw PatchErrors.BadRequest($"error decoding patch: json: cannot unmarshal {Kind(patch)} into Go value of type map[string]interface {{}}");
                return StrategicMergePatch.Apply(current, smp, meta, gvk);
            default:
                throw PatchErrors.UnsupportedPatchType(PatchTypes.Accepted(strategicSupported));
        }
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "array",
        JsonObject => "object",
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            _ => "bool",
        },
        _ => "value",
    };
}
