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
    public static JsonObject Apply(PatchType type, JsonObject? current, ReadOnlySpan<byte> patch, ServedResource r, WriteParams p, DateTimeOffset now,
        Patch.IPatchMetaProvider meta, string? subresource = null, Action<JsonObject>? checkApplied = null)
    {
        if (type == PatchType.Apply)
        {
            if (string.IsNullOrEmpty(p.FieldManager)) throw Patch.PatchErrors.FieldManagerRequired();
            var applied = YamlJson.ParseObject(patch);
            checkApplied?.Invoke(applied);
            return Patch.ServerSideApply.Apply(current, applied, p.FieldManager, p.Force, meta, r.ApiVersion, now, subresource);
        }
        if (p.Force) throw Patch.PatchErrors.ForceForNonApplyPatch();
        return Patch.Patcher.Apply(type.ContentType(), current ?? new JsonObject(), ParseNode(patch), r.Resource.Gvk, meta);
    }

    /// <summary>Records the writer in metadata.managedFields (create, update and non-apply patches that name a field manager).</summary>
    public static JsonObject RecordManagedFields(JsonObject? old, JsonObject next, ServedResource r, WriteParams p, DateTimeOffset now, string? subresource,
        Patch.IPatchMetaProvider meta)
    {
        if (p.FieldManager is not { Length: > 0 } manager) return next;
        return Patch.ManagedFields.RecordUpdate(old, next, manager, meta, r.ApiVersion, now, subresource: subresource);
    }

    private static JsonNode? ParseNode(ReadOnlySpan<byte> patch)
    {
        try { return JsonNode.Parse(patch); }
        catch (JsonException e) { throw ApiErrors.BadRequest("error decoding patch: " + e.Message); }
    }
}
