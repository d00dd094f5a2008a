using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// A pluggable interpreter for some kinds (future ResourceInterpreterCustomization Lua scripts or webhooks). It is
/// consulted before the native interpreter for every operation it reports as enabled; each method is called only
/// when <see cref="Enabled"/> returned true for that kind and operation.
/// </summary>
public interface IResourceInterpreterCustomization
{
    bool Enabled(GroupVersionKind gvk, InterpreterOperation operation);

    ReplicaResult GetReplicas(JsonObject template) => throw new NotSupportedException();
    JsonObject ReviseReplica(JsonObject template, long replicas) => throw new NotSupportedException();
    JsonObject Retain(JsonObject desired, JsonObject observed) => throw new NotSupportedException();
    JsonNode? ReflectStatus(JsonObject observed) => throw new NotSupportedException();
    InterpretedHealth InterpretHealth(JsonObject observed) => throw new NotSupportedException();
    JsonObject? AggregateStatus(JsonObject template, IReadOnlyList<ClusterStatusItem> items) => throw new NotSupportedException();
    IReadOnlyList<DependentObjectReference> GetDependencies(JsonObject template) => throw new NotSupportedException();
}
