using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Flotilla.Client;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the shared <see cref="KubeClientFactory"/> (one client per member cluster).</summary>
    public static IServiceCollection AddFlotillaClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new KubeClientFactory(sp.GetService<ILoggerFactory>()));
        return services;
    }
}
