using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Informers;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Controllers;

public sealed class ControllerHostTests
{
    private static readonly GroupVersionResource Cm = FakeResources.ConfigMaps.Gvr;
    private static readonly GroupVersionResource Secrets = FakeResources.Secrets.Gvr;
    private static readonly CancellationToken Ct = CancellationToken.None;

    private sealed class FuncReconciler(Func<ObjectKey, int, CancellationToken, ValueTask<ReconcileResult>> body) : IReconciler<ObjectKey>
    {
        public ConcurrentDictionary<ObjectKey, int> Calls { get; } = new();

        public int CallsFor(string ns, string name) => Calls.GetValueOrDefault(new ObjectKey(ns, name));

        public ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
        {
            var n = Calls.AddOrUpdate(key, 1, (_, c) => c + 1);
            return body(key, n, ct);
        }
    }

    private static async Task<(ControllerHost<ObjectKey> Host, SharedInformerFactory Factory)> StartAsync(
        FakeKubeClient client, IReconciler<ObjectKey> reconciler, Action<ControllerWatches<ObjectKey>>? watches = null,
        TimeProvider? time = null, ControllerOptions? options = null)
    {
        var factory = new SharedInformerFactory(client);
        var w = new ControllerWatches<ObjectKey>();
        if (watches is null) w.For(Cm); else watches(w);
        var host = new ControllerHost<ObjectKey>("test", reconciler, factory, w, options, time: time);
        await host.StartAsync(Ct);
        await host.Started.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        return (host, factory);
    }

    private static async Task StopAsync(ControllerHost<ObjectKey> host, SharedInformerFactory factory)
    {
        await host.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await factory.DisposeAsync();
        host.Dispose();
    }

