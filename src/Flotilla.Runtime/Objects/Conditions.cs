using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Runtime.Objects;

/// <summary>A metav1.Condition to set: type, status ("True", "False", "Unknown"), reason, message, observedGeneration.</summary>
public sealed record Condition(string Type, string Status, string Reason, string Message = "", long? ObservedGeneration = null);

/// <summary>metav1.ConditionStatus values.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}

/// <summary>
/// Helpers over <c>status.conditions</c> arrays of metav1.Condition (apimachinery's meta.SetStatusCondition):
/// lastTransitionTime changes only when the status changes.
/// </summary>
public static class Conditions
{
    /// <summary>The condition of that type in <c>obj.status.conditions</c>, or null.</summary>
    public static JsonObject? Get(JsonObject obj, string type) => Find((obj["status"] as JsonObject)?["conditions"] as JsonArray, type);

    public static JsonObject? Find(JsonArray? conditions, string type)
    {
        if (conditions is null) return null;
        foreach (var c in conditions)
            if (c is JsonObject o && o.GetString("type") == type) return o;
        return null;
    }

    public static bool IsTrue(JsonObject obj, string type) => Get(obj, type).GetString("status") == ConditionStatus.True;

    public static bool IsFalse(JsonObject obj, string type) => Get(obj, type).GetString("status") == ConditionStatus.False;

    /// <summary>Sets the condition in <c>obj.status.conditions</c> (creating status and the array as needed);
    /// returns true when anything changed.</summary>
    public static bool Set(JsonObject obj, Condition condition, DateTimeOffset now)
    {
        if (obj["status"] is not JsonObject status) obj["status"] = status = new JsonObject();
        if (status["conditions"] is not JsonArray list) status["conditions"] = list = [];
        return Set(list, condition, now);
    }

    /// <summary>Sets the condition in <c>status.conditions</c> of a status object (as handed to
    /// <see cref="ObjectWriter.UpdateStatusIfChangedAsync(Flotilla.Core.Client.IKubeClient, Flotilla.Core.GroupVersionResource, JsonObject, Action{JsonObject}, CancellationToken, bool)"/>'s
    /// mutate callback); returns true when anything changed.</summary>
    public static bool SetInStatus(JsonObject status, Condition condition, DateTimeOffset now)
    {
        if (status["conditions"] is not JsonArray list) status["conditions"] = list = [];
        return Set(list, condition, now);
    }

    /// <summary>Sets the condition in a conditions array; returns true when anything changed.</summary>
    public static bool Set(JsonArray conditions, Condition condition, DateTimeOffset now)
    {
        var existing = Find(conditions, condition.Type);
        if (existing is null)
        {
            var c = new JsonObject
            {
                ["type"] = condition.Type,
                ["status"] = condition.Status,
            };
            if (condition.ObservedGeneration is { } g) c["observedGeneration"] = g;
            c["lastTransitionTime"] = FormatTime(now);
            c["reason"] = condition.Reason;
            c["message"] = condition.Message;
            conditions.Add(c);
            return true;
        }
        var changed = false;
        if (existing.GetString("status") != condition.Status)
        {
            existing["status"] = condition.Status;
            existing["lastTransitionTime"] = FormatTime(now);
            changed = true;
        }
        else if (existing.GetString("lastTransitionTime") is null)
        {
            existing["lastTransitionTime"] = FormatTime(now);
            changed = true;
        }
        changed |= SetString(existing, "reason", condition.Reason);
        changed |= SetString(existing, "message", condition.Message);
        if (condition.ObservedGeneration is { } gen)
        {
            var current = existing["observedGeneration"] is JsonValue v && v.TryGetValue<long>(out var l) ? l
                : existing["observedGeneration"] is JsonValue vi && vi.TryGetValue<int>(out var i) ? i : (long?)null;
            if (current != gen)
            {
                existing["observedGeneration"] = gen;
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>Removes the condition of that type; returns true when one was removed.</summary>
    public static bool Remove(JsonObject obj, string type)
    {
        if ((obj["status"] as JsonObject)?["conditions"] is not JsonArray list) return false;
        var c = Find(list, type);
        return c is not null && list.Remove(c);
    }

    /// <summary>metav1.Time: RFC 3339 in seconds.</summary>
    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static bool SetString(JsonObject o, string field, string value)
    {
        if (o.GetString(field) == value) return false;
        o[field] = value;
        return true;
    }
}
