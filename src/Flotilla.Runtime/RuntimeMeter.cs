namespace Flotilla.Runtime;

/// <summary>Names of the runtime's System.Diagnostics.Metrics meter and its ActivitySource.</summary>
public static class RuntimeMeter
{
    public const string Name = "Flotilla.Runtime";
}
