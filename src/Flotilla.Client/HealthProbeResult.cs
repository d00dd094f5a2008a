namespace Flotilla.Client;

/// <summary>
/// The outcome of probing <c>/readyz</c> or <c>/healthz</c>: either the server answered (with <see cref="StatusCode"/>)
/// or it could not be reached (<see cref="Error"/> holds the connection, TLS or timeout failure).
/// </summary>
public sealed record HealthProbeResult
{
    public bool Reachable => StatusCode is not null;
    public bool Healthy => StatusCode == 200;
    public int? StatusCode { get; init; }
    public string Path { get; init; } = "";
    /// <summary>The answer's body (e.g. "ok" or the failed checks), trimmed to 4 KiB.</summary>
    public string Body { get; init; } = "";
    public Exception? Error { get; init; }
}
