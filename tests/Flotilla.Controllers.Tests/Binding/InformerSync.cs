using Flotilla.Core;
using Flotilla.Runtime.Informers;
using Flotilla.TestKit;

namespace Flotilla.Controllers.Tests.Binding;

/// <summary>Waits until a factory's informer caches reflect exactly what a fake client stores.</summary>
public static class InformerSync
{
    public static async Task CaughtUpAsync(SharedInformerFactory factory, FakeKubeClient client, int timeoutMs = 5000)
    {
        factory.Start();
        await factory.WaitForCacheSyncAsync(CancellationToken.None);
        await Fixture.EventuallyAsync(() => factory.Informers.All(i =>
        {
            var want = client.Objects(i.Resource)
                .Where(o => i.Namespace is null || o.Namespace() == i.Namespace)
                .Select(o => (o.Key(), o.ResourceVersion())).ToHashSet();
            var have = i.Cache.List().Select(o => (o.Key(), o.ResourceVersion())).ToHashSet();
            return want.SetEquals(have);
        }), "informer caches to catch up", timeoutMs);
    }
}
