using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Interpreter;

/// <summary>Health of a member object (ManifestStatus.health).</summary>
public enum ResourceHealth
{
    Healthy,
    Unhealthy,
    Unknown,
}

public static class ResourceHealthExtensions
{
    /// <summary>The API value: "Healthy", "Unhealthy" or "Unknown".</summary>
    public static string ToApiValue(this ResourceHealth health) => health switch
    {
        ResourceHealth.Healthy => ResourceHealthValues.Healthy,
        ResourceHealth.Unhealthy => ResourceHealthValues.Unhealthy,
        _ => ResourceHealthValues.Unknown,
    };
}
