namespace Flotilla.Controllers.Interpreter;

/// <summary>Health of a member object (ManifestStatus.health).</summary>
public enum ResourceHealth
{
    Healthy,
    Unhealthy,
    Unknown,
}

