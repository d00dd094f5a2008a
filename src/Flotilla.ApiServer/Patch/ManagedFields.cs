using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>
/// Field ownership tracking for ordinary writes (create, update, non-apply patch), so <c>metadata.managedFields</c>
/// looks as a real server's and later server-side applies conflict with <c>kubectl-client-side-apply</c>,
/// <c>kubectl-edit</c>, controllers, ...
/// </summary>
public static class ManagedFields
{
    /// <summary>
    /// Returns a copy of <paramref name="newObj"/> whose managedFields record that <paramref name="manager"/> wrote it:
    /// the fields the write added or changed move to the manager (leaving other managers), fields that no longer
    /// exist leave every manager. <paramref name="oldObj"/> is null for a create. Sending managedFields <c>[{}]</c>
    /// strips them; sending other managedFields than the stored ones replaces the stored ones.
    /// </summary>
    public static JsonObject RecordUpdate(
        JsonObject? oldObj, JsonObject newObj, string manager, IPatchMetaProvider meta, string apiVersion,
        DateTimeOffset now, string operation = ManagedFieldsEntry.OperationUpdate, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(newObj);
        ArgumentNullException.ThrowIfNull(meta);
        var result = (JsonObject)newObj.DeepClone();
        var metadata = result.Metadata();
        var sent = metadata["managedFields"] as JsonArray;
        if (sent is [JsonObject { Count: 0 }])
        {
            metadata.Remove("managedFields");
            return result;
        }

        var stored = oldObj?["metadata"]?["managedFields"] as JsonArray;
        var source = sent is { Count: > 0 } && !JsonNode.DeepEquals(sent, stored) ? sent : stored;
        var entries = Read(source);

        var paths = new FieldPaths(meta, GvkOf(newObj, apiVersion));
        var newSet = paths.ToFieldSet(result);
        var changed = new FieldSet();
        foreach (var p in newSet.Paths())
        {
            if (oldObj is null || !paths.TryGet(oldObj, p, out var before)) { changed.Insert(p); continue; }
            if (newSet.Find(p)!.Children.Count == 0 && paths.TryGet(result, p, out var after) && !JsonNode.DeepEquals(before, after))
                changed.Insert(p);
        }

        // maps and merging lists the write created are owned as such (".": {} in FieldsV1), as on a real server
        foreach (var p in changed.Paths().ToList())
            for (var n = 1; n < p.Count; n++)
            {
                var prefix = p.Take(n).ToArray();
                if (paths.IsCollection(prefix) && (oldObj is null || !paths.TryGet(oldObj, prefix, out _))) changed.Insert(prefix);
            }

        var mine = entries.Find(e => e.SameManager(manager, operation, apiVersion, subresource));
        foreach (var e in entries)
            if (!ReferenceEquals(e, mine)) e.Fields.ExceptWith(changed);
        if (mine is null)
        {
            mine = new ManagedFieldsEntry(manager, operation, apiVersion, null, subresource, new FieldSet());
            entries.Add(mine);
        }
        mine.Fields.UnionWith(changed);
        if (!changed.IsEmpty || mine.Time is null) mine.Time = FormatTime(now);

        Write(result, entries, paths);
        return result;
    }

    /// <summary>The default field manager Kubernetes derives from a User-Agent: the part before the first '/'.</summary>
    public static string DefaultManager(string? userAgent)
    {
        var ua = userAgent ?? "";
        var slash = ua.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? ua : ua[..slash];
        return prefix.Length > 128 ? prefix[..128] : prefix;
    }

    /// <summary>RFC 3339 with whole seconds, as metav1.Time serialises.</summary>
    public static string FormatTime(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>metadata.managedFields</c>.</summary>
    public static List<ManagedFieldsEntry> Read(JsonArray? managedFields) =>
        managedFields is null ? [] : [.. managedFields.OfType<JsonObject>().Select(ManagedFieldsEntry.Parse)];

    internal static GroupVersionKind GvkOf(JsonObject obj, string apiVersion) =>
        GroupVersionKind.From(obj.ApiVersion() ?? apiVersion, obj.Kind() ?? "");

    /// <summary>Prunes vanished paths, drops empty entries, sorts as Kubernetes does and stores the list.</summary>
    internal static void Write(JsonObject obj, List<ManagedFieldsEntry> entries, FieldPaths paths)
    {
        var metadata = obj.Metadata();
        metadata.Remove("managedFields");
        foreach (var e in entries) paths.PruneTo(e.Fields, obj);
        var kept = CapUpdateManagers(entries.Where(e => !e.Fields.IsEmpty).ToList());
        kept.Sort(Compare);
        var arr = new JsonArray();
        foreach (var e in kept) arr.Add(e.ToJson());
        if (arr.Count > 0) metadata["managedFields"] = arr;
    }

    /// <summary>Kubernetes keeps at most this many Update entries; older ones merge into "ancient-changes".</summary>
    public const int MaxUpdateManagers = 10;

    public const string AncientChangesManager = "ancient-changes";

    /// <summary>
    /// Merges the oldest Update entries into one "ancient-changes" entry per apiVersion until at most
    /// <see cref="MaxUpdateManagers"/> Update entries remain (kube-apiserver's capManagersManager).
    /// </summary>
    private static List<ManagedFieldsEntry> CapUpdateManagers(List<ManagedFieldsEntry> entries)
    {
        var updaters = entries.Where(e => e.Operation == ManagedFieldsEntry.OperationUpdate)
            .OrderBy(e => e.Time ?? "", StringComparer.Ordinal).ThenBy(e => e.Manager, StringComparer.Ordinal).ToList();
        var count = updaters.Count;
        if (count <= MaxUpdateManagers) return entries;

        var firstOfVersion = new Dictionary<string, ManagedFieldsEntry>(StringComparer.Ordinal);
        var buckets = new Dictionary<string, ManagedFieldsEntry>(StringComparer.Ordinal);
        foreach (var existing in updaters.Where(e => e.Manager == AncientChangesManager))
            buckets.TryAdd(existing.ApiVersion ?? "", existing);
        for (var i = 0; i < updaters.Count && count > MaxUpdateManagers; i++)
        {
            var entry = updaters[i];
            if (buckets.ContainsValue(entry)) continue;
            var version = entry.ApiVersion ?? "";
            if (!firstOfVersion.TryGetValue(version, out var first))
            {
                firstOfVersion[version] = entry;
                continue;
            }
            if (!buckets.TryGetValue(version, out var bucket))
            {
                bucket = new ManagedFieldsEntry(AncientChangesManager, ManagedFieldsEntry.OperationUpdate, entry.ApiVersion, null, null, first.Fields.Clone());
                buckets[version] = bucket;
                entries.Remove(first);
                entries.Add(bucket);
            }
            bucket.Fields.UnionWith(entry.Fields);
            bucket.Time = entry.Time;
            entries.Remove(entry);
            count--;
        }
        return entries;
    }

    // Kubernetes' order: operation (Apply before Update), time, manager, apiVersion, subresource.
    private static int Compare(ManagedFieldsEntry a, ManagedFieldsEntry b)
    {
        var c = string.CompareOrdinal(a.Operation, b.Operation);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Time ?? "", b.Time ?? "");
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Manager, b.Manager);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.ApiVersion ?? "", b.ApiVersion ?? "");
        return c != 0 ? c : string.CompareOrdinal(a.Subresource ?? "", b.Subresource ?? "");
    }
}
