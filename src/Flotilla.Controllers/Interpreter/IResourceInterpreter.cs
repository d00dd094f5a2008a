using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// Karmada's resource interpreter: how the control plane understands a kind it propagates. All operations are pure;
/// none modifies its arguments (results are new objects).
/// </summary>
public interface IResourceInterpreter
{
    /// <summary>Whether some interpreter (customization or native) implements the operation for the kind.</summary>
    bool HookEnabled(GroupVersionKind gvk, InterpreterOperation operation);

    /// <summary>Replicas and replica requirements (binding.spec.replicas / replicaRequirements).</summary>
    ReplicaResult GetReplicas(JsonObject template);

    /// <summary>
    /// The template with its replicas set to <paramref name="replicas"/> (Deployment/ReplicaSet/StatefulSet
    /// spec.replicas, Job spec.parallelism; only when the field is present, like Karmada). For Jobs,
    /// <paramref name="completions"/> (the completions share of this cluster) is written to spec.completions when the
    /// template sets it.
    /// </summary>
    JsonObject ReviseReplica(JsonObject template, long replicas, long? completions = null);

    /// <summary>The desired object merged with member-owned fields of the observed member object (before update).</summary>
    JsonObject Retain(JsonObject desired, JsonObject observed);

    /// <summary>The manifest without server-populated / member-specific fields, as stored in a Work.</summary>
    JsonObject Prune(JsonObject manifest);

    /// <summary>The status to record in Work.status.manifestStatuses[].status (null when there is none).</summary>
    JsonNode? ReflectStatus(JsonObject observed);

    /// <summary>Health of the member object; kinds without a health interpreter are Healthy.</summary>
    InterpretedHealth InterpretHealth(JsonObject observed);

    /// <summary>
    /// The template's new .status aggregated from the members, or null when the kind has no aggregation or the status
    /// is already up to date (no write needed).
    /// </summary>
    JsonObject? AggregateStatus(JsonObject template, IReadOnlyList<ClusterStatusItem> items);

    /// <summary>Objects the template depends on (propagateDeps).</summary>
    IReadOnlyList<DependentObjectReference> GetDependencies(JsonObject template);
}
