using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>, the body already parsed to JSON): the applier owns
/// exactly the fields of its applied configuration. Fields it applied before and no longer applies are removed
/// unless another manager owns them; a field another manager owns with a different value is a conflict (409)
/// unless <c>force</c>, which moves the ownership; the same value is shared ownership. Associative lists merge per
/// key, set lists per value, other lists and scalars are replaced.
/// </summary>
public static class ServerSideApply
{
    /// <summary>Manager Kubernetes assigns to fields of an object that had no managedFields before its first apply.</summary>
    public const string BeforeFirstApplyManager = "before-first-apply";

    /// <summary>
    /// Applies <paramref name="applied"/> onto <paramref name="live"/> (null: the object is created) and returns the
    /// new object with <c>metadata.managedFields</c> updated. Neither input is modified.
    /// </summary>
    /// <exception cref="ApiStatusException">409 Conflict with FieldManagerConflict causes; 400 for a bad body.</exception>
    public static JsonObject Apply(
        JsonObject? live, JsonObject applied, string fieldManager, bool force, IPatchMetaProvider meta,
        string apiVersion, DateTimeOffset now, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(meta);
        if (string.IsNullOrEmpty(fieldManager)) throw PatchErrors.FieldManagerRequired();
        if (applied["metadata"]?["managedFields"] is not null) throw PatchErrors.BadRequest("metadata.managedFields must be nil");
        var appliedVersion = applied.ApiVersion();
        if (appliedVersion is not null && appliedVersion != apiVersion)
            throw PatchErrors.BadRequest(
                $"Incorrect version specified in apply patch. Specified patch version: {appliedVersion}, expected: {apiVersion}");

        var config = (JsonObject)StripNulls(applied)!;
        var paths = new FieldPaths(meta, ManagedFields.GvkOf(config, apiVersion));
        var appliedSet = paths.ToFieldSet(config);

        List<ManagedFieldsEntry> entries;
        JsonObject merged;
        if (live is null)
        {
            entries = [];
            merged = new JsonObject();
        }
        else
        {
            merged = (JsonObject)live.DeepClone();
            entries = ManagedFields.Read(live["metadata"]?["managedFields"] as JsonArray);
            (merged["metadata"] as JsonObject)?.Remove("managedFields");
            if (entries.Count == 0)
                entries.Add(new ManagedFieldsEntry(BeforeFirstApplyManager, ManagedFieldsEntry.OperationUpdate, apiVersion, null, subresource, paths.ToFieldSet(merged)));
        }
        var before = (JsonObject)merged.DeepClone();

        var mine = entries.Find(e => e.SameManager(fieldManager, ManagedFieldsEntry.OperationApply, apiVersion, subresource));
        var previouslyApplied = mine?.Fields.Clone() ?? new FieldSet();

        MergeObject(merged, config, paths, []);

        // conflicts: fields the apply changes that another manager owns
        var conflicts = new List<(ManagedFieldsEntry Owner, IReadOnlyList<string> Path)>();
        foreach (var leaf in appliedSet.Leaves())
        {
            var had = paths.TryGet(before, leaf, out var oldValue);
            paths.TryGet(merged, leaf, out var newValue);
            if (had && JsonNode.DeepEquals(oldValue, newValue)) continue;
            foreach (var e in entries)
                if (!ReferenceEquals(e, mine) && e.Fields.Contains(leaf)) conflicts.Add((e, leaf));
        }
        if (conflicts.Count > 0)
        {
            if (!force) throw ConflictError(conflicts);
            foreach (var (owner, path) in conflicts) owner.Fields.Remove(path);
        }

        // fields this manager applied before and no longer applies, owned by no one else, are removed
        var others = entries.Where(e => !ReferenceEquals(e, mine)).ToList();
        // (parents first: a removed list element takes its fields with it, and its key stays readable)
        var removed = new List<IReadOnlyList<string>>();
        foreach (var path in previouslyApplied.Paths().ToList())
        {
            if (removed.Any(r => IsPrefix(r, path))) continue;
            if (appliedSet.ContainsPrefix(path) || FieldPaths.IsListKeyField(path)) continue;
            if (others.Any(e => e.Fields.ContainsPrefix(path))) continue;
            if (!paths.Remove(merged, path)) continue;
            removed.Add(path);
            RemoveEmptiedParents(merged, path, paths, appliedSet, others);
        }

        if (mine is null)
        {
            mine = new ManagedFieldsEntry(fieldManager, ManagedFieldsEntry.OperationApply, apiVersion, null, subresource, appliedSet);
            entries.Add(mine);
        }
        mine.Fields = appliedSet;
        mine.ApiVersion = apiVersion;
        mine.Time = ManagedFields.FormatTime(now);

        ManagedFields.Write(merged, entries, paths);
        return merged;
    }

