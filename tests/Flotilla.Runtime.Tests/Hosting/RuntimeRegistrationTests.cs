using System.Collections.Concurrent;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Runtime.Controllers;
using Flotilla.Runtime.Hosting;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flotilla.Runtime.Tests.Hosting;

public sealed class RuntimeRegistrationTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    public sealed class ConfigMapReconciler : IReconciler<ObjectKey>
    {
        public ConcurrentBag<ObjectKey> Seen { get; } = [];

        public ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
        {
            Seen.Add(key);
            return ValueTask.FromResult(ReconcileResult.Done);
        }
    }

    public sealed class SecretReconciler : IReconciler<ObjectKey>
    {
        public int Calls;

        public ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            return ValueTask.FromResult(ReconcileResult.Done);
        }
    }

    private static ServiceProvider Build(FakeKubeClient client, string controllers, bool leaderElection = false) =>
        new ServiceCollection()
            .AddSingleton<IKubeClient>(client)
            .AddFlotillaRuntime(o =>
            {
                o.Controllers = controllers;
                o.LeaderElection.Enabled = leaderElection;
                o.LeaderElection.Identity = "me";
            })
            .AddController<ConfigMapReconciler, ObjectKey>("configmaps", w => w.For(FakeResources.ConfigMaps.Gvr))
            .AddController<SecretReconciler, ObjectKey>("secrets", w => w.For(FakeResources.Secrets.Gvr), enabledByDefault: false)
            .BuildServiceProvider();

    [Fact]
    public async Task AddController_RunsSelectedControllers()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        await using var sp = Build(client, "*");
        var manager = sp.GetServices<IHostedService>().OfType<ControllerManager>().Single();
        Assert.Equal(["configmaps"], manager.Enabled);

        await manager.StartAsync(Ct);
        var reconciler = sp.GetRequiredService<ConfigMapReconciler>();
        await TestObjects.EventuallyAsync(() => reconciler.Seen.Contains(new ObjectKey("ns", "a")));
        Assert.Equal(["configmaps"], manager.Running);
        await manager.StopAsync(Ct);
        Assert.Empty(manager.Running);
        Assert.Equal(0, sp.GetRequiredService<SecretReconciler>().Calls);
    }

    [Fact]
    public async Task Selection_CanEnableDisabledByDefault_AndDisableOthers()
    {
        await using var sp = Build(new FakeKubeClient(), "*,-configmaps,secrets");
        Assert.Equal(["secrets"], sp.GetRequiredService<ControllerManager>().Enabled);
    }

    [Fact]
    public void UnknownControllerName_FailsAtStartup()
    {
        using var sp = Build(new FakeKubeClient(), "*,-confgimaps");
        var ex = Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<ControllerManager>());
        Assert.Contains("confgimaps", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateName_Throws()
    {
        var services = new ServiceCollection().AddFlotillaRuntime()
            .AddController<ConfigMapReconciler, ObjectKey>("x", w => w.For(FakeResources.ConfigMaps.Gvr));
        Assert.Throws<InvalidOperationException>(() =>
            services.AddController<SecretReconciler, ObjectKey>("x", w => w.For(FakeResources.Secrets.Gvr)));
    }

    [Fact]
    public async Task WithLeaderElection_ControllersRunOnlyAsLeader()
    {
        var client = new FakeKubeClient();
        client.Seed(TestObjects.ConfigMap("ns", "a"));
        await using var sp = Build(client, "*", leaderElection: true);
        var manager = sp.GetRequiredService<ControllerManager>();
        await manager.StartAsync(Ct);
        await TestObjects.EventuallyAsync(() => manager.Running.Count == 1);
        Assert.NotNull(client.Peek(Flotilla.Runtime.LeaderElection.LeaderElector.LeaseResource, "karmada-system", "flotilla-controller-manager"));
        await manager.StopAsync(Ct);
        var lease = client.Peek(Flotilla.Runtime.LeaderElection.LeaderElector.LeaseResource, "karmada-system", "flotilla-controller-manager")!;
        Assert.Null(lease["spec"]!["holderIdentity"]); // released on shutdown
    }
}
