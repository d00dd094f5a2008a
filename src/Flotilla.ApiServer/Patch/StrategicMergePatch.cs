using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>
/// Kubernetes strategic merge patch (<c>application/strategic-merge-patch+json</c>), as <c>kubectl apply</c>
/// (client-side) and <c>kubectl patch --type strategic</c> send it: maps merge recursively, null deletes, lists with
/// patchStrategy "merge" merge by their merge key (primitive lists as sets), other lists replace; directives
/// <c>$patch: replace|merge|delete</c>, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/&lt;field&gt;</c> and
/// <c>$setElementOrder/&lt;field&gt;</c>.
/// </summary>
public static class StrategicMergePatch
{
    public const string DirectiveMarker = "$patch";
    public const string RetainKeysDirective = "$retainKeys";
    public const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";
    public const string SetElementOrderPrefix = "$setElementOrder/";

    /// <summary>
    /// Whether kube-apiserver accepts strategic merge patch for the kind: built-in kinds do, custom resources
    /// (CRDs, Karmada kinds) do not; answer those with <see cref="PatchErrors.StrategicMergeUnsupported"/> (415).
    /// </summary>
    public static bool Supports(GroupVersionKind gvk, IPatchMetaProvider? meta = null) =>
        (meta ?? BuiltInPatchMeta.Instance).HasSchema(gvk);

