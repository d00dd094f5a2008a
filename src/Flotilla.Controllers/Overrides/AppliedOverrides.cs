using System.Text.Json.Nodes;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Overrides;

/// <summary>
/// The overriders applied from one set of policies (ClusterOverridePolicies or OverridePolicies), serialised like
/// Karmada's AppliedOverrides for the policy.karmada.io/applied(-cluster)-overrides annotations:
/// <c>[{"policyName":"p","overriders":{...}}]</c> sorted by policy name.
/// </summary>
public sealed class AppliedOverrides
{
    private readonly List<AppliedOverrideItem> _items = [];

    public IReadOnlyList<AppliedOverrideItem> Items => _items;

    public void Add(string policyName, Overriders overriders) => _items.Add(new AppliedOverrideItem(policyName, overriders));

    /// <summary>The annotation value, or null when nothing was applied (Karmada then sets no annotation).</summary>
    public string? ToAnnotationValue()
    {
        if (_items.Count == 0) return null;
        var arr = new JsonArray();
        foreach (var item in _items.OrderBy(i => i.PolicyName, StringComparer.Ordinal))
            arr.Add(new JsonObject { ["policyName"] = item.PolicyName, ["overriders"] = OverridersJson.ToJson(item.Overriders) });
        return arr.ToJsonString();
    }
}

/// <summary>Serialises <see cref="Overriders"/> with Go's field order and omitempty rules.</summary>
internal static class OverridersJson
{
    public static JsonObject ToJson(Overriders o)
    {
        var j = new JsonObject();
        if (o.Plaintext is { Count: > 0 } pt)
            j["plaintext"] = Array(pt, p => new JsonObject { ["path"] = p.Path, ["operator"] = p.Operator, ["value"] = p.Value?.DeepClone() });
        if (o.ImageOverrider is { Count: > 0 } io)
            j["imageOverrider"] = Array(io, i =>
            {
                var x = new JsonObject();
                if (i.Predicate is not null) x["predicate"] = new JsonObject { ["path"] = i.Predicate.Path };
                x["component"] = i.Component;
                x["operator"] = i.Operator;
                if (!string.IsNullOrEmpty(i.Value)) x["value"] = i.Value;
                return x;
            });
        if (o.CommandOverrider is { Count: > 0 } co) j["commandOverrider"] = Array(co, CommandArgs);
        if (o.ArgsOverrider is { Count: > 0 } ao) j["argsOverrider"] = Array(ao, CommandArgs);
        if (o.LabelsOverrider is { Count: > 0 } lo) j["labelsOverrider"] = Array(lo, LabelAnnotation);
        if (o.AnnotationsOverrider is { Count: > 0 } an) j["annotationsOverrider"] = Array(an, LabelAnnotation);
        if (o.FieldOverrider is { Count: > 0 } fo)
            j["fieldOverrider"] = Array(fo, f =>
            {
                var x = new JsonObject { ["fieldPath"] = f.FieldPath };
                if (f.Json is { Count: > 0 }) x["json"] = Array(f.Json, FieldOp);
                if (f.Yaml is { Count: > 0 }) x["yaml"] = Array(f.Yaml, FieldOp);
                return x;
            });
        return j;
    }

    private static JsonObject CommandArgs(CommandArgsOverrider c)
    {
        var x = new JsonObject { ["containerName"] = c.ContainerName, ["operator"] = c.Operator };
        if (c.Value is { Count: > 0 }) x["value"] = new JsonArray(c.Value.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        return x;
    }

    private static JsonObject LabelAnnotation(LabelAnnotationOverrider l)
    {
        var x = new JsonObject { ["operator"] = l.Operator };
        if (l.Value is { Count: > 0 })
        {
            var v = new JsonObject();
            foreach (var (k, val) in l.Value.OrderBy(kv => kv.Key, StringComparer.Ordinal)) v[k] = val;
            x["value"] = v;
        }
        return x;
    }

    private static JsonObject FieldOp(FieldPatchOperation f)
    {
        // apiextensionsv1.JSON is a struct: omitempty never drops it, an absent value marshals as null.
        return new JsonObject { ["subPath"] = f.SubPath, ["operator"] = f.Operator, ["value"] = f.Value?.DeepClone() };
    }

    private static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode> map) => new(items.Select(i => (JsonNode?)map(i)).ToArray());
}