    [Fact]
    public async Task Reconciles_ExistingAndNewObjects()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        var rec = new FuncReconciler((_, _, _) => ValueTask.FromResult(ReconcileResult.Done));
        var (host, factory) = await StartAsync(client, rec);

        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 1);
        await client.CreateAsync(Cm, TestObjects.ConfigMap("ns", "b"), null, Ct);
        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "b") == 1);
        await StopAsync(host, factory);
    }

    [Fact]
    public async Task CoalescedWatch_CollapsesABurstIntoOneReconcileAfterTheWindow()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        var rec = new FuncReconciler((_, _, _) => ValueTask.FromResult(ReconcileResult.Done));
        // Secrets map to the ConfigMap "a", coalesced over 100 ms. The mapping counts a Secret event once the
        // host has queued its key (the count runs when the host asks for the next key), so the test knows
        // every event of the burst has reached the queue before it moves the clock.
        var queued = 0;
        IEnumerable<ObjectKey> MapToA()
        {
            yield return new ObjectKey("ns", "a");
            Interlocked.Increment(ref queued);
        }
        var (host, factory) = await StartAsync(client, rec, w => w.For(Cm)
            .Watches(Secrets, _ => MapToA()).Coalesced(TimeSpan.FromMilliseconds(100)), time: time);
        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 1 && host.Queue.ProcessingCount == 0);

        for (var i = 0; i < 5; i++) await client.CreateAsync(Secrets, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "s" + i, ["namespace"] = "ns" } }, null, Ct);
        await TestObjects.EventuallyAsync(() => Volatile.Read(ref queued) == 5);
        Assert.Equal(1, host.Queue.DelayedCount);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(1, rec.CallsFor("ns", "a"));
        time.Advance(TimeSpan.FromMilliseconds(1));
        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 2 && host.Queue.ProcessingCount == 0);
        Assert.Equal(0, host.Queue.DelayedCount);
        await StopAsync(host, factory);
    }

    [Fact]
    public async Task Error_IsRequeuedWithGrowingBackoff_ThenForgotten()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        var rec = new FuncReconciler((_, n, _) => n <= 2 ? throw new InvalidOperationException("boom " + n) : ValueTask.FromResult(ReconcileResult.Done));
        var (host, factory) = await StartAsync(client, rec, time: time);
        var key = new ObjectKey("ns", "a");

        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 1 && host.Queue.DelayedCount == 1);
        Assert.Equal(1, host.Queue.NumRequeues(key));
        time.Advance(TimeSpan.FromMilliseconds(4));
        Assert.Equal(1, rec.CallsFor("ns", "a"));
        time.Advance(TimeSpan.FromMilliseconds(1)); // 5 ms backoff elapsed
        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 2 && host.Queue.DelayedCount == 1);
        Assert.Equal(2, host.Queue.NumRequeues(key));
        time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(2, rec.CallsFor("ns", "a"));
        time.Advance(TimeSpan.FromMilliseconds(1)); // 10 ms backoff elapsed
        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 3 && host.Queue.ProcessingCount == 0);
        Assert.Equal(0, host.Queue.NumRequeues(key));
        Assert.Equal(0, host.Queue.DelayedCount);
        await StopAsync(host, factory);
    }

    [Fact]
    public async Task Terminal_IsNotRetried()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        var rec = new FuncReconciler((_, _, _) => throw new TerminalReconcileException("invalid spec"));
        var (host, factory) = await StartAsync(client, rec, time: time);

        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 1 && host.Queue.ProcessingCount == 0);
        Assert.Equal(0, host.Queue.DelayedCount);
        Assert.Equal(0, host.Queue.Count);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, rec.CallsFor("ns", "a"));
        await StopAsync(host, factory);
    }

    [Fact]
    public async Task RequeueAfter_IsHonoured()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        var rec = new FuncReconciler((_, _, _) => ValueTask.FromResult(ReconcileResult.After(TimeSpan.FromSeconds(30))));
        var (host, factory) = await StartAsync(client, rec, time: time);

        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 1 && host.Queue.DelayedCount == 1);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, rec.CallsFor("ns", "a"));
        time.Advance(TimeSpan.FromSeconds(1));
        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 2);
        await StopAsync(host, factory);
    }

    [Fact]
    public async Task Timeout_CancelsReconcile_AndRequeues()
    {
        var time = new ManualTimeProvider();
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        var cancelled = 0;
        var rec = new FuncReconciler(async (_, n, ct) =>
        {
            if (n > 1) return ReconcileResult.Done;
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { Interlocked.Increment(ref cancelled); throw; }
            return ReconcileResult.Done;
        });
        var (host, factory) = await StartAsync(client, rec, time: time, options: new ControllerOptions { ReconcileTimeout = TimeSpan.FromSeconds(10) });

        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 1 && time.ActiveTimerCount > 0);
        time.Advance(TimeSpan.FromSeconds(10));
        await TestObjects.EventuallyAsync(() => cancelled == 1 && host.Queue.DelayedCount == 1);
        time.Advance(TimeSpan.FromMilliseconds(5));
        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 2);
        await StopAsync(host, factory);
    }

    [Fact]
    public async Task Stop_CancelsInFlightReconcile_AndAwaitsWorkers()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        var observedCancel = new TaskCompletionSource();
        var rec = new FuncReconciler(async (_, _, ct) =>
        {
            try { await Task.Delay(Timeout.Infinite, ct); }
            finally { observedCancel.TrySetResult(); }
            return ReconcileResult.Done;
        });
        var (host, factory) = await StartAsync(client, rec);
        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 1);

        await host.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(observedCancel.Task.IsCompleted);
        Assert.True(host.Queue.IsShutDown);
        Assert.Equal(0, host.Queue.ProcessingCount);
        await factory.DisposeAsync();
        host.Dispose();
    }

    [Fact]
    public async Task Watches_MapSecondaryEventsToPrimaryKeys_AndPredicatesFilter()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        var rec = new FuncReconciler((_, _, _) => ValueTask.FromResult(ReconcileResult.Done));
        // a Secret "s" points at its ConfigMap through a label
        var (host, factory) = await StartAsync(client, rec, w => w
            .For(Cm, EventPredicate.GenerationChanged)
            .Watches(Secrets, s => s.Label("owner") is { } o ? [new ObjectKey(s.Namespace()!, o)] : []));
        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 1 && host.Queue.ProcessingCount == 0);

        var secret = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "s", ["namespace"] = "ns" } };
        secret.SetLabel("owner", "a");
        await client.CreateAsync(Secrets, secret, null, Ct);
        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 2 && host.Queue.ProcessingCount == 0);

        // a label-only change of the primary does not pass GenerationChanged; a data change does
        var cm = (await client.GetAsync(Cm, "ns", "a", Ct))!;
        cm.SetLabel("x", "y");
        cm = await client.UpdateAsync(Cm, cm, null, Ct);
        cm["data"] = new JsonObject { ["k"] = "v" };
        await client.UpdateAsync(Cm, cm, null, Ct);
        await TestObjects.EventuallyAsync(() => rec.CallsFor("ns", "a") == 3 && host.Queue.ProcessingCount == 0);
        Assert.Equal(3, rec.CallsFor("ns", "a"));
        await StopAsync(host, factory);
    }

    [Fact]
    public async Task ManyWorkers_ReconcileDistinctKeysConcurrently()
    {
        var client = new FakeKubeClient();
        for (var i = 0; i < 4; i++) client.Seed(TestObjects.ConfigMap("ns", "o" + i));
        var gate = new TaskCompletionSource();
        var running = 0;
        var maxRunning = 0;
        var rec = new FuncReconciler(async (_, _, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            int seen;
            while ((seen = Volatile.Read(ref maxRunning)) < now) Interlocked.CompareExchange(ref maxRunning, now, seen);
            await gate.Task.WaitAsync(ct);
            Interlocked.Decrement(ref running);
            return ReconcileResult.Done;
        });
        var (host, factory) = await StartAsync(client, rec, options: new ControllerOptions { Workers = 4 });
        await TestObjects.EventuallyAsync(() => Volatile.Read(ref maxRunning) == 4);
        gate.SetResult();
        await TestObjects.EventuallyAsync(() => host.Queue.ProcessingCount == 0);
        await StopAsync(host, factory);
    }
}
