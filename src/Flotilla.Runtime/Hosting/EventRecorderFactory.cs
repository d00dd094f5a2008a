using Flotilla.Core.Client;
using Flotilla.Runtime.Events;
using Microsoft.Extensions.Logging;

namespace Flotilla.Runtime.Hosting;

/// <summary>Creates <see cref="EventRecorder"/>s per reporting component ("execution-controller").</summary>
public sealed class EventRecorderFactory(IKubeClient client, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
{
    public EventRecorder Create(string component) =>
        new(client, component, time, loggerFactory?.CreateLogger<EventRecorder>());
}
