using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core.Karmada;
using Flotilla.Scheduler.Core;

namespace Flotilla.Controllers.Scheduling;

/// <summary>Karmada's scheduler event reasons and messages (recordScheduleResultEventFor(Cluster)ResourceBinding):
/// every event is recorded on the binding and on the resource template it schedules.</summary>
public static class SchedulerEvents
{
    public const string ReasonScheduleBindingSucceed = "ScheduleBindingSucceed";
    public const string ReasonScheduleBindingFailed = "ScheduleBindingFailed";

    /// <summary>
    /// "Binding has been scheduled successfully. Result: {member1:2, member2:1}" — Karmada's success message with the
    /// result in targetClustersToString's format. For a ClusterResourceBinding Karmada writes "Result {" without the
    /// colon; that is kept, so messages match Karmada's word for word.
    /// </summary>
    public static string Succeeded(IEnumerable<TargetCluster>? clusters, bool clusterScoped) =>
        ScheduleResult.SuccessfulSchedulingMessage + (clusterScoped ? " Result {" : " Result: {")
        + string.Join(", ", (clusters ?? []).Select(c => c.Name + ":" + c.Replicas.ToString(CultureInfo.InvariantCulture))) + "}";

    /// <summary>The involved object for the template's event: spec.resource of the binding (null when absent).</summary>
    public static JsonObject? TemplateReference(JsonObject binding)
    {
        if (binding["spec"]?["resource"] is not JsonObject r || r["kind"] is null || r["name"] is null) return null;
        var metadata = new JsonObject { ["name"] = r["name"]!.DeepClone() };
        if (r["namespace"] is { } ns) metadata["namespace"] = ns.DeepClone();
        if (r["uid"] is { } uid) metadata["uid"] = uid.DeepClone();
        return new JsonObject { ["apiVersion"] = r["apiVersion"]?.DeepClone(), ["kind"] = r["kind"]!.DeepClone(), ["metadata"] = metadata };
    }
}
