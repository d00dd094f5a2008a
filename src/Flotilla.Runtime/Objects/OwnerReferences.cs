using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Runtime.Objects;

/// <summary>metadata.ownerReferences helpers (controllerutil.SetControllerReference and friends).</summary>
public static class OwnerReferences
{
    /// <summary>Makes <paramref name="owner"/> the controlling owner of <paramref name="owned"/>
    /// (controller: true, blockOwnerDeletion: true); returns true when something changed. Throws when another
    /// object already controls it.</summary>
    public static bool SetController(JsonObject owned, JsonObject owner)
    {
        var meta = owned.Metadata();
        if (meta["ownerReferences"] is not JsonArray refs) meta["ownerReferences"] = refs = [];
        var desired = new JsonObject
        {
            ["apiVersion"] = owner.ApiVersion(),
            ["kind"] = owner.Kind(),
            ["name"] = owner.Name(),
            ["uid"] = owner.Uid(),
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        };
        foreach (var r in refs.OfType<JsonObject>())
        {
            if (r["controller"] is not JsonValue c || !c.TryGetValue<bool>(out var isController) || !isController) continue;
            if (r.GetString("uid") != owner.Uid())
                throw new InvalidOperationException($"{owned.Kind()} {owned.Key()} is already controlled by {r.GetString("kind")} {r.GetString("name")}");
            if (JsonNode.DeepEquals(r, desired)) return false;
            refs.Remove(r);
            break;
        }
        refs.Add(desired);
        return true;
    }

    /// <summary>The controlling owner reference, or null.</summary>
    public static JsonObject? GetController(JsonObject owned) =>
        ((owned["metadata"] as JsonObject)?["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(r => r["controller"] is JsonValue c && c.TryGetValue<bool>(out var b) && b);
}
