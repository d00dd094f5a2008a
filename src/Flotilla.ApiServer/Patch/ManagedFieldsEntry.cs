using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>One metav1.ManagedFieldsEntry: who (manager, operation, subresource) owns which fields (FieldsV1).</summary>
public sealed class ManagedFieldsEntry
{
    public const string OperationApply = "Apply";
    public const string OperationUpdate = "Update";

    public ManagedFieldsEntry(string manager, string operation, string? apiVersion, string? time, string? subresource, FieldSet fields)
    {
        Manager = manager;
        Operation = operation;
        ApiVersion = apiVersion;
        Time = time;
        Subresource = string.IsNullOrEmpty(subresource) ? null : subresource;
        Fields = fields;
    }

    public string Manager { get; }
    public string Operation { get; }
    public string? ApiVersion { get; set; }
    public string? Time { get; set; }
    public string? Subresource { get; }
    public FieldSet Fields { get; set; }

    /// <summary>
    /// True when this entry stands for the same field manager: same manager, operation and subresource, and for
    /// Update the same apiVersion (appliers are one manager whatever version they apply with, as in Kubernetes).
    /// </summary>
    public bool SameManager(string manager, string operation, string? apiVersion, string? subresource) =>
        Manager == manager && Operation == operation && Subresource == (string.IsNullOrEmpty(subresource) ? null : subresource)
        && (operation == OperationApply || ApiVersion == apiVersion);

    /// <summary>How Kubernetes names the manager in conflict messages: <c>"name"</c> or <c>"name" using apps/v1</c>.</summary>
    public string Describe()
    {
        var s = "\"" + Manager + "\"";
        if (Subresource is not null) s += " with subresource \"" + Subresource + "\"";
        if (Operation == OperationUpdate) s += " using " + ApiVersion;
        return s;
    }

    public static ManagedFieldsEntry Parse(JsonObject entry) => new(
        entry.GetString("manager") ?? "",
        entry.GetString("operation") ?? OperationUpdate,
        entry.GetString("apiVersion"),
        entry.GetString("time"),
        entry.GetString("subresource"),
        FieldSet.FromFieldsV1(entry["fieldsV1"] as JsonObject));

    public JsonObject ToJson()
    {
        var o = new JsonObject { ["manager"] = Manager, ["operation"] = Operation };
        if (ApiVersion is not null) o["apiVersion"] = ApiVersion;
        if (Time is not null) o["time"] = Time;
        o["fieldsType"] = "FieldsV1";
        o["fieldsV1"] = Fields.ToFieldsV1();
        if (Subresource is not null) o["subresource"] = Subresource;
        return o;
    }
}
