namespace Flotilla.Core.Karmada;

/// <summary>corev1.Toleration (placement.clusterTolerations, nodeClaim.tolerations).</summary>
public sealed record Toleration
{
    public string? Key { get; init; }
    /// <summary>Exists | Equal (empty means Equal).</summary>
    public string? Operator { get; init; }
    public string? Value { get; init; }
    /// <summary>Empty matches all effects.</summary>
    public string? Effect { get; init; }
    public long? TolerationSeconds { get; init; }

    /// <summary>
    /// corev1 ToleratesTaint with the comparison operators (Lt/Gt) disabled, as Karmada does: effects must match
    /// (empty toleration effect matches all), an empty key with Exists matches every key, Exists ignores the value,
    /// Equal (or empty) compares values.
    /// </summary>
    public bool Tolerates(Taint taint)
    {
        if (!string.IsNullOrEmpty(Effect) && Effect != taint.Effect) return false;
        if (!string.IsNullOrEmpty(Key) && Key != taint.Key) return false;
        return Operator switch
        {
            "Exists" => true,
            "" or null or "Equal" => (Value ?? "") == (taint.Value ?? ""),
            _ => false,
        };
    }

    public static bool AnyTolerates(IReadOnlyList<Toleration>? tolerations, Taint taint)
    {
        if (tolerations is null) return false;
        foreach (var t in tolerations) if (t.Tolerates(taint)) return true;
        return false;
    }
}
