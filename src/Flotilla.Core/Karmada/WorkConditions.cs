namespace Flotilla.Core.Karmada;

/// <summary>Work condition types, reasons and messages, verbatim from Karmada.</summary>
public static class WorkConditions
{
    // Types.
    public const string Applied = "Applied";
    public const string Progressing = "Progressing";
    public const string Available = "Available";
    public const string Degraded = "Degraded";
    public const string Dispatching = "Dispatching";

    // Reasons of Applied.
    public const string ReasonAppliedSuccessful = "AppliedSuccessful";
    public const string ReasonAppliedFailed = "AppliedFailed";
    public const string MessageAppliedSuccessful = "Manifest has been successfully applied";

    // Reasons and messages of Dispatching.
    public const string ReasonDispatching = "Dispatching";
    public const string ReasonSuspendDispatching = "SuspendDispatching";
    public const string MessageDispatching = "Work is being dispatched to member clusters.";
    public const string MessageSuspendDispatching = "Work dispatching is in a suspended state.";
}
