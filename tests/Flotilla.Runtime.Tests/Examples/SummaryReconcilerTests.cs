using Flotilla.Core;
using Flotilla.Runtime.Events;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Examples;

public sealed class SummaryReconcilerTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly ObjectKey Key = new("ns", "web");
    private readonly ManualTimeProvider _time = new();
    private readonly FakeKubeClient _client;
    private readonly Informer _informer;
    private readonly SummaryReconciler _reconciler;

    public SummaryReconcilerTests()
    {
        _client = new FakeKubeClient(time: _time);
        _client.Seed(TestObjects.Deployment("ns", "web", replicas: 3));
        _informer = new Informer(_client, FakeResources.Deployments.Gvr);
        _reconciler = new SummaryReconciler(_client, _informer, new EventRecorder(_client, "summary-controller", _time), _time);
    }

    public async Task InitializeAsync()
    {
        _informer.Start();
        await _informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync() => await _informer.DisposeAsync();

    /// <summary>Waits until the informer cache has caught up with the API (as the next reconcile would see it).</summary>
    private Task CacheCaughtUpAsync() => TestObjects.EventuallyAsync(() =>
        _informer.Cache.Get(Key)?.ResourceVersion() == _client.Peek(FakeResources.Deployments.Gvr, "ns", "web")?.ResourceVersion());

    [Fact]
    public async Task Reconcile_CreatesSummary_SetsCondition_AddsFinalizer()
    {
        await _reconciler.ReconcileAsync(Key, Ct);

        var cm = _client.Peek(FakeResources.ConfigMaps.Gvr, "ns", "web-summary");
        Assert.Equal("3", cm!["data"]!["replicas"]!.GetValue<string>());
        var d = _client.Peek(FakeResources.Deployments.Gvr, "ns", "web")!;
        Assert.True(d.HasFinalizer(SummaryReconciler.Finalizer));
        Assert.True(Conditions.IsTrue(d, "Summarized"));
        Assert.Single(_client.Objects(EventRecorder.EventResource));
    }

    [Fact]
    public async Task ReconcileTwice_SecondPassWritesNothing()
    {
        await _reconciler.ReconcileAsync(Key, Ct);
        await CacheCaughtUpAsync();
        _client.ClearActions();

        await _reconciler.ReconcileAsync(Key, Ct);
        Assert.Empty(_client.WriteActions);
    }

    [Fact]
    public async Task DeletedWhileReconciling_CleansUpAndLetsGo()
    {
        await _reconciler.ReconcileAsync(Key, Ct);
        await CacheCaughtUpAsync();
        await _client.DeleteAsync(FakeResources.Deployments.Gvr, "ns", "web", null, Ct); // held by the finalizer
        await CacheCaughtUpAsync();

        await _reconciler.ReconcileAsync(Key, Ct);
        Assert.Null(_client.Peek(FakeResources.ConfigMaps.Gvr, "ns", "web-summary"));
        Assert.Null(_client.Peek(FakeResources.Deployments.Gvr, "ns", "web"));
        await TestObjects.EventuallyAsync(() => _informer.Cache.Get(Key) is null);
        Assert.Equal(ReconcileResult.Done, await _reconciler.ReconcileAsync(Key, Ct)); // gone ⇒ done
    }

    [Fact]
    public async Task Conflict_Throws_AndNextPassConverges()
    {
        var conflicts = 1;
        _client.AddReactor(a => a.Subresource == "status" && Interlocked.Decrement(ref conflicts) >= 0
            ? ApiErrors.Conflict("deployments.apps", a.Key.Name, ApiErrors.StaleObjectMessage) : null);
        var ex = await Assert.ThrowsAsync<ApiStatusException>(async () => await _reconciler.ReconcileAsync(Key, Ct));
        Assert.True(ex.IsConflict);
        await CacheCaughtUpAsync();

        var live = _client.Peek(FakeResources.Deployments.Gvr, "ns", "web")!;
        live["spec"]!["replicas"] = 5;
        await _client.UpdateAsync(FakeResources.Deployments.Gvr, live, null, Ct); // generation 2
        await CacheCaughtUpAsync();

        await _reconciler.ReconcileAsync(Key, Ct);
        Assert.Equal("5", _client.Peek(FakeResources.ConfigMaps.Gvr, "ns", "web-summary")!["data"]!["replicas"]!.GetValue<string>());
        var cond = Conditions.Get(_client.Peek(FakeResources.Deployments.Gvr, "ns", "web")!, "Summarized")!;
        Assert.Equal(2L, cond["observedGeneration"]!.GetValue<long>());
    }
}
