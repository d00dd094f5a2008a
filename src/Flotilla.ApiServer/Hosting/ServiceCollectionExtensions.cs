using Flotilla.ApiServer.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

public static class FlotillaApiServerServiceCollectionExtensions
{
    /// <summary>Registers the control plane's API server as a hosted service (see <see cref="ApiServerService"/>).</summary>
    public static IServiceCollection AddFlotillaApiServer(this IServiceCollection services, Action<FlotillaApiServerOptions>? configure = null)
    {
        var builder = services.AddOptions<FlotillaApiServerOptions>().BindConfiguration(FlotillaApiServerOptions.SectionName);
        if (configure is not null) builder.Configure(configure);
        builder.Validate(o => o.Port is >= 0 and <= 65535, "Port must be within 0..65535")
               .Validate(o => !string.IsNullOrWhiteSpace(o.DataDir), "DataDir is required");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiServerService>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiServerService>());
        return services;
    }
}
