using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Clusters;

/// <summary>
/// The taints the cluster controller derives from the Ready condition (Karmada's taintClusterByCondition):
/// no Ready condition or Ready=False ⇒ <c>cluster.karmada.io/not-ready:NoSchedule</c>; Ready=Unknown ⇒
/// <c>cluster.karmada.io/unreachable:NoSchedule</c>; Ready=True ⇒ neither. Other taints are left alone.
/// </summary>
public static class ClusterTaints
{
    /// <summary>Edits <c>spec.taints</c> of <paramref name="cluster"/> to match its Ready condition; true when changed.</summary>
    public static bool ApplyConditionTaints(JsonObject cluster, DateTimeOffset now)
    {
        var ready = ReadyStatus(cluster);
        var (add, remove) = ready switch
        {
            ConditionStatus.True => ((string?)null, new[] { WellKnownTaints.NotReady, WellKnownTaints.Unreachable }),
            ConditionStatus.Unknown => (WellKnownTaints.Unreachable, new[] { WellKnownTaints.NotReady }),
            _ => (WellKnownTaints.NotReady, new[] { WellKnownTaints.Unreachable }),
        };
        var changed = false;
        foreach (var key in remove) changed |= RemoveTaint(cluster, key, TaintEffects.NoSchedule);
        if (add is not null) changed |= AddTaint(cluster, key: add, value: null, TaintEffects.NoSchedule, now, overwrite: false);
        return changed;
    }

    /// <summary>"True", "False", "Unknown" or null when the cluster has no Ready condition.</summary>
    public static string? ReadyStatus(JsonObject cluster) =>
        Runtime.Objects.Conditions.Get(cluster, ClusterConditions.Ready).GetString("status");

    /// <summary>The taints in <c>spec.taints</c> (never null).</summary>
    public static JsonArray Taints(JsonObject cluster)
    {
        var spec = cluster.Ensure("spec");
        if (spec["taints"] is not JsonArray taints) spec["taints"] = taints = [];
        return taints;
    }

    /// <summary>Adds a taint (key+effect identify it). With <paramref name="overwrite"/> an existing one with another
    /// value is replaced; without, it is kept. True when changed.</summary>
    public static bool AddTaint(JsonObject cluster, string key, string? value, string effect, DateTimeOffset now, bool overwrite)
    {
        var taints = Taints(cluster);
        foreach (var t in taints.OfType<JsonObject>())
        {
            if (t.GetString("key") != key || t.GetString("effect") != effect) continue;
            if ((t.GetString("value") ?? "") == (value ?? "") || !overwrite) return false;
            if (string.IsNullOrEmpty(value)) t.Remove("value");
            else t["value"] = value;
            t["timeAdded"] = FormatTime(now);
            return true;
        }
        var taint = new JsonObject { ["key"] = key };
        if (!string.IsNullOrEmpty(value)) taint["value"] = value;
        taint["effect"] = effect;
        taint["timeAdded"] = FormatTime(now);
        taints.Add(taint);
        return true;
    }

    /// <summary>Removes taints with <paramref name="key"/> (and <paramref name="effect"/> when given); true when any was removed.</summary>
    public static bool RemoveTaint(JsonObject cluster, string key, string? effect)
    {
        if ((cluster["spec"] as JsonObject)?["taints"] is not JsonArray taints) return false;
        var removed = false;
        for (var i = taints.Count - 1; i >= 0; i--)
        {
            if (taints[i] is not JsonObject t || t.GetString("key") != key) continue;
            if (effect is not null && t.GetString("effect") != effect) continue;
            taints.RemoveAt(i);
            removed = true;
        }
        if (removed && taints.Count == 0) ((JsonObject)cluster["spec"]!).Remove("taints");
        return removed;
    }

    /// <summary>True when a taint with this key and effect exists.</summary>
    public static bool HasTaint(JsonObject cluster, string key, string effect) =>
        (cluster["spec"] as JsonObject)?["taints"] is JsonArray taints
        && taints.OfType<JsonObject>().Any(t => t.GetString("key") == key && t.GetString("effect") == effect);

    private static string FormatTime(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
