namespace Flotilla.Controllers.Interpreter;

/// <summary>Health of a member object (ManifestStatus.health).</summary>
public enum InterpretedHealth
{
    Healthy,
    Unhealthy,
    Unknown,
}

