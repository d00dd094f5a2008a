using Flotilla.Core.Client;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Informers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flotilla.Runtime.Hosting;

/// <summary>DI registration of the controller runtime.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shared informer factory (over the container's <see cref="IKubeClient"/>), the event recorder
    /// factory, <see cref="TimeProvider.System"/> (unless one is registered) and the <see cref="ControllerManager"/>
    /// hosted service that runs the selected controllers. Idempotent.
    /// </summary>
    public static IServiceCollection AddFlotillaRuntime(this IServiceCollection services, Action<RuntimeOptions>? configure = null)
    {
        services.AddOptions<RuntimeOptions>();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SharedInformerFactory(sp.GetRequiredService<IKubeClient>(), sp.GetService<ILoggerFactory>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new EventRecorderFactory(sp.GetRequiredService<IKubeClient>(), sp.GetService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<ControllerManager>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ControllerManager>(sp => sp.GetRequiredService<ControllerManager>()));
        return services;
    }

    /// <summary>
    /// Registers a controller under its stable short name, e.g.
    /// <c>services.AddController&lt;ExecutionController, ObjectKey&gt;("execution", w =&gt; w.For(works, EventPredicate.GenerationChanged).Watches(clusters, MapClusterToWorks))</c>.
    /// The reconciler is a singleton built by the container. Names must be unique.
    /// </summary>
    public static IServiceCollection AddController<TReconciler, TKey>(this IServiceCollection services, string name,
        Action<ControllerWatches<TKey>> watches, Action<ControllerOptions>? configure = null, bool enabledByDefault = true)
        where TReconciler : class, IReconciler<TKey>
        where TKey : notnull, IEquatable<TKey>
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (services.Any(d => d.ServiceType == typeof(ControllerRegistration) && d.ImplementationInstance is ControllerRegistration r && r.Name == name))
            throw new InvalidOperationException($"controller \"{name}\" is already registered");
        var w = new ControllerWatches<TKey>();
        watches(w);
        if (!w.Registrations.Any(r => r.IsPrimary)) throw new InvalidOperationException($"controller \"{name}\" has no primary resource (For)");
        var options = new ControllerOptions();
        configure?.Invoke(options);
        services.TryAddSingleton<TReconciler>();
        services.AddSingleton(new ControllerRegistration(name, enabledByDefault, sp => new ControllerHost<TKey>(
            name,
            sp.GetRequiredService<TReconciler>(),
            sp.GetRequiredService<SharedInformerFactory>(),
            w,
            options,
            sp.GetService<ILoggerFactory>()?.CreateLogger("Flotilla.Controllers." + name),
            sp.GetService<TimeProvider>())));
        return services;
    }
}
