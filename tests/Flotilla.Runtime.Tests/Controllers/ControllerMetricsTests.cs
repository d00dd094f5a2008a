using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Flotilla.Core;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Informers;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Controllers;

public sealed class ControllerMetricsTests
{
    private sealed class Reconciler : IReconciler<ObjectKey>
    {
        public ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct) => key.Name switch
        {
            "bad" => throw new TerminalReconcileException("bad"),
            "later" => ValueTask.FromResult(ReconcileResult.After(TimeSpan.FromHours(1))),
            _ => ValueTask.FromResult(ReconcileResult.Done),
        };
    }

    [Fact]
    public async Task Reconciles_AreCountedByOutcome_AndTimed()
    {
        var name = "metrics-" + Guid.NewGuid().ToString("N")[..6];
        var counts = new ConcurrentDictionary<string, long>();
        var durations = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == RuntimeMeter.Name) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            if (i.Name != "flotilla_controller_reconcile_total") return;
            string? controller = null, result = null;
            foreach (var t in tags)
            {
                if (t.Key == "controller") controller = t.Value as string;
                if (t.Key == "result") result = t.Value as string;
            }
            if (controller == name && result is not null) counts.AddOrUpdate(result, v, (_, c) => c + v);
        });
        listener.SetMeasurementEventCallback<double>((i, _, tags, _) =>
        {
            if (i.Name != "flotilla_controller_reconcile_duration_seconds") return;
            foreach (var t in tags) if (t.Key == "controller" && (string?)t.Value == name) Interlocked.Increment(ref durations);
        });
        listener.Start();

        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "ok"), TestObjects.ConfigMap("ns", "bad"), TestObjects.ConfigMap("ns", "later"));
        await using var factory = new SharedInformerFactory(client);
        using var host = new ControllerHost<ObjectKey>(name, new Reconciler(), factory,
            new ControllerWatches<ObjectKey>().For(FakeResources.ConfigMaps.Gvr), time: new ManualTimeProvider());
        await host.StartAsync(CancellationToken.None);
        await TestObjects.EventuallyAsync(() => counts.Values.Sum() == 3);
        await host.StopAsync(CancellationToken.None);

        Assert.Equal(1, counts[ReconcileOutcome.Success]);
        Assert.Equal(1, counts[ReconcileOutcome.Terminal]);
        Assert.Equal(1, counts[ReconcileOutcome.RequeueAfter]);
        Assert.Equal(3, Volatile.Read(ref durations));
    }
}
