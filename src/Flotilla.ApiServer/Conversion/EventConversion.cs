using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;

namespace Flotilla.ApiServer.Conversion;

/// <summary>
/// core/v1 Event ⇄ events.k8s.io/v1 Event: the same objects in two versions, stored as core/v1 (as Kubernetes does).
/// </summary>
public static class EventConversion
{
    private static readonly (string Core, string Events)[] Renames =
    [
        ("involvedObject", "regarding"),
        ("message", "note"),
        ("reportingComponent", "reportingController"),
        ("source", "deprecatedSource"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
    ];

    /// <summary>The conversion registered for events.k8s.io/v1.</summary>
    public static VersionConversion EventsV1 { get; } = new(KubeGroups.Core, ToCore, ToEvents);

    public static JsonObject ToCore(JsonObject events)
    {
        var o = Rename(events, static r => r.Events, static r => r.Core);
        o["apiVersion"] = "v1";
        return o;
    }

    public static JsonObject ToEvents(JsonObject core)
    {
        var o = Rename(core, static r => r.Core, static r => r.Events);
        o["apiVersion"] = KubeGroups.Events + "/v1";
        return o;
    }

    private static JsonObject Rename(JsonObject source, Func<(string Core, string Events), string> from, Func<(string Core, string Events), string> to)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            var name = key;
            foreach (var r in Renames)
            {
                if (from(r) == key) { name = to(r); break; }
            }
            result[name] = value?.DeepClone();
        }
        return result;
    }
}
