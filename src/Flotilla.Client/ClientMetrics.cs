using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Flotilla.Client;

/// <summary>The client's metrics (meter "Flotilla.Client"): requests by host, verb and status code, and their latency.</summary>
public static class ClientMetrics
{
    public const string MeterName = "Flotilla.Client";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Requests that got an answer (tag "code" is the HTTP status) or none ("code" = "error").</summary>
    internal static readonly Counter<long> Requests =
        Meter.CreateCounter<long>("flotilla.client.requests", unit: "{request}", description: "REST requests sent to Kubernetes API servers");

    internal static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("flotilla.client.request.duration", unit: "s", description: "Time to a complete answer (watches: to the headers)");

    internal static void Record(string host, string method, string code, double seconds)
    {
        var tags = new TagList { { "host", host }, { "method", method }, { "code", code } };
        Requests.Add(1, tags);
        Duration.Record(seconds, tags);
    }
}
