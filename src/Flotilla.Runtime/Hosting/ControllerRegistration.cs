using Microsoft.Extensions.Hosting;

namespace Flotilla.Runtime.Hosting;

/// <summary>One registered controller: its stable short name, whether "*" includes it, and how to build its host.</summary>
public sealed record ControllerRegistration(string Name, bool EnabledByDefault, Func<IServiceProvider, IHostedService> CreateHost);
