using Flotilla.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Flotilla.Client.Tests;

public sealed class KubeClientFactoryTests
{
    // CaPem/OtherCaPem build a new array on every call: equality must compare content.
    private static RestConfig Config(bool otherCa = false, string token = "t") =>
        new() { Server = "https://127.0.0.1:6443", CaData = otherCa ? TestPki.Instance.OtherCaPem : TestPki.Instance.CaPem, Token = token };

    [Fact]
    public void GetOrCreate_SameConfigContent_ReturnsSameClient()
    {
        using var factory = new KubeClientFactory();

        var a = factory.GetOrCreate("member1", Config());
        var b = factory.GetOrCreate("member1", Config()); // equal content, different arrays

        Assert.Same(a, b);
        Assert.NotSame(a, factory.GetOrCreate("member2", Config()));
    }

    public static TheoryData<string, RestConfig> Changes => new()
    {
        { "rotated token", Config(token: "t2") },
        { "new CA", Config(otherCa: true) },
        { "new endpoint", Config() with { Server = "https://127.0.0.1:7443" } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task GetOrCreate_ConfigChanged_ReplacesAndDisposesOld(string name, RestConfig changed)
    {
        Assert.NotEmpty(name);
        using var factory = new KubeClientFactory();
        var old = factory.GetOrCreate("m", Config());

        var fresh = factory.GetOrCreate("m", changed);

        Assert.NotSame(old, fresh);
        Assert.Equal(changed, fresh.Config);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => old.GetAsync(new("", "v1", "pods"), "d", "x", CancellationToken.None));
    }

    [Fact]
    public void Remove_ForgetsClient()
    {
        using var factory = new KubeClientFactory();
        factory.GetOrCreate("m", Config());

        Assert.True(factory.Remove("m"));
        Assert.False(factory.TryGet("m", out _));
        Assert.False(factory.Remove("m"));
    }

    [Fact]
    public void AddFlotillaClient_RegistersSingletonFactory()
    {
        using var sp = new ServiceCollection().AddFlotillaClient().AddFlotillaClient().BuildServiceProvider();

        Assert.Same(sp.GetRequiredService<KubeClientFactory>(), sp.GetRequiredService<KubeClientFactory>());
    }

    [Fact]
    public void ToString_RedactsSecrets()
    {
        var text = (Config(token: "very-secret") with { Password = "pw-secret", ClientKeyData = "KEY"u8.ToArray() }).ToString();

        Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-secret", text, StringComparison.Ordinal);
        Assert.Contains("https://127.0.0.1:6443", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ForClusterProxy_AppendsKarmadaProxyPath()
    {
        var proxied = Config() with { Server = "https://cp:5443/" };

        Assert.Equal("https://cp:5443/apis/cluster.karmada.io/v1alpha1/clusters/member1/proxy", proxied.ForClusterProxy("member1").Server);
    }
}
