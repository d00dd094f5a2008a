using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// Replicas and per-replica requirements of a template (GetReplicas). <see cref="Requirements"/> is the JSON of
/// binding.spec.replicaRequirements: {nodeClaim{hardNodeAffinity, nodeSelector, tolerations}, resourceRequest,
/// namespace, priorityClassName}, or null when the pod template asks for nothing.
/// </summary>
public sealed record ReplicaResult(int Replicas, JsonObject? Requirements)
{
    public static readonly ReplicaResult None = new(0, null);

    /// <summary>Karmada treats a template as a workload when it has replicas or requirements.</summary>
    public bool IsWorkload => Replicas > 0 || Requirements is not null;
}
