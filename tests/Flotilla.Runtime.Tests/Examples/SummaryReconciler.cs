using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Runtime.Events;
using Flotilla.Runtime.Informers;
using Flotilla.Runtime.Objects;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Runtime.Tests.Examples;

/// <summary>
/// A small controller written the way STYLE.md §6.3 asks, to prove the helpers compose: for every Deployment it
/// keeps a ConfigMap "&lt;name&gt;-summary" holding the replica count, and a "Summarized" condition in the Deployment's
/// status. Reads come from the informer cache; writes go to the API.
/// </summary>
internal sealed class SummaryReconciler(IKubeClient client, Informer deployments, EventRecorder events, TimeProvider time) : IReconciler<ObjectKey>
{
    public const string Finalizer = "example.flotilla.io/summary";
    private static readonly GroupVersionResource Deploy = FakeResources.Deployments.Gvr;
    private static readonly GroupVersionResource Cm = FakeResources.ConfigMaps.Gvr;

    public async ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var obj = deployments.Cache.Get(key);
        if (obj is null) return ReconcileResult.Done;
        var summaryName = key.Name + "-summary";

        if (obj.IsDeleting())
        {
            await client.DeleteAsync(Cm, key.Namespace, summaryName, null, ct);
            await ObjectWriter.RemoveFinalizerAsync(client, Deploy, obj, Finalizer, ct);
            return ReconcileResult.Done;
        }

        obj = (await ObjectWriter.EnsureFinalizerAsync(client, Deploy, obj, Finalizer, ct)).Object;

        var replicas = obj.At("spec.replicas")?.ToJsonString() ?? "0";
        var desired = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = summaryName, ["namespace"] = key.Namespace },
            ["data"] = new JsonObject { ["replicas"] = replicas },
        };
        var applied = await ObjectWriter.CreateOrUpdateAsync(client, Cm, desired, null, ct);
        if (applied.Result == OperationResult.Created)
            await events.NormalAsync(obj, "SummaryCreated", string.Create(CultureInfo.InvariantCulture, $"created {summaryName}"), ct);

        await ObjectWriter.UpdateStatusIfChangedAsync(client, Deploy, obj, status =>
            Conditions.SetInStatus(status, new Condition("Summarized", ConditionStatus.True, "SummaryApplied", "", obj.Generation()), time.GetUtcNow()), ct);
        return ReconcileResult.Done;
    }
}
