namespace Flotilla.Controllers.Registration;

/// <summary>A join or unjoin that could not be done; <see cref="Exception.Message"/> is meant for the user.
/// <see cref="IsInvalidArgument"/> marks bad input (an invalid name) as opposed to a failure.</summary>
public sealed class ClusterRegistrationException(string message, bool isInvalidArgument = false, Exception? inner = null)
    : Exception(message, inner)
{
    public bool IsInvalidArgument { get; } = isInvalidArgument;
}
