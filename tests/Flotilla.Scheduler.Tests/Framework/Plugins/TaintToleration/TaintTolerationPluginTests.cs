using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Framework;
using Flotilla.Scheduler.Framework.Plugins.TaintToleration;
using static Flotilla.Scheduler.Tests.TestData;

namespace Flotilla.Scheduler.Tests.Framework.Plugins.TaintToleration;

public class TaintTolerationPluginTests
{
    private static Taint T(string key, string effect, string? value = null) => new() { Key = key, Effect = effect, Value = value };

    public static TheoryData<string, List<Taint>?, List<Toleration>?, List<TargetCluster>?, string?> Cases => new()
    {
        { "no taints", null, null, null, null },
        { "NoSchedule untolerated", [T(WellKnownTaints.NotReady, TaintEffects.NoSchedule)], null, null, "cluster(s) had untolerated taint {cluster.karmada.io/not-ready:NoSchedule}" },
        { "NoExecute untolerated", [T("k", TaintEffects.NoExecute, "v")], null, null, "cluster(s) had untolerated taint {k=v:NoExecute}" },
        { "PreferNoSchedule ignored", [T("k", TaintEffects.PreferNoSchedule)], null, null, null },
        { "tolerated by Exists", [T(WellKnownTaints.NotReady, TaintEffects.NoSchedule)], [new Toleration { Key = WellKnownTaints.NotReady, Operator = "Exists" }], null, null },
        { "tolerated by Equal", [T("k", TaintEffects.NoSchedule, "v")], [new Toleration { Key = "k", Operator = "Equal", Value = "v", Effect = TaintEffects.NoSchedule }], null, null },
        { "Equal with other value", [T("k", TaintEffects.NoSchedule, "v")], [new Toleration { Key = "k", Value = "w" }], null, "cluster(s) had untolerated taint {k=v:NoSchedule}" },
        { "toleration of other effect", [T("k", TaintEffects.NoExecute)], [new Toleration { Key = "k", Operator = "Exists", Effect = TaintEffects.NoSchedule }], null, "cluster(s) had untolerated taint {k:NoExecute}" },
        { "empty key Exists tolerates all", [T("a", TaintEffects.NoSchedule), T("b", TaintEffects.NoExecute)], [new Toleration { Operator = "Exists" }], null, null },
        { "second taint untolerated", [T("a", TaintEffects.NoSchedule), T("b", TaintEffects.NoSchedule)], [new Toleration { Key = "a", Operator = "Exists" }], null, "cluster(s) had untolerated taint {b:NoSchedule}" },
        { "scheduled cluster passes NoSchedule", [T(WellKnownTaints.NotReady, TaintEffects.NoSchedule)], null, Targets(("m1", 2)), null },
        { "scheduled cluster passes NoExecute (taint manager evicts)", [T("k", TaintEffects.NoExecute)], null, Targets(("m1", 2)), null },
        { "other cluster scheduled", [T("k", TaintEffects.NoSchedule)], null, Targets(("m2", 2)), "cluster(s) had untolerated taint {k:NoSchedule}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter(string name, List<Taint>? taints, List<Toleration>? tolerations, List<TargetCluster>? scheduled, string? reason)
    {
        var spec = Spec(new Placement { ClusterTolerations = tolerations }, clusters: scheduled);
        var r = new TaintTolerationPlugin().Filter(Ctx(spec), new ClusterInfo(Cluster("m1", taints: taints)));
        if (reason is null) Assert.True(r.IsSuccess, name);
        else Assert.Equal([reason], r.ReasonList);
    }
}
