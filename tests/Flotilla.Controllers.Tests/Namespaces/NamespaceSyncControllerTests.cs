using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Members;
using Flotilla.Controllers.Namespaces;
using Flotilla.Controllers.Tests.Binding;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Informers;
using Flotilla.TestKit;

namespace Flotilla.Controllers.Tests.Namespaces;

public sealed class NamespaceSyncControllerTests : IAsyncDisposable
{
    private readonly FakeKubeClient _cp = Fixture.ControlPlane();
    private readonly SharedInformerFactory _informers;
    private readonly NamespaceSyncController _controller;

    public NamespaceSyncControllerTests()
    {
        _informers = new SharedInformerFactory(_cp);
        _controller = new NamespaceSyncController(_cp, _informers, new ResourceInterpreter());
        _informers.Get(KarmadaResources.Namespaces);
        _informers.Get(KarmadaResources.Clusters);
        _informers.Get(KarmadaResources.Works);
        _cp.Seed(Fixture.Cluster("m1"), Fixture.Cluster("m2"));
    }

    public ValueTask DisposeAsync() => _informers.DisposeAsync();

    private static JsonObject Ns(string name, bool skip = false)
    {
        var o = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
        if (skip) o.SetLabel(WellKnownLabels.SkipAutoPropagation, "true");
        return o;
    }

    private async Task ReconcileAsync(string ns)
    {
        await InformerSync.CaughtUpAsync(_informers, _cp);
        await _controller.ReconcileAsync(new ObjectKey("", ns), CancellationToken.None);
        await InformerSync.CaughtUpAsync(_informers, _cp);
    }

    private JsonObject? Work(string cluster, string ns) => _cp.Peek(KarmadaResources.Works, "karmada-es-" + cluster, Names.WorkName("Namespace", ns, null));

    [Fact]
    public async Task Reconcile_UserNamespace_GetsAWorkInEveryCluster_Once()
    {
        _cp.Seed(Ns("flux-system"));
        await ReconcileAsync("flux-system");
        Assert.NotNull(Work("m1", "flux-system"));
        Assert.NotNull(Work("m2", "flux-system"));
        Assert.Equal("flux-system", Work("m1", "flux-system")!["spec"]!["workload"]!["manifests"]![0]!["metadata"]!["name"]!.GetValue<string>());
        _cp.ClearActions();
        await ReconcileAsync("flux-system");
        Assert.Empty(_cp.WriteActions);
    }

    [Theory]
    [InlineData("default", false)]
    [InlineData("kube-system", false)]
    [InlineData("karmada-system", false)]
    [InlineData("karmada-es-m1", false)]
    [InlineData("opted-out", true)]
    public async Task Reconcile_ReservedOrSkippedNamespace_IsNotPropagated(string name, bool label)
    {
        _cp.Seed(Ns(name, label));
        await ReconcileAsync(name);
        Assert.Null(Work("m1", name));
    }

    [Fact]
    public async Task ClusterJoinsLater_GetsTheExistingNamespaces()
    {
        // Through the controller host: the Cluster watch re-enqueues every namespace when a cluster is created.
        _cp.Seed(Ns("apps"), Ns("team-a"), Ns("opted-out", skip: true), Ns("default"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var controllers = ControlPlaneControllers.Create(_cp, new StaticMemberClientProvider(new Dictionary<string, IKubeClient>()),
            options: new ControllersOptions { Controllers = ControlPlaneControllers.NamespaceName });
        await controllers.StartAsync(cts.Token);
        await controllers.WaitForStartedAsync(cts.Token);
        await Fixture.EventuallyAsync(() => Work("m1", "apps") is not null && Work("m2", "team-a") is not null, "namespaces synced to m1 and m2");

        await _cp.CreateAsync(KarmadaResources.Clusters, Fixture.Cluster("m3"), null, cts.Token);
        await Fixture.EventuallyAsync(() => Work("m3", "apps") is not null && Work("m3", "team-a") is not null, "the existing namespaces reach m3");
        Assert.Equal("apps", Work("m3", "apps")!["spec"]!["workload"]!["manifests"]![0]!["metadata"]!["name"]!.GetValue<string>());
        Assert.NotNull(_cp.Peek(KarmadaResources.Namespaces, null, "karmada-es-m3"));
        Assert.Null(Work("m3", "opted-out"));
        Assert.Null(Work("m3", "default"));
        await controllers.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Reconcile_NamespaceDeleted_DeletesItsWorks()
    {
        _cp.Seed(Ns("apps"));
        await ReconcileAsync("apps");
        await _cp.DeleteAsync(KarmadaResources.Namespaces, null, "apps", null, CancellationToken.None);
        await ReconcileAsync("apps");
        Assert.Null(Work("m1", "apps"));
        Assert.Null(Work("m2", "apps"));
    }
}
