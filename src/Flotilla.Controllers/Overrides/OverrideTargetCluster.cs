namespace Flotilla.Controllers.Overrides;

/// <summary>What the override engine needs to know about one target cluster (plain inputs, no API objects).</summary>
public sealed record OverrideTargetCluster(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    string? Provider = null,
    string? Region = null,
    IReadOnlyList<string>? Zones = null)
{
    /// <summary>A cluster known only by name (no labels or topology).</summary>
    public static OverrideTargetCluster Named(string name) => new(name, new Dictionary<string, string>());
}
