namespace Flotilla.Core.Karmada;

/// <summary>corev1.Taint as used on Cluster.spec.taints.</summary>
public sealed record Taint
{
    public required string Key { get; init; }
    public string? Value { get; init; }
    /// <summary>NoSchedule | PreferNoSchedule | NoExecute (<see cref="TaintEffects"/>).</summary>
    public required string Effect { get; init; }
    public DateTimeOffset? TimeAdded { get; init; }

    /// <summary>corev1.Taint.ToString: "key=value:Effect", "key:Effect" without a value.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Value) ? $"{Key}:{Effect}" : $"{Key}={Value}:{Effect}";
}

public static class TaintEffects
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";
}
