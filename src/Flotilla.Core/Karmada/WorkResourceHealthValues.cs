namespace Flotilla.Core.Karmada;

/// <summary>Values of ManifestStatus.health and AggregatedStatusItem.health.</summary>
public static class ResourceHealthValues
{
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";
    public const string Unknown = "Unknown";
}
