using Flotilla.Runtime.Informers;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Informers;

public sealed class TypedCacheTests
{
    public sealed record Meta(string Name, string? Namespace);
    public sealed record Spec(int Replicas);
    public sealed record Deployment(Meta Metadata, Spec Spec);

    [Fact]
    public async Task Get_DeserialisesOncePerSnapshot()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.Deployment("ns", "web", replicas: 3));
        await using var informer = new Informer(client, FakeResources.Deployments.Gvr);
        informer.Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var typed = new TypedCache<Deployment>(informer.Cache);
        var d = typed.Get("ns", "web")!;
        Assert.Equal(3, d.Spec.Replicas);
        Assert.Same(d, typed.Get("ns", "web"));
        Assert.Single(typed.List("ns"));
        Assert.Null(typed.Get("ns", "missing"));
    }
}
