using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>
/// Patch metadata read from an OpenAPI v3 schema (a CRD version's <c>openAPIV3Schema</c>, inline, no $ref):
/// <c>x-kubernetes-list-type</c> (map/set/atomic) with <c>x-kubernetes-list-map-keys</c>,
/// <c>x-kubernetes-patch-strategy</c>/<c>x-kubernetes-patch-merge-key</c>, <c>x-kubernetes-map-type</c> and
/// <c>additionalProperties</c> maps. It serves server-side apply; <see cref="HasSchema"/> is false because
/// kube-apiserver never accepts strategic merge patch for custom resources.
/// </summary>
public sealed class OpenApiPatchMeta(Func<GroupVersionKind, JsonObject?> schemaFor) : IPatchMetaProvider
{
    public bool HasSchema(GroupVersionKind gvk) => false;

    public PatchMeta? Lookup(GroupVersionKind gvk, IReadOnlyList<string> path)
    {
        var field = Resolve(gvk, path);
        if (field is null) return null;
        var listType = field.GetString("x-kubernetes-list-type");
        if (listType == "map" && field["x-kubernetes-list-map-keys"] is JsonArray keys && keys.Count > 0)
        {
            var names = keys.Select(k => k?.GetValue<string>() ?? "").ToList();
            return new PatchMeta("merge", field.GetString("x-kubernetes-patch-merge-key") ?? names[0], names);
        }
        if (listType == "set") return PatchMeta.MergeSet;
        if (listType == "atomic") return null;
        var strategy = field.GetString("x-kubernetes-patch-strategy");
        return strategy is null ? null : new PatchMeta(strategy, field.GetString("x-kubernetes-patch-merge-key"));
    }

    public bool IsMap(GroupVersionKind gvk, IReadOnlyList<string> path) =>
        Resolve(gvk, path) is { } f && f["additionalProperties"] is JsonObject && f.GetString("x-kubernetes-map-type") != "atomic";

    public bool IsAtomic(GroupVersionKind gvk, IReadOnlyList<string> path) =>
        Resolve(gvk, path) is { } f && f.GetString("x-kubernetes-map-type") == "atomic";

    private JsonObject? Resolve(GroupVersionKind gvk, IReadOnlyList<string> path)
    {
        var node = schemaFor(gvk);
        foreach (var name in path)
        {
            if (node is null) return null;
            if (node.GetString("type") == "array") node = node["items"] as JsonObject;
            if (node is null) return null;
            node = node["properties"]?[name] as JsonObject
                ?? node["additionalProperties"] as JsonObject;
        }
        return node;
    }
}
