using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// prune.RemoveIrrelevantFields (+ RemoveJobTTLSeconds): drops server-populated metadata and status, and
/// member-specific fields per kind (Deployment revision annotations, Job generated selector labels and TTL,
/// ServiceAccount auto-generated token secrets, Service clusterIP(s) unless headless, SA-token Secret data and uid
/// annotation, PVC selected-node annotation). kubectl's last-applied annotation is kept, as in Karmada.
/// </summary>
internal static class NativePruner
{
    public const string ServiceAccountTokenType = "kubernetes.io/service-account-token";
    public const string ServiceAccountUidAnnotation = "kubernetes.io/service-account.uid";
    private const string DeploymentRevision = "deployment.kubernetes.io/revision";
    private const string DeploymentRevisionHistory = "deployment.kubernetes.io/revision-history";
    private const string SelectedNode = "volume.kubernetes.io/selected-node";

    private static readonly string[] ServerMetadata =
    [
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "managedFields",
        "resourceVersion", "selfLink", "uid", "ownerReferences", "finalizers",
    ];

    /// <summary>Keyed by kind only, like Karmada's kindIrrelevantFieldPruners.</summary>
    private static readonly IReadOnlyDictionary<string, Action<JsonObject>> KindPruners = new Dictionary<string, Action<JsonObject>>(StringComparer.Ordinal)
    {
        ["Deployment"] = o => RemoveAnnotations(o, DeploymentRevision, DeploymentRevisionHistory),
        ["Job"] = PruneJob,
        ["Secret"] = PruneSecret,
        ["ServiceAccount"] = PruneServiceAccount,
        ["Service"] = PruneService,
        ["PersistentVolumeClaim"] = o => RemoveAnnotations(o, SelectedNode),
    };

    public static JsonObject Prune(JsonObject manifest)
    {
        var o = manifest.DeepCloneObject();
        if (o["metadata"] is JsonObject meta)
            foreach (var field in ServerMetadata) meta.Remove(field);
        o.Remove("status");
        if (o.Kind() is { } kind && KindPruners.TryGetValue(kind, out var pruner)) pruner(o);
        if (o.Kind() == "Job") (o["spec"] as JsonObject)?.Remove("ttlSecondsAfterFinished");
        return o;
    }

    private static void RemoveAnnotations(JsonObject o, params string[] keys)
    {
        if (JsonPath.Obj(o, "metadata", "annotations") is not { } annotations) return;
        foreach (var k in keys) annotations.Remove(k);
    }

    private static void PruneJob(JsonObject job)
    {
        if (JsonPath.Bool(job, "spec", "manualSelector") == true) return;
        if (JsonPath.Obj(job, "spec", "selector", "matchLabels") is { } matchLabels)
        {
            matchLabels.Remove("controller-uid");
            matchLabels.Remove("batch.kubernetes.io/controller-uid");
        }
        if (JsonPath.Obj(job, "spec", "template", "metadata", "labels") is { } labels)
        {
            labels.Remove("controller-uid");
            labels.Remove("job-name");
            labels.Remove("batch.kubernetes.io/controller-uid");
            labels.Remove("batch.kubernetes.io/job-name");
        }
    }

    private static void PruneSecret(JsonObject secret)
    {
        if (JsonPath.Str(secret, "type") != ServiceAccountTokenType) return;
        RemoveAnnotations(secret, ServiceAccountUidAnnotation);
        secret.Remove("data");
    }

    private static void PruneServiceAccount(JsonObject sa)
    {
        if (sa["secrets"] is not JsonArray secrets) return;
        var prefix = (sa.Name() ?? "") + "-token-";
        for (var i = secrets.Count - 1; i >= 0; i--)
            if ((secrets[i] as JsonObject).GetString("name") is { } n && n.StartsWith(prefix, StringComparison.Ordinal)) secrets.RemoveAt(i);
    }

    private static void PruneService(JsonObject svc)
    {
        if (svc["spec"] is not JsonObject spec || JsonPath.Str(spec, "clusterIP") is not { } ip || ip == "None") return;
        spec.Remove("clusterIP");
        spec.Remove("clusterIPs");
    }
}
