using System.Text.Json.Nodes;
using Flotilla.ApiServer.Schema;
using Flotilla.Core;

namespace Flotilla.ApiServer.Components;

/// <summary>The table a real server gives a kind without printer columns: NAME and AGE.</summary>
public sealed class NameAgeTableConverter(TimeProvider? time = null) : ITableConverter
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public JsonObject ToTable(ApiResource resource, IReadOnlyList<JsonObject> items, string? resourceVersion, string? continueToken,
        long? remainingItemCount, string includeObject)
    {
        var rows = new JsonArray();
        var now = _time.GetUtcNow();
        foreach (var item in items)
        {
            var meta = item["metadata"] as JsonObject;
            var row = new JsonObject
            {
                ["cells"] = new JsonArray(item.Name() ?? "", Age(meta.GetString("creationTimestamp"), now)),
            };
            switch (includeObject)
            {
                case "Object":
                    row["object"] = item.DeepClone();
                    break;
                case "None":
                    break;
                default:
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = "meta.k8s.io/v1",
                        ["metadata"] = meta?.DeepClone(),
                    };
                    break;
            }
            rows.Add(row);
        }
        var listMeta = new JsonObject();
        if (resourceVersion is not null) listMeta["resourceVersion"] = resourceVersion;
        if (!string.IsNullOrEmpty(continueToken)) listMeta["continue"] = continueToken;
        if (remainingItemCount is { } rc) listMeta["remainingItemCount"] = rc;
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMeta,
            ["columnDefinitions"] = new JsonArray(
                Column("Name", "string", "name", "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"),
                Column("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata")),
            ["rows"] = rows,
        };
    }

    private static JsonObject Column(string name, string type, string format, string description) => new()
    {
        ["name"] = name, ["type"] = type, ["format"] = format, ["description"] = description, ["priority"] = 0,
    };

    /// <summary>Kubernetes' HumanDuration ("5s", "3m2s", "4h", "2d3h", "45d", "2y3d").</summary>
    public static string Age(string? timestamp, DateTimeOffset now)
    {
        if (timestamp is null || !DateTimeOffset.TryParse(timestamp, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var t)) return "<unknown>";
        return HumanDuration(now - t);
    }

    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return $"{seconds}s";
        var minutes = seconds / 60;
        if (minutes < 10) { var s = seconds % 60; return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s"; }
        if (minutes < 60 * 3) return $"{minutes}m";
        var hours = minutes / 60;
        if (hours < 8) { var m = minutes % 60; return m == 0 ? $"{hours}h" : $"{hours}h{m}m"; }
        if (hours < 48) return $"{hours}h";
        if (hours < 24 * 8) { var h = hours % 24; return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h"; }
        if (hours < 24 * 365 * 2) return $"{hours / 24}d";
        if (hours < 24 * 365 * 8) { var dy = hours / 24 % 365; return dy == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{dy}d"; }
        return $"{hours / 24 / 365}y";
    }
}
