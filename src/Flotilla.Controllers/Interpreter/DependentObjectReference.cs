using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// An object a template depends on (Karmada's DependentObjectReference): by name, or — when <see cref="Name"/> is
/// empty — by <see cref="LabelSelector"/> (e.g. the EndpointSlices of a derived Service).
/// </summary>
public sealed record DependentObjectReference(string ApiVersion, string Kind, string Namespace, string Name, JsonObject? LabelSelector = null)
{
    /// <summary>JSON as in the resourcebinding.karmada.io/dependencies annotation.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = Kind, ["namespace"] = Namespace };
        if (Name.Length > 0) o["name"] = Name;
        if (LabelSelector is not null) o["labelSelector"] = LabelSelector.DeepClone();
        return o;
    }
}
