using Flotilla.Storage;

namespace Flotilla.ApiServer.Hosting;

/// <summary>Settings of the hosted control-plane API server (section "Flotilla:ApiServer").</summary>
public sealed class FlotillaApiServerOptions
{
    public const string SectionName = "Flotilla:ApiServer";
    public const int DefaultPort = 6443;

    /// <summary>Where certificates, the admin token, the kubeconfig and the store live.</summary>
    public string DataDir { get; set; } = DefaultDataDir();
    /// <summary>Listen port on 127.0.0.1; 0 picks a free one (the kubeconfig gets the real port).</summary>
    public int Port { get; set; } = DefaultPort;
    public string Address { get; set; } = "127.0.0.1";
    /// <summary>Opens the storage backend (the CLI chooses SQLite or memory).</summary>
    public Func<FlotillaApiServerOptions, CancellationToken, Task<IStorageBackend>>? StorageFactory { get; set; }
    /// <summary>Settings of the KubeApi instance.</summary>
    public KubeApiOptions Api { get; } = new();

    public string KubeconfigPath => Path.Combine(DataDir, Kubeconfig.FileName);
    public string TokenPath => Path.Combine(DataDir, "admin.token");
    public string PkiDir => Path.Combine(DataDir, "pki");

    public static string DefaultDataDir() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".flotilla");
}
