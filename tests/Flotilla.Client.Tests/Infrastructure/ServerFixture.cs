namespace Flotilla.Client.Tests.Infrastructure;

/// <summary>One HTTPS mock server shared by the tests of a class (they run one at a time).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public MockApiServer Server { get; private set; } = null!;

    public RestConfig Config => new() { Server = Server.Url, CaData = TestPki.Instance.CaPem, Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync() => Server = await MockApiServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
