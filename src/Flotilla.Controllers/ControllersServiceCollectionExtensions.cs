using Flotilla.Controllers.Members;
using Flotilla.Core.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flotilla.Controllers;

public static class ControllersServiceCollectionExtensions
{
    /// <summary>
    /// Registers the propagation controllers as a hosted service. Needs an <see cref="IKubeClient"/> for the control
    /// plane in the container; an <see cref="IMemberClientProvider"/> is used when registered (otherwise member clients
    /// are built from Cluster objects and their Secrets).
    /// </summary>
    public static IServiceCollection AddFlotillaControllers(this IServiceCollection services, Action<ControllersOptions>? configure = null)
    {
        var options = services.AddOptions<ControllersOptions>();
        if (configure is not null) options.Configure(configure);
        services.AddSingleton(sp => ControlPlaneControllers.Create(
            sp.GetRequiredService<IKubeClient>(),
            sp.GetService<IMemberClientProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ControllersOptions>>().Value));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ControlPlaneControllers>());
        return services;
    }
}