    /// <summary>Applies the patch to a copy of <paramref name="original"/>; the kind comes from its apiVersion/kind.</summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch, IPatchMetaProvider meta)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(patch);
        var apiVersion = original.ApiVersion() ?? patch.ApiVersion() ?? "";
        var kind = original.Kind() ?? patch.Kind() ?? "";
        return Apply(original, patch, meta, GroupVersionKind.From(apiVersion, kind));
    }

    /// <summary>Applies the patch to a copy of <paramref name="original"/> using the metadata of <paramref name="gvk"/>.</summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch, IPatchMetaProvider meta, GroupVersionKind gvk)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(meta);
        var merger = new Merger(meta, gvk);
        return merger.MergeMap((JsonObject)original.DeepClone(), patch, []);
    }

    private sealed class Merger(IPatchMetaProvider meta, GroupVersionKind gvk)
    {
        public JsonObject MergeMap(JsonObject original, JsonObject patch, List<string> path)
        {
            if (patch.TryGetPropertyValue(DirectiveMarker, out var directive))
            {
                switch (directive?.GetValueKind() == System.Text.Json.JsonValueKind.String ? directive.GetValue<string>() : null)
                {
                    case "replace":
                        var replacement = new JsonObject();
                        foreach (var (k, v) in patch)
                            if (k != DirectiveMarker) replacement[k] = v?.DeepClone();
                        return MergeMap(new JsonObject(), replacement, path);
                    case "delete":
                        return new JsonObject();
                    case "merge":
                        break;
                    default:
                        throw PatchErrors.BadRequest($"Unknown patch type: {directive?.ToJsonString()} in map: {patch.ToJsonString()}");
                }
            }

            if (patch[RetainKeysDirective] is { } retain) RetainKeys(original, patch, retain);

            foreach (var (key, value) in patch)
            {
                if (!key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)) continue;
                var field = key[DeleteFromPrimitiveListPrefix.Length..];
                if (value is not JsonArray toDelete)
                    throw PatchErrors.BadRequest($"invalid patch: {key} must be a list of primitives, got {value?.ToJsonString()}");
                if (original[field] is JsonArray list)
                    for (var i = list.Count - 1; i >= 0; i--)
                        if (toDelete.Any(d => JsonNode.DeepEquals(d, list[i]))) list.RemoveAt(i);
            }

            // remember the live order of lists whose order the patch sets
            var orders = new List<(string Field, JsonArray Order, List<JsonNode?> ServerOrder)>();
            foreach (var (key, value) in patch)
            {
                if (!key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)) continue;
                var field = key[SetElementOrderPrefix.Length..];
                if (value is not JsonArray order)
                    throw PatchErrors.BadRequest($"invalid patch: {key} must be a list, got {value?.ToJsonString()}");
                orders.Add((field, order, original[field] is JsonArray live ? [.. live.Select(n => n?.DeepClone())] : []));
            }

            foreach (var (key, value) in patch)
            {
                if (key.StartsWith('$')) continue;
                if (value is null) { original.Remove(key); continue; }
                path.Add(key);
                var existing = original[key];
                JsonNode? merged = (existing, value) switch
                {
                    (JsonObject o, JsonObject p) => MergeMap(o, p, path),
                    (JsonArray o, JsonArray p) => MergeList(o, p, path),
                    _ => Fresh(value, path),
                };
                path.RemoveAt(path.Count - 1);
                if (!ReferenceEquals(merged, existing)) original[key] = merged;
            }

            foreach (var (field, order, serverOrder) in orders)
            {
                if (original[field] is not JsonArray list) continue;
                path.Add(field);
                var key = meta.Lookup(gvk, path)?.MergeKey;
                path.RemoveAt(path.Count - 1);
                original[field] = Reorder(list, order, serverOrder, key);
            }
            return original;
        }

        private static void RetainKeys(JsonObject original, JsonObject patch, JsonNode retain)
        {
            if (retain is not JsonArray keys || keys.Any(k => k?.GetValueKind() != System.Text.Json.JsonValueKind.String))
                throw PatchErrors.BadRequest($"invalid patch: {RetainKeysDirective} must be a list of strings, got {retain.ToJsonString()}");
            var allowed = keys.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, _) in patch)
                if (!key.StartsWith('$') && !allowed.Contains(key))
                    throw PatchErrors.Unprocessable($"The patch content doesn't match retainKeys list: {key} is not in {retain.ToJsonString()}");
            foreach (var key in original.Select(kv => kv.Key).ToList())
                if (!allowed.Contains(key)) original.Remove(key);
        }

        /// <summary>A patch value for a field the original lacks: directives processed and nulls dropped.</summary>
        private JsonNode? Fresh(JsonNode value, List<string> path) => value switch
        {
            JsonObject o => MergeMap(new JsonObject(), o, path),
            JsonArray a => MergeList(new JsonArray(), a, path),
            _ => value.DeepClone(),
        };

        private JsonArray MergeList(JsonArray original, JsonArray patch, List<string> path)
        {
            var info = meta.Lookup(gvk, path);
            var items = patch.ToList();
            var replaceAll = items.Any(i => Directive(i) == "replace");
            if (info is null || !info.IsMerge || replaceAll)
            {
                // atomic list (or "$patch: replace"): the patch's elements, directives and nulls processed
                var result = new JsonArray();
                foreach (var item in items)
                {
                    if (replaceAll && Directive(item) is not null) continue;
                    result.Add(item is JsonObject o && (info?.MergeKey is not null || replaceAll) ? MergeMap(new JsonObject(), o, path) : item?.DeepClone());
                }
                return result;
            }

            var merged = original.Select(n => n?.DeepClone()).ToList();
            if (info.MergeKey is null)
            {
                // set of primitives
                foreach (var item in items)
                    if (!merged.Any(m => JsonNode.DeepEquals(m, item))) merged.Add(item?.DeepClone());
                return new JsonArray([.. merged]);
            }

            // merged elements by the JSON text of their merge key value; deleted ones become null holes
            var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < merged.Count; i++)
                if (merged[i] is JsonObject mo) KeyList(byKey, mo[info.MergeKey]).Add(i);
            var deleted = new HashSet<int>();
            foreach (var item in items)
            {
                if (item is not JsonObject element)
                    throw PatchErrors.BadRequest($"invalid patch: list {JsonPointer.Format(path)} with merge key \"{info.MergeKey}\" must contain maps, got {item?.ToJsonString()}");
                if (!element.TryGetPropertyValue(info.MergeKey, out var keyValue))
                    throw PatchErrors.Internal($"map: {GoMap(element)} does not contain declared merge key: {info.MergeKey}");
                var matches = KeyList(byKey, keyValue);
                if (Directive(element) == "delete")
                {
                    deleted.UnionWith(matches);
                    matches.Clear();
                    continue;
                }
                if (matches.Count > 0) merged[matches[0]] = MergeMap((JsonObject)merged[matches[0]]!, element, path);
                else
                {
                    matches.Add(merged.Count);
                    merged.Add(MergeMap(new JsonObject(), element, path));
                }
            }
            var kept = new JsonArray();
            for (var i = 0; i < merged.Count; i++)
                if (!deleted.Contains(i)) kept.Add(merged[i]);
            return kept;
        }

        private static List<int> KeyList(Dictionary<string, List<int>> byKey, JsonNode? keyValue)
        {
            var text = keyValue?.ToJsonString() ?? "null";
            if (!byKey.TryGetValue(text, out var list)) byKey[text] = list = [];
            return list;
        }

        private static string? Directive(JsonNode? item) =>
            item is JsonObject o && o[DirectiveMarker] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        private static string GoMap(JsonObject o) =>
            "map[" + string.Join(" ", o.Select(kv => kv.Key + ":" + (kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : kv.Value?.ToJsonString()))) + "]";

        /// <summary>
        /// Orders <paramref name="list"/> per <c>$setElementOrder</c>: items named by the order list take its order;
        /// the others (known only to the server) keep their live order and are interleaved where the live list had them.
        /// </summary>
        private static JsonArray Reorder(JsonArray list, JsonArray order, List<JsonNode?> serverOrder, string? mergeKey)
        {
            JsonNode? Id(JsonNode? n) => mergeKey is not null && n is JsonObject o ? o[mergeKey] : n;
            int IndexIn(IEnumerable<JsonNode?> seq, JsonNode? item)
            {
                var id = Id(item);
                var i = 0;
                foreach (var s in seq)
                {
                    if (JsonNode.DeepEquals(Id(s), id)) return i;
                    i++;
                }
                return -1;
            }

            var items = list.Select(n => n?.DeepClone()).ToList();
            var inPatch = items.Where(i => IndexIn(order, i) >= 0).OrderBy(i => IndexIn(order, i)).ToList();
            var serverOnly = items.Where(i => IndexIn(order, i) < 0)
                .Select((item, pos) => (item, pos))
                .OrderBy(x => IndexIn(serverOrder, x.item) is var si && si >= 0 ? si : int.MaxValue).ThenBy(x => x.pos)
                .Select(x => x.item).ToList();

            var result = new JsonArray();
            int l = 0, r = 0;
            while (l < serverOnly.Count || r < inPatch.Count)
            {
                if (r >= inPatch.Count) { result.Add(serverOnly[l++]); continue; }
                if (l >= serverOnly.Count) { result.Add(inPatch[r++]); continue; }
                var li = IndexIn(serverOrder, serverOnly[l]);
                var ri = IndexIn(serverOrder, inPatch[r]);
                if (li >= 0 && ri >= 0 && li < ri) result.Add(serverOnly[l++]);
                else result.Add(inPatch[r++]);
            }
            return result;
        }
    }
}
