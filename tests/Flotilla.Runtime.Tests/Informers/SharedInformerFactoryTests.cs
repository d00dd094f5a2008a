using System.Text.Json.Nodes;
using Flotilla.Runtime.Informers;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Informers;

public sealed class SharedInformerFactoryTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>A handler that, while its informer dispatches, asks the factory for another informer, at the moment
    /// another thread is in <see cref="SharedInformerFactory.Start"/>: both must finish (they once deadlocked: the
    /// factory held its lock while starting the dispatching informer, and the handler waited for that lock).</summary>
    [Fact]
    public async Task Handler_asking_for_an_informer_while_the_factory_starts_does_not_deadlock()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        var factory = new SharedInformerFactory(client); // disposed only once it is known not to be deadlocked
        var configMaps = factory.Get(FakeResources.ConfigMaps.Gvr);
        var inHandler = new ManualResetEventSlim();
        Thread? starter = null;
        var entered = false;
        var finished = false;
        var handlerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        configMaps.AddHandler(new InformerHandler(onAdd: _ =>
        {
            inHandler.Set();
            // Wait until the starter thread has entered Start and either finished or blocked in it.
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (DateTime.UtcNow < deadline
                   && !(Volatile.Read(ref entered) && (Volatile.Read(ref finished) || (starter!.ThreadState & ThreadState.WaitSleepJoin) != 0)))
                Thread.Yield();
            factory.Get(FakeResources.Namespaces.Gvr);
            handlerDone.TrySetResult();
        }));
        configMaps.Start();
        Assert.True(inHandler.Wait(TimeSpan.FromSeconds(10)), "the handler ran");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        starter = new Thread(() =>
        {
            Volatile.Write(ref entered, true);
            factory.Start();
            Volatile.Write(ref finished, true);
            started.TrySetResult();
        }) { IsBackground = true };
        starter.Start();

        await Task.WhenAll(started.Task, handlerDone.Task).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await factory.WaitForCacheSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(factory.Get(FakeResources.Namespaces.Gvr).HasSynced);
        await factory.DisposeAsync();
    }
}
