using System.CommandLine;
using Flotilla.ApiServer.Hosting;
using Flotilla.Cli.Hosting;
using Flotilla.Storage;
using Flotilla.Storage.Memory;
using Flotilla.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Flotilla.Cli.Commands;

/// <summary><c>flotilla serve</c>: the control plane's API server alone.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var port = CommonOptions.Port(FlotillaApiServerOptions.DefaultPort);
        var store = CommonOptions.Store();
        var cmd = new Command("serve", "Run the control plane's API server (Kubernetes and Karmada APIs over HTTPS on 127.0.0.1)")
        {
            dataDir, port, store,
        };
        var controllers = new ControllerManagerFlags();
        controllers.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            ControllerManagerOptions options;
            try { options = controllers.Read(parse); }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitUsage;
            }
            return await RunAsync(parse.GetValue(dataDir)!, parse.GetValue(port), parse.GetValue(store)!, options, null, ct).ConfigureAwait(false);
        });
        return cmd;
    }

    /// <summary>Builds and runs the host until Ctrl-C / SIGTERM: the API server, and the controllers unless
    /// <paramref name="controllers"/> is null. <paramref name="onStarted"/> runs once everything is up.</summary>
    public static async Task<int> RunAsync(string dataDir, int port, string store, ControllerManagerOptions? controllers,
        Func<IServiceProvider, Task>? onStarted, CancellationToken ct)
    {
        dataDir = Path.GetFullPath(dataDir);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        LogLevels.Apply(builder.Logging, Environment.GetEnvironmentVariable(LogLevels.Variable));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddFlotillaApiServer(o =>
        {
            o.DataDir = dataDir;
            o.Port = port;
            o.StorageFactory = (opts, token) => OpenStoreAsync(store, opts.DataDir, token);
        });
        if (controllers is not null)
        {
            builder.Services.AddSingleton(controllers);
            builder.Services.AddSingleton<ControllerManagerService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ControllerManagerService>());
        }
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<Flotilla.Runtime.Hosting.IdleMemoryTrimmer>();
        using var host = builder.Build();
        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("error: the API server did not start: " + e.Message).ConfigureAwait(false);
            return Program.ExitFailure;
        }
        if (onStarted is not null)
        {
            try
            {
                await onStarted(host.Services).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                return Program.ExitFailure;
            }
        }
        await host.WaitForShutdownAsync(ct).ConfigureAwait(false);
        return Program.ExitOk;
    }

    private static async Task<IStorageBackend> OpenStoreAsync(string store, string dataDir, CancellationToken ct)
    {
        if (store == "memory") return new MemoryStorageBackend();
        var dir = Path.Combine(dataDir, "store");
        Directory.CreateDirectory(dir);
        return await SqliteStorageBackend.OpenAsync(Path.Combine(dir, "flotilla.db"), new SqliteStorageOptions(), null, ct).ConfigureAwait(false);
    }
}
