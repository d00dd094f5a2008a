using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;
using Flotilla.Core;
using Flotilla.Core.Selectors;

namespace Flotilla.ApiServer.Store;

/// <summary>The fields each kind supports in fieldSelector (Kubernetes' per-kind GetAttrs / field label conversion).</summary>
public static class FieldSelectors
{
    private static readonly string[] PodFields =
        ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
         "status.phase", "status.podIP", "status.nominatedNodeName"];
    private static readonly string[] EventFields =
        ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
         "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
         "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion", "regarding.resourceVersion",
         "regarding.fieldPath", "reportingController"];

    public static IReadOnlyList<string> Supported(ServedResource r)
    {
        if (r.Group.Length == 0)
        {
            return r.Plural switch
            {
                "pods" => PodFields,
                "events" => EventFields,
                "secrets" => ["type"],
                "nodes" => ["spec.unschedulable"],
                "namespaces" => ["status.phase"],
                "replicationcontrollers" => ["status.replicas"],
                "services" => ["spec.clusterIP", "spec.type"],
                "persistentvolumeclaims" => ["spec.volumeName"],
                _ => [],
            };
        }
        return (r.Group, r.Plural) switch
        {
            ("batch", "jobs") => ["status.successful"],
            ("apps", "replicasets") => ["status.replicas"],
            ("events.k8s.io", "events") => EventFields,
            _ => [],
        };
    }

    /// <summary>Rejects fields the kind does not support (400 "field label not supported: x").</summary>
    public static void Validate(ServedResource r, FieldSelector selector)
    {
        if (selector.IsEmpty) return;
        var supported = Supported(r);
        foreach (var (field, _, _) in selector.Terms)
        {
            if (field is "metadata.name" or "metadata.namespace") continue;
            if (!supported.Contains(field)) throw ApiErrors.BadRequest($"field label not supported: {field}");
        }
    }

    /// <summary>True when only metadata.name / metadata.namespace are used (answerable from the key).</summary>
    public static bool OnlyMetadata(FieldSelector selector)
    {
        foreach (var (field, _, _) in selector.Terms) if (field is not ("metadata.name" or "metadata.namespace")) return false;
        return true;
    }

    public static string? Value(JsonObject obj, string field)
    {
        switch (field)
        {
            case "metadata.name": return obj.Name();
            case "metadata.namespace": return obj.Namespace() ?? "";
            case "source": return (obj["source"] as JsonObject).GetString("component") ?? "";
        }
        var node = obj.At(field);
        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue v => v.ToJsonString(),
            _ => node.ToJsonString(),
        };
    }
}