    private static bool IsPrefix(IReadOnlyList<string> prefix, IReadOnlyList<string> path)
    {
        if (prefix.Count > path.Count) return false;
        for (var i = 0; i < prefix.Count; i++)
            if (prefix[i] != path[i]) return false;
        return true;
    }

    private static void RemoveEmptiedParents(JsonObject root, IReadOnlyList<string> path, FieldPaths paths, FieldSet applied, List<ManagedFieldsEntry> others)
    {
        for (var n = path.Count - 1; n >= 1; n--)
        {
            var parent = path.Take(n).ToArray();
            if (!paths.TryGet(root, parent, out var node) || node is not JsonObject { Count: 0 }) return;
            if (applied.ContainsPrefix(parent) || others.Any(e => e.Fields.Contains(parent))) return;
            paths.Remove(root, parent);
        }
    }

    private static void MergeObject(JsonObject target, JsonObject config, FieldPaths paths, List<string> names)
    {
        foreach (var (key, value) in config)
        {
            names.Add(key);
            var existing = target[key];
            JsonNode? merged = (existing, value) switch
            {
                (JsonObject t, JsonObject c) when !paths.IsAtomic(names) => MergeInPlace(t, c, paths, names),
                (JsonArray t, JsonArray c) => MergeList(t, c, paths, names),
                _ => value?.DeepClone(),
            };
            names.RemoveAt(names.Count - 1);
            if (!ReferenceEquals(merged, existing)) target[key] = merged;
        }
    }

    private static JsonObject MergeInPlace(JsonObject target, JsonObject config, FieldPaths paths, List<string> names)
    {
        MergeObject(target, config, paths, names);
        return target;
    }

    private static JsonArray MergeList(JsonArray live, JsonArray config, FieldPaths paths, List<string> names)
    {
        var info = paths.Lookup(names);
        if (info is { IsMerge: true } && info.AssociativeKeys.Count > 0 && live.All(i => i is JsonObject) && config.All(i => i is JsonObject))
        {
            var items = live.Select(i => (JsonObject)i!.DeepClone()).ToList();
            var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++) byKey.TryAdd(FieldPaths.KeyElement(info, items[i]), i);
            foreach (var c in config.Cast<JsonObject>())
            {
                var key = FieldPaths.KeyElement(info, c);
                if (byKey.TryGetValue(key, out var match)) MergeObject(items[match], c, paths, names);
                else
                {
                    byKey[key] = items.Count;
                    items.Add((JsonObject)c.DeepClone());
                }
            }
            return new JsonArray([.. items]);
        }
        if (info is { IsMerge: true, MergeKey: null })
        {
            var items = live.Select(i => i?.DeepClone()).ToList();
            foreach (var c in config)
                if (!items.Any(i => JsonNode.DeepEquals(i, c))) items.Add(c?.DeepClone());
            return new JsonArray([.. items]);
        }
        return (JsonArray)config.DeepClone();
    }

    private static JsonNode? StripNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var r = new JsonObject();
                foreach (var (k, v) in o)
                    if (v is not null) r[k] = StripNulls(v);
                return r;
            case JsonArray a:
                return new JsonArray([.. a.Select(StripNulls)]);
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>409 as kube-apiserver words it (k8s.io/apimachinery managedfields NewConflictError).</summary>
    private static ApiStatusException ConflictError(List<(ManagedFieldsEntry Owner, IReadOnlyList<string> Path)> conflicts)
    {
        var causes = conflicts
            .Select(c => new StatusCause(StatusReasons.FieldManagerConflict, "conflict with " + c.Owner.Describe(), FieldPaths.Display(c.Path)))
            .ToList();
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Owner.Describe()}: {FieldPaths.Display(conflicts[0].Path)}";
        }
        else
        {
            var lines = new List<string>();
            foreach (var group in conflicts.GroupBy(c => c.Owner.Describe()).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                lines.Add($"conflicts with {group.Key}:");
                lines.AddRange(group.Select(c => "- " + FieldPaths.Display(c.Path)));
            }
            message = $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", lines);
        }
        return new ApiStatusException(409, StatusReasons.Conflict, message, new StatusDetails(null, null, null, causes));
    }
}
