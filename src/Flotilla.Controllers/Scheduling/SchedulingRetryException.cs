namespace Flotilla.Controllers.Scheduling;

/// <summary>Thrown after writing an Unschedulable / SchedulerError result so the host retries with backoff.</summary>
public sealed class SchedulingRetryException(string message) : Exception(message);
