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
    public static JsonObject Apply(PatchType type, JsonObject? current, ReadOnlySpan<byte> patch, ServedResource r, WriteParams p, DateTimeOffset now, string? subresource = null)
    {
        switch (type)
        {
            case PatchType.Json:
                {
                    var ops = ParseNode(patch) as JsonArray ?? throw ApiErrors.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
                    return Patch.JsonPatch.Apply(current ?? new JsonObject(), ops) as JsonObject
                        ?? throw ApiErrors.BadRequest("the patch produced a value that is not an object");
                }
            case PatchType.Merge:
                {
                    var node = ParseNode(patch) as JsonObject ?? throw ApiErrors.BadRequest("json: cannot unmarshal into a JSON object: the patch is not an object");
                    return Patch.MergePatch.Apply(current ?? new JsonObject(), node) as JsonObject
                        ?? throw ApiErrors.BadRequest("the patch produced a value that is not an object");
                }
            case PatchType.StrategicMerge:
                {
                    // kube-apiserver answers 415 for kinds without patch metadata (custom resources). Our OpenAPI
                    // documents advertise strategic merge for every kind, so kubectl sends it: without metadata it
                    // degrades to merge semantics (lists replace), which is what kubectl then expects.
                    var node = ParseNode(patch) as JsonObject ?? throw ApiErrors.BadRequest("the patch is not a JSON object");
                    return Patch.StrategicMergePatch.Apply(current ?? new JsonObject(), node, Patch.BuiltInPatchMeta.Instance, r.Resource.Gvk);
                }
            case PatchType.Apply:
                {
                    var node = YamlJson.ParseObject(patch);
                    return Patch.ServerSideApply.Apply(current, node, p.FieldManager ?? "", p.Force, Patch.BuiltInPatchMeta.Instance,
                        r.ApiVersion, now, subresource);
                }
            default:
                throw ApiErrors.UnsupportedMediaType(type.ToString());
        }
    }

    /// <summary>Records the writer in metadata.managedFields (create, update and non-apply patches that name a field manager).</summary>
    public static JsonObject RecordManagedFields(JsonObject? old, JsonObject next, ServedResource r, WriteParams p, DateTimeOffset now, string? subresource)
    {
        if (p.FieldManager is not { Length: > 0 } manager) return next;
        return Patch.ManagedFields.RecordUpdate(old, next, manager, Patch.BuiltInPatchMeta.Instance, r.ApiVersion, now, subresource: subresource);
    }

    private static JsonNode? ParseNode(ReadOnlySpan<byte> patch)
    {
        try { return JsonNode.Parse(patch); }
        catch (JsonException e) { throw ApiErrors.BadRequest("error decoding patch: " + e.Message); }
    }
}
