using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>metav1.Condition.</summary>
public sealed record Condition
{
    public required string Type { get; init; }
    /// <summary>"True", "False" or "Unknown" (<see cref="ConditionStatus"/>).</summary>
    public required string Status { get; init; }
    public long ObservedGeneration { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTimeOffset LastTransitionTime { get; init; }
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";

    /// <summary>The condition of the given type, or null.</summary>
    public static Condition? Find(IReadOnlyList<Condition>? conditions, string type)
    {
        if (conditions is null) return null;
        foreach (var c in conditions) if (c.Type == type) return c;
        return null;
    }

    /// <summary>meta.IsStatusConditionTrue.</summary>
    public static bool IsTrue(IReadOnlyList<Condition>? conditions, string type) =>
        Find(conditions, type)?.Status == ConditionStatus.True;
}

public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}
