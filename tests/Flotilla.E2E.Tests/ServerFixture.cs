using Flotilla.TestKit;

namespace Flotilla.E2E.Tests;

/// <summary>One real <c>flotilla serve</c> (SQLite) shared by the tests of a class, with a kubectl bound to it.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public FlotillaProcess Server { get; private set; } = null!;
    public Kubectl Kubectl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FlotillaProcess.StartAsync(store: "sqlite");
        Kubectl = new Kubectl(Server.KubeconfigPath);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
