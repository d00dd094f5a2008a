using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Schema;

/// <summary>The defaults Kubernetes' registry applies to built-in kinds (pkg/apis/*/v1/defaults.go and the registry
/// strategies' PrepareForCreate), limited to those clients observe in kubectl get -o yaml / diff.</summary>
internal static class BuiltinDefaults
{
    public static void Apply(GroupVersionKind gvk, JsonObject obj, AdmissionOperation op)
    {
        var spec = obj.Obj("spec");
        switch (gvk.Group, gvk.Kind)
        {
            case ("", "Pod"):
                if (spec is not null)
                {
                    PodSpec(spec);
                    spec.Default("enableServiceLinks", true);
                    spec.Default("preemptionPolicy", "PreemptLowerPriority");
                    if (string.IsNullOrEmpty(spec.Str("priorityClassName"))) spec.Default("priority", 0L);
                }
                break;
            case ("", "PodTemplate"):
                Template(obj.Obj("template"));
                break;
            case ("", "ReplicationController"):
                if (spec is not null) { spec.Default("replicas", 1); Template(spec.Obj("template")); }
                break;
            case ("apps", "Deployment"):
                if (spec is null) break;
                spec.Default("replicas", 1);
                spec.Default("revisionHistoryLimit", 10);
                spec.Default("progressDeadlineSeconds", 600);
                var strategy = spec.EnsureObj("strategy");
                strategy.Default("type", "RollingUpdate");
                if (strategy.Str("type") == "RollingUpdate")
                {
                    var ru = strategy.EnsureObj("rollingUpdate");
                    ru.Default("maxUnavailable", "25%");
                    ru.Default("maxSurge", "25%");
                }
                Template(spec.Obj("template"));
                break;
            case ("apps", "ReplicaSet"):
                if (spec is null) break;
                spec.Default("replicas", 1);
                Template(spec.Obj("template"));
                break;
            case ("apps", "StatefulSet"):
                if (spec is null) break;
                spec.Default("replicas", 1);
                spec.Default("podManagementPolicy", "OrderedReady");
                spec.Default("revisionHistoryLimit", 10);
                var us = spec.EnsureObj("updateStrategy");
                us.Default("type", "RollingUpdate");
                if (us.Str("type") == "RollingUpdate") us.EnsureObj("rollingUpdate").Default("partition", 0);
                var retention = spec.EnsureObj("persistentVolumeClaimRetentionPolicy");
                retention.Default("whenDeleted", "Retain");
                retention.Default("whenScaled", "Retain");
                Template(spec.Obj("template"));
                break;
            case ("apps", "DaemonSet"):
                if (spec is null) break;
                spec.Default("revisionHistoryLimit", 10);
                var dus = spec.EnsureObj("updateStrategy");
                dus.Default("type", "RollingUpdate");
                if (dus.Str("type") == "RollingUpdate")
                {
                    var ru = dus.EnsureObj("rollingUpdate");
                    ru.Default("maxUnavailable", 1);
                    ru.Default("maxSurge", 0);
                }
                Template(spec.Obj("template"));
                break;
            case ("batch", "Job"):
                if (spec is null) break;
                JobSpec(spec);
                if (op == AdmissionOperation.Create) GenerateJobSelector(obj, spec);
                break;
            case ("batch", "CronJob"):
                if (spec is null) break;
                spec.Default("concurrencyPolicy", "Allow");
                spec.Default("suspend", false);
                spec.Default("successfulJobsHistoryLimit", 3);
                spec.Default("failedJobsHistoryLimit", 1);
                Template(spec.Obj("jobTemplate").Obj("spec").Obj("template"));
                break;
            case ("", "Service"):
                if (spec is not null) ServiceSpec(spec);
                break;
            case ("", "Namespace"):
                obj.SetLabel("kubernetes.io/metadata.name", obj.Name() ?? "");
                if (op == AdmissionOperation.Create)
                {
                    var nsSpec = obj.EnsureObj("spec");
                    nsSpec.Default("finalizers", new JsonArray(WellKnownFinalizersKubernetes));
                    obj.EnsureObj("status").Default("phase", "Active");
                }
                break;
            case ("", "Secret"):
                obj.Default("type", "Opaque");
                if (obj.Obj("stringData") is { } stringData)
                {
                    var data = obj.EnsureObj("data");
                    foreach (var (k, v) in stringData)
                        data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(v is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : ""));
                    obj.Remove("stringData");
                }
                break;
            case ("", "ServiceAccount"):
                break;
            case ("", "PersistentVolumeClaim"):
                // SetDefaults_PersistentVolumeClaim(Spec): no binder runs on a control plane, so a claim stays Pending.
                spec?.Default("volumeMode", "Filesystem");
                obj.EnsureObj("status").Default("phase", "Pending");
                break;
            case ("", "PersistentVolume"):
                if (spec is not null)
                {
                    spec.Default("persistentVolumeReclaimPolicy", "Retain");
                    spec.Default("volumeMode", "Filesystem");
                }
                obj.EnsureObj("status").Default("phase", "Pending");
                break;
            case ("autoscaling", "HorizontalPodAutoscaler"):
                if (spec is null) break;
                spec.Default("minReplicas", 1);
                if (gvk.Version == "v2" && spec.Arr("metrics") is not { Count: > 0 })
                    spec["metrics"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Resource",
                        ["resource"] = new JsonObject { ["name"] = "cpu", ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = 80L } },
                    });
                break;
            case ("rbac.authorization.k8s.io", "RoleBinding" or "ClusterRoleBinding"):
                foreach (var (_, s) in obj.Arr("subjects").Items())
                {
                    var kind = s.Str("kind");
                    if (kind == "ServiceAccount") s.Default("apiGroup", "");
                    else if (kind is "User" or "Group") s.Default("apiGroup", "rbac.authorization.k8s.io");
                }
                break;
            case ("apiextensions.k8s.io", "CustomResourceDefinition"):
                if (spec is null) break;
                if (spec.Obj("names") is { } names && names.Str("kind") is { } kindName)
                {
                    names.Default("singular", kindName.ToLowerInvariant());
                    names.Default("listKind", kindName + "List");
                }
                spec.EnsureObj("conversion").Default("strategy", "None");
                break;
            default:
                break;
        }
    }

    private const string WellKnownFinalizersKubernetes = Flotilla.Core.Karmada.WellKnownFinalizers.Kubernetes;

    private static void Template(JsonObject? template)
    {
        if (template?.Obj("spec") is { } ps) PodSpec(ps);
    }

    internal static void PodSpec(JsonObject spec)
    {
        spec.Default("restartPolicy", "Always");
        spec.Default("dnsPolicy", "ClusterFirst");
        spec.Default("schedulerName", "default-scheduler");
        spec.Default("terminationGracePeriodSeconds", 30);
        spec.Default("securityContext", new JsonObject());
        foreach (var (_, c) in spec.Arr("containers").Items()) Container(c);
        foreach (var (_, c) in spec.Arr("initContainers").Items()) Container(c);
        foreach (var (_, v) in spec.Arr("volumes").Items())
        {
            if (v.Obj("configMap") is { } cm) cm.Default("defaultMode", 420);
            if (v.Obj("secret") is { } sec) sec.Default("defaultMode", 420);
            if (v.Obj("downwardAPI") is { } dapi) dapi.Default("defaultMode", 420);
            if (v.Obj("projected") is { } proj) proj.Default("defaultMode", 420);
            if (v.Obj("hostPath") is { } hp) hp.Default("type", "");
            if (v.Count == 1 && v.ContainsKey("name")) v["emptyDir"] = new JsonObject();
        }
    }

    private static void Container(JsonObject c)
    {
        c.Default("terminationMessagePath", "/dev/termination-log");
        c.Default("terminationMessagePolicy", "File");
        c.Default("resources", new JsonObject());
        if (c.Str("image") is { } image) c.Default("imagePullPolicy", DefaultPullPolicy(image));
        foreach (var (_, p) in c.Arr("ports").Items()) p.Default("protocol", "TCP");
        foreach (var (_, e) in c.Arr("env").Items())
            if (e.Obj("valueFrom").Obj("fieldRef") is { } fr) fr.Default("apiVersion", "v1");
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (c.Obj(probe) is not { } p) continue;
            p.Default("timeoutSeconds", 1);
            p.Default("periodSeconds", 10);
            p.Default("successThreshold", 1);
            p.Default("failureThreshold", 3);
            if (p.Obj("httpGet") is { } hg) { hg.Default("path", "/"); hg.Default("scheme", "HTTP"); }
        }
        foreach (var hook in new[] { "postStart", "preStop" })
            if (c.Obj("lifecycle").Obj(hook).Obj("httpGet") is { } hg) { hg.Default("path", "/"); hg.Default("scheme", "HTTP"); }
    }

    /// <summary>Always for ":latest" or no tag, IfNotPresent otherwise (digests count as a tag).</summary>
    public static string DefaultPullPolicy(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal)) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var lastPart = lastSlash < 0 ? image : image[(lastSlash + 1)..];
        var colon = lastPart.LastIndexOf(':');
        if (colon < 0) return "Always";
        return lastPart[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    private static void JobSpec(JsonObject spec)
    {
        if (!spec.ContainsKey("completions") && !spec.ContainsKey("parallelism"))
        {
            spec["completions"] = 1L;
            spec["parallelism"] = 1L;
        }
        spec.Default("parallelism", 1);
        spec.Default("backoffLimit", spec.ContainsKey("backoffLimitPerIndex") ? (long)int.MaxValue : 6L);
        spec.Default("completionMode", "NonIndexed");
        spec.Default("suspend", false);
        if (!spec.ContainsKey("podFailurePolicy")) spec.Default("podReplacementPolicy", "TerminatingOrFailed");
        Template(spec.Obj("template"));
    }

    /// <summary>The Job strategy's generated selector: labels derived from the Job's uid on the template and selector
    /// (only when the uid is already assigned and manualSelector is not true).</summary>
    private static void GenerateJobSelector(JsonObject job, JsonObject spec)
    {
        if (spec.Bool("manualSelector") == true) return;
        var uid = job.Uid();
        var name = job.Name();
        if (uid is null || name is null) return;
        var template = spec.EnsureObj("template");
        var meta = template.EnsureObj("metadata");
        var labels = meta.EnsureObj("labels");
        labels.Default("batch.kubernetes.io/controller-uid", uid);
        labels.Default("batch.kubernetes.io/job-name", name);
        labels.Default("controller-uid", uid);
        labels.Default("job-name", name);
        if (!spec.ContainsKey("selector"))
            spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
    }

    private static void ServiceSpec(JsonObject spec)
    {
        spec.Default("type", "ClusterIP");
        var type = spec.Str("type");
        if (type != "ExternalName")
        {
            spec.Default("sessionAffinity", "None");
            spec.Default("internalTrafficPolicy", "Cluster");
        }
        if (type is "NodePort" or "LoadBalancer") spec.Default("externalTrafficPolicy", "Cluster");
        if (type == "LoadBalancer") spec.Default("allocateLoadBalancerNodePorts", true);
        if (spec.Str("sessionAffinity") == "ClientIP")
            spec.EnsureObj("sessionAffinityConfig").EnsureObj("clientIP").Default("timeoutSeconds", 10800);
        foreach (var (_, p) in spec.Arr("ports").Items())
        {
            p.Default("protocol", "TCP");
            if (!p.ContainsKey("targetPort") && p["port"] is JsonNode port) p["targetPort"] = port.DeepClone();
        }
    }
}
