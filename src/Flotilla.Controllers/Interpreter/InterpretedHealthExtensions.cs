using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Interpreter;

public static class InterpretedHealthExtensions
{
    /// <summary>The API value: "Healthy", "Unhealthy" or "Unknown".</summary>
    public static string ToApiValue(this InterpretedHealth health) => health switch
    {
        InterpretedHealth.Healthy => ResourceHealthValues.Healthy,
        InterpretedHealth.Unhealthy => ResourceHealthValues.Unhealthy,
        _ => ResourceHealthValues.Unknown,
    };
}
