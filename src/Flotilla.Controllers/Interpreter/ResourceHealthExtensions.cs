using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Interpreter;

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
