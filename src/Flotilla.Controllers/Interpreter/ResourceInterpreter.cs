using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// The resource interpreter: registered customizations first (in registration order; later Lua / webhook
/// interpreters plug in here), then Karmada's native interpreter for built-in kinds, then defaults (no replicas,
/// whole-status reflection, Healthy, no aggregation, no dependencies). Retain always applies the generic
/// member-owned metadata retention before any kind hook; Prune is native only.
/// </summary>
public sealed class ResourceInterpreter : IResourceInterpreter
{
    private readonly IReadOnlyList<IResourceInterpreterCustomization> _customizations;
    private readonly NativeStatusAggregation _aggregation;

    public ResourceInterpreter(TimeProvider? timeProvider = null, IEnumerable<IResourceInterpreterCustomization>? customizations = null)
    {
        _customizations = customizations?.ToList() ?? [];
        _aggregation = new NativeStatusAggregation(timeProvider ?? TimeProvider.System);
    }

    public bool HookEnabled(GroupVersionKind gvk, InterpreterOperation operation) =>
        Customization(gvk, operation) is not null || NativeEnabled(gvk, operation);

    private bool NativeEnabled(GroupVersionKind gvk, InterpreterOperation operation) => operation switch
    {
        InterpreterOperation.InterpretReplica => NativeReplicas.Interpreters.ContainsKey(gvk),
        InterpreterOperation.ReviseReplica => NativeReplicas.Revisers.ContainsKey(gvk),
        InterpreterOperation.Retain => NativeRetention.Hooks.ContainsKey(gvk),
        InterpreterOperation.AggregateStatus => _aggregation.Supports(gvk),
        InterpreterOperation.InterpretStatus => true,
        InterpreterOperation.InterpretHealth => NativeHealth.Interpreters.ContainsKey(gvk),
        InterpreterOperation.InterpretDependency => NativeDependencies.Interpreters.ContainsKey(gvk),
        InterpreterOperation.Prune => true,
        _ => false,
    };

    private IResourceInterpreterCustomization? Customization(GroupVersionKind gvk, InterpreterOperation operation)
    {
        foreach (var c in _customizations)
            if (c.Enabled(gvk, operation)) return c;
        return null;
    }

    public ReplicaResult GetReplicas(JsonObject template)
    {
        var gvk = template.Gvk();
        if (Customization(gvk, InterpreterOperation.InterpretReplica) is { } c) return c.GetReplicas(template);
        return NativeReplicas.Interpreters.TryGetValue(gvk, out var f) ? f(template) : ReplicaResult.None;
    }

    public JsonObject ReviseReplica(JsonObject template, long replicas, long? completions = null)
    {
        var gvk = template.Gvk();
        if (Customization(gvk, InterpreterOperation.ReviseReplica) is { } c) return c.ReviseReplica(template.DeepCloneObject(), replicas);
        return NativeReplicas.Revisers.TryGetValue(gvk, out var f) ? f(template, replicas, completions) : template.DeepCloneObject();
    }

    public JsonObject Retain(JsonObject desired, JsonObject observed)
    {
        var result = desired.DeepCloneObject();
        NativeRetention.RetainClusterFields(result, observed);
        var gvk = desired.Gvk();
        if (Customization(gvk, InterpreterOperation.Retain) is { } c) return c.Retain(result, observed);
        if (NativeRetention.Hooks.TryGetValue(gvk, out var hook)) hook(result, observed);
        return result;
    }

    public JsonObject Prune(JsonObject manifest) => NativePruner.Prune(manifest);

    public JsonNode? ReflectStatus(JsonObject observed)
    {
        var gvk = observed.Gvk();
        if (Customization(gvk, InterpreterOperation.InterpretStatus) is { } c) return c.ReflectStatus(observed);
        return NativeStatusReflection.Reflectors.TryGetValue(gvk, out var f) ? f(observed) : NativeStatusReflection.WholeStatus(observed);
    }

    public InterpretedHealth InterpretHealth(JsonObject observed)
    {
        var gvk = observed.Gvk();
        try
        {
            if (Customization(gvk, InterpreterOperation.InterpretHealth) is { } c) return c.InterpretHealth(observed);
            if (!NativeHealth.Interpreters.TryGetValue(gvk, out var f)) return InterpretedHealth.Healthy;
            return f(observed) ? InterpretedHealth.Healthy : InterpretedHealth.Unhealthy;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NotSupportedException)
        {
            return InterpretedHealth.Unknown;
        }
    }

    public JsonObject? AggregateStatus(JsonObject template, IReadOnlyList<ClusterStatusItem> items)
    {
        var gvk = template.Gvk();
        if (Customization(gvk, InterpreterOperation.AggregateStatus) is { } c) return c.AggregateStatus(template, items);
        return _aggregation.Aggregate(template, items);
    }

    public IReadOnlyList<DependentObjectReference> GetDependencies(JsonObject template)
    {
        var gvk = template.Gvk();
        if (Customization(gvk, InterpreterOperation.InterpretDependency) is { } c) return c.GetDependencies(template);
        return NativeDependencies.Interpreters.TryGetValue(gvk, out var f) ? f(template) : [];
    }
}
