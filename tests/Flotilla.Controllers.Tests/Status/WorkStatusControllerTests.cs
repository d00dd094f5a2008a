using System.Text.Json.Nodes;
using Flotilla.Controllers.Binding;
using Flotilla.Controllers.Interpreter;
using Flotilla.Controllers.Members;
using Flotilla.Controllers.Status;
using Flotilla.Controllers.Tests.Binding;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;
using Flotilla.Runtime.Informers;
using Flotilla.TestKit;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Controllers.Tests.Status;

public sealed class WorkStatusControllerTests : IAsyncDisposable
{
    private readonly FakeKubeClient _cp = Fixture.ControlPlane();
    private readonly FakeKubeClient _member = Fixture.Member();
    private readonly SharedInformerFactory _informers;
    private readonly MemberInformers _memberInformers;
    private readonly WorkStatusController _controller;
    private readonly List<ObjectKey> _resyncs = [];
    private readonly string _workName = Names.WorkName("Deployment", "nginx", "default");

    public WorkStatusControllerTests()
    {
        _informers = new SharedInformerFactory(_cp);
        _memberInformers = new MemberInformers(new StaticMemberClientProvider(new Dictionary<string, IKubeClient> { ["m1"] = _member }));
        _controller = new WorkStatusController(_cp, _informers, _memberInformers, new ResourceInterpreter()) { RequestResync = k => { lock (_resyncs) _resyncs.Add(k); } };
        _informers.Get(KarmadaResources.Works);
    }

    public async ValueTask DisposeAsync()
    {
        await _memberInformers.DisposeAsync();
        await _informers.DisposeAsync();
    }

    private void Seed(bool memberObject)
    {
        var built = WorkManifestBuilder.Build(Fixture.Deployment("nginx", 3), new WorkManifestContext
        {
            BindingName = "nginx-deployment", BindingNamespace = "default", BindingPermanentId = "rb-id", ClusterName = "m1",
        });
        _cp.Seed(new JsonObject
        {
            ["apiVersion"] = Work.ApiVersionValue, ["kind"] = Work.KindValue,
            ["metadata"] = new JsonObject { ["name"] = built.WorkName, ["namespace"] = built.WorkNamespace },
            ["spec"] = new JsonObject { ["workload"] = new JsonObject { ["manifests"] = new JsonArray(built.Manifest.DeepClone()) } },
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Applied", ["status"] = "True", ["reason"] = "AppliedSuccessful", ["message"] = "", ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
                }),
            },
        });
        if (!memberObject) return;
        var live = built.Manifest.DeepCloneObject();
        live["status"] = new JsonObject { ["observedGeneration"] = 1, ["replicas"] = 3, ["readyReplicas"] = 3, ["updatedReplicas"] = 3, ["availableReplicas"] = 3 };
        _member.Seed(live);
    }

    private async Task ReconcileAsync()
    {
        await InformerSync.CaughtUpAsync(_informers, _cp);
        await _controller.ReconcileAsync(new ObjectKey("karmada-es-m1", _workName), CancellationToken.None);
        await InformerSync.CaughtUpAsync(_informers, _cp);
    }

    [Fact]
    public async Task Reconcile_ReflectsMemberStatusAndHealthIntoWork_Once()
    {
        Seed(memberObject: true);
        await ReconcileAsync();
        var ms = _cp.Peek(KarmadaResources.Works, "karmada-es-m1", _workName)!["status"]!["manifestStatuses"]![0]!;
        Assert.Equal("Deployment", ms["identifier"]!["kind"]!.GetValue<string>());
        Assert.Equal("deployments", ms["identifier"]!["resource"]!.GetValue<string>());
        Assert.Equal(3, JsonValues.Int(ms["status"]!["readyReplicas"]));
        Assert.Equal(ResourceHealthValues.Healthy, ms["health"]!.GetValue<string>());
        _cp.ClearActions();
        await ReconcileAsync();
        Assert.Empty(_cp.WriteActions);
    }

    [Fact]
    public async Task Reconcile_MemberObjectDeletedBehindOurBack_AsksExecutionToRecreate()
    {
        Seed(memberObject: false);
        await ReconcileAsync();
        Assert.Contains(new ObjectKey("karmada-es-m1", _workName), _resyncs);
    }

    [Fact]
    public async Task Reconcile_MemberObjectNotSeenYet_KeepsWhatTheWorkReports()
    {
        // the execution controller applied the manifest and reported it; the member's watch has not shown it yet
        Seed(memberObject: true);
        await ReconcileAsync();
        var reported = _cp.Peek(KarmadaResources.Works, "karmada-es-m1", _workName)!["status"]!["manifestStatuses"]!.ToJsonString();
        var (_, informer) = await _memberInformers.GetAsync("m1", new GroupVersionResource("apps", "v1", "deployments"), CancellationToken.None);
        await _member.DeleteAsync(new GroupVersionResource("apps", "v1", "deployments"), "default", "nginx", null, CancellationToken.None);
        await Eventually.UntilAsync(() => informer.Cache.Get("default", "nginx") is null, TimeSpan.FromSeconds(5), "the member cache loses the object");

        _cp.ClearActions();
        await ReconcileAsync();
        Assert.Empty(_cp.WriteActions); // the status is not dropped (and written back moments later)
        Assert.Equal(reported, _cp.Peek(KarmadaResources.Works, "karmada-es-m1", _workName)!["status"]!["manifestStatuses"]!.ToJsonString());
        Assert.Contains(new ObjectKey("karmada-es-m1", _workName), _resyncs); // the execution controller checks the member
    }
}
