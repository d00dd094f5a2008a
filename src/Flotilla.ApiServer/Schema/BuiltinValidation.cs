using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Schema;

/// <summary>The validation Kubernetes' registry strategies apply to built-in kinds (pkg/apis/*/validation), limited
/// to the rules users commonly hit; messages and field paths follow Kubernetes.</summary>
internal static class BuiltinValidation
{
    public static void Validate(GroupVersionKind gvk, JsonObject obj, JsonObject? old, FieldErrors errs)
    {
        var spec = obj.Obj("spec");
        var oldSpec = old?.Obj("spec");
        switch (gvk.Group, gvk.Kind)
        {
            case ("", "Pod"):
                if (spec is not null) PodSpec(spec, "spec", errs, null);
                break;
            case ("", "PodTemplate"):
                PodTemplate(obj.Obj("template"), "template", errs, null, requireLabels: false);
                break;
            case ("apps", "Deployment"):
                Workload(spec, oldSpec, errs, "deployment", ["Always"]);
                if (spec is not null) DeploymentSpec(spec, errs);
                break;
            case ("apps", "ReplicaSet"):
                Workload(spec, oldSpec, errs, "replicaset", ["Always"]);
                break;
            case ("apps", "StatefulSet"):
                Workload(spec, oldSpec, errs, "statefulset", ["Always"]);
                if (spec is not null && oldSpec is not null) StatefulSetUpdate(spec, oldSpec, errs);
                break;
            case ("apps", "DaemonSet"):
                Workload(spec, oldSpec, errs, "daemonset", ["Always"]);
                break;
            case ("", "ReplicationController"):
                if (spec is not null) NonNegative(spec, "replicas", "spec", errs);
                break;
            case ("batch", "Job"):
                if (spec is not null) JobSpec(spec, "spec", errs, checkSelector: true);
                if (spec is not null && oldSpec is not null && !JsonAccess.JsonEquals(spec["selector"], oldSpec["selector"]))
                    errs.Invalid("spec.selector", spec["selector"], "field is immutable");
                break;
            case ("batch", "CronJob"):
                if (spec is not null) CronJobSpec(spec, errs);
                break;
            case ("", "Service"):
                if (spec is not null) ServiceSpec(spec, oldSpec, errs);
                break;
            case ("", "ConfigMap"):
                ConfigData(obj, old, errs, isSecret: false);
                break;
            case ("", "Secret"):
                ConfigData(obj, old, errs, isSecret: true);
                SecretType(obj, old, errs);
                break;
            case ("networking.k8s.io", "Ingress"):
                if (spec is not null) IngressSpec(spec, "spec", errs);
                break;
            case ("rbac.authorization.k8s.io", "Role" or "ClusterRole"):
                foreach (var (i, r) in obj.Arr("rules").Items()) PolicyRule(r, FieldErrors.Index("rules", i), errs, gvk.Kind == "ClusterRole");
                break;
            case ("rbac.authorization.k8s.io", "RoleBinding" or "ClusterRoleBinding"):
                RoleBinding(obj, old, errs, gvk.Kind == "ClusterRoleBinding");
                break;
            case ("autoscaling", "HorizontalPodAutoscaler"):
                if (spec is not null) HpaSpec(spec, "spec", errs);
                break;
            case ("policy", "PodDisruptionBudget"):
                if (spec is not null && spec.ContainsKey("minAvailable") && spec.ContainsKey("maxUnavailable"))
                    errs.Invalid("spec", spec, "minAvailable and maxUnavailable cannot be both set");
                break;
            case ("apiextensions.k8s.io", "CustomResourceDefinition"):
                Crd(obj, errs);
                break;
            case ("scheduling.k8s.io", "PriorityClass"):
                if (old is not null && !JsonAccess.JsonEquals(obj["value"], old["value"]))
                    errs.Forbidden("value", "may not be changed in an update.");
                break;
            default:
                break;
        }
    }

    /// <summary>metadata.name / generateName syntax per kind, labels, annotations.</summary>
    public static void Metadata(GroupVersionKind gvk, JsonObject obj, FieldErrors errs, Func<string, IReadOnlyList<string>> nameRule)
    {
        var meta = obj.Obj("metadata");
        var name = meta.Str("name");
        if (string.IsNullOrEmpty(name))
        {
            if (string.IsNullOrEmpty(meta.Str("generateName"))) errs.Required("metadata.name", "name or generateName is required");
        }
        else
        {
            foreach (var e in nameRule(name)) errs.Invalid("metadata.name", name, e);
        }
        if (meta.Str("namespace") is { Length: > 0 } ns)
            foreach (var e in NameValidation.IsDns1123Label(ns)) errs.Invalid("metadata.namespace", ns, e);
        NameValidation.ValidateLabels(meta.Obj("labels"), "metadata.labels", errs);
        NameValidation.ValidateAnnotations(meta.Obj("annotations"), "metadata.annotations", errs);
        _ = gvk;
    }

    /// <summary>The name rule Kubernetes applies to a built-in kind (DNS subdomain unless noted).</summary>
    public static Func<string, IReadOnlyList<string>> NameRule(GroupVersionKind gvk) => (gvk.Group, gvk.Kind) switch
    {
        ("", "Namespace") => NameValidation.IsDns1123Label,
        ("", "Service") => NameValidation.IsDns1035Label,
        ("rbac.authorization.k8s.io", _) => NameValidation.IsPathSegmentName,
        _ => NameValidation.IsDns1123Subdomain,
    };

    // ---------------- workloads ----------------

    private static void Workload(JsonObject? spec, JsonObject? oldSpec, FieldErrors errs, string kindWord, string[] restartPolicies)
    {
        if (spec is null) return;
        NonNegative(spec, "replicas", "spec", errs);
        NonNegative(spec, "minReadySeconds", "spec", errs);
        NonNegative(spec, "revisionHistoryLimit", "spec", errs);
        var selector = spec.Obj("selector");
        if (selector is not null)
        {
            if (IsEmptySelector(selector)) errs.Invalid("spec.selector", selector, "empty selector is invalid for " + kindWord);
            else LabelSelectorSyntax(selector, "spec.selector", errs);
        }
        var template = spec.Obj("template");
        if (template is not null)
        {
            var labels = template.Obj("metadata").Obj("labels");
            if (selector is not null && !IsEmptySelector(selector) && !SelectorMatches(selector, labels))
                errs.InvalidRaw("spec.template.metadata.labels", GoStringMap(labels), "`selector` does not match template `labels`");
            PodTemplate(template, "spec.template", errs, restartPolicies, requireLabels: false);
        }
        if (oldSpec is not null && selector is not null && oldSpec["selector"] is JsonNode oldSel && !JsonAccess.JsonEquals(selector, oldSel))
            errs.Invalid("spec.selector", selector, "field is immutable");
    }

    private static void DeploymentSpec(JsonObject spec, FieldErrors errs)
    {
        var strategy = spec.Obj("strategy");
        var type = strategy.Str("type");
        if (type == "Recreate" && strategy.Obj("rollingUpdate") is not null)
            errs.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
        if (type == "RollingUpdate" && strategy.Obj("rollingUpdate") is { } ru)
        {
            var surge = ru["maxSurge"];
            var unavailable = ru["maxUnavailable"];
            IntOrPercent(surge, "spec.strategy.rollingUpdate.maxSurge", errs);
            IntOrPercent(unavailable, "spec.strategy.rollingUpdate.maxUnavailable", errs);
            if (IsZero(surge) && IsZero(unavailable))
                errs.Invalid("spec.strategy.rollingUpdate.maxUnavailable", unavailable, "may not be 0 when `maxSurge` is 0");
            if (unavailable is JsonValue uv && uv.TryGetValue<string>(out var us) && us.EndsWith('%') &&
                int.TryParse(us.AsSpan(0, us.Length - 1), out var pct) && pct > 100)
                errs.Invalid("spec.strategy.rollingUpdate.maxUnavailable", unavailable, "must not be greater than 100%");
        }
        var pds = spec.Int("progressDeadlineSeconds");
        var mrs = spec.Int("minReadySeconds") ?? 0;
        if (pds is { } p && p <= mrs) errs.Invalid("spec.progressDeadlineSeconds", p, "must be greater than minReadySeconds");
    }

    private static void StatefulSetUpdate(JsonObject spec, JsonObject oldSpec, FieldErrors errs)
    {
        string[] mutable = ["replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];
        var a = (JsonObject)spec.DeepClone();
        var b = (JsonObject)oldSpec.DeepClone();
        foreach (var m in mutable) { a.Remove(m); b.Remove(m); }
        if (!JsonAccess.JsonEquals(a, b))
            errs.Forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
    }

    private static void JobSpec(JsonObject spec, string path, FieldErrors errs, bool checkSelector)
    {
        NonNegative(spec, "parallelism", path, errs);
        NonNegative(spec, "completions", path, errs);
        NonNegative(spec, "backoffLimit", path, errs);
        if (spec.Int("activeDeadlineSeconds") is { } ads && ads <= 0)
            errs.Invalid(FieldErrors.Child(path, "activeDeadlineSeconds"), ads, "must be greater than 0");
        NonNegative(spec, "ttlSecondsAfterFinished", path, errs);
        var template = spec.Obj("template");
        if (template is null) return;
        if (checkSelector && spec.Obj("selector") is { } selector && spec.Bool("manualSelector") == true &&
            !SelectorMatches(selector, template.Obj("metadata").Obj("labels")))
            errs.InvalidRaw(FieldErrors.Child(path, "template.metadata.labels"), GoStringMap(template.Obj("metadata").Obj("labels")), "`selector` does not match template `labels`");
        PodTemplate(template, FieldErrors.Child(path, "template"), errs, ["OnFailure", "Never"], requireLabels: false);
    }

    private static void CronJobSpec(JsonObject spec, FieldErrors errs)
    {
        var schedule = spec.Str("schedule");
        if (schedule is not null)
        {
            if (schedule.Contains("TZ", StringComparison.Ordinal))
                errs.Invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
            else if (!IsValidCron(schedule))
                errs.Invalid("spec.schedule", schedule, "unparseable schedule: expected exactly 5 fields or a predefined descriptor");
        }
        NonNegative(spec, "startingDeadlineSeconds", "spec", errs);
        NonNegative(spec, "successfulJobsHistoryLimit", "spec", errs);
        NonNegative(spec, "failedJobsHistoryLimit", "spec", errs);
        if (spec.Obj("jobTemplate").Obj("spec") is { } jobSpec) JobSpec(jobSpec, "spec.jobTemplate.spec", errs, checkSelector: false);
    }

    private static bool IsValidCron(string schedule)
    {
        var s = schedule.Trim();
        if (s.StartsWith('@'))
            return s is "@yearly" or "@annually" or "@monthly" or "@weekly" or "@daily" or "@midnight" or "@hourly" || s.StartsWith("@every ", StringComparison.Ordinal);
        var fields = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 5 && fields.All(f => f.All(c => char.IsAsciiLetterOrDigit(c) || c is '*' or '/' or ',' or '-' or '?'));
    }

    // ---------------- pods ----------------

    private static void PodTemplate(JsonObject? template, string path, FieldErrors errs, string[]? restartPolicies, bool requireLabels)
    {
        if (template is null) return;
        var meta = template.Obj("metadata");
        NameValidation.ValidateLabels(meta.Obj("labels"), FieldErrors.Child(path, "metadata.labels"), errs);
        NameValidation.ValidateAnnotations(meta.Obj("annotations"), FieldErrors.Child(path, "metadata.annotations"), errs);
        _ = requireLabels;
        if (template.Obj("spec") is { } ps) PodSpec(ps, FieldErrors.Child(path, "spec"), errs, restartPolicies);
        else errs.Required(FieldErrors.Child(path, "spec.containers"));
    }

    internal static void PodSpec(JsonObject spec, string path, FieldErrors errs, string[]? restartPolicies)
    {
        var volumes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, v) in spec.Arr("volumes").Items())
        {
            var vp = FieldErrors.Index(FieldErrors.Child(path, "volumes"), i);
            var name = v.Str("name");
            if (string.IsNullOrEmpty(name)) errs.Required(FieldErrors.Child(vp, "name"));
            else
            {
                foreach (var e in NameValidation.IsDns1123Label(name)) errs.Invalid(FieldErrors.Child(vp, "name"), name, e);
                if (!volumes.Add(name)) errs.Duplicate(FieldErrors.Child(vp, "name"), name);
            }
        }
        var containers = spec.Arr("containers");
        if (containers is null || containers.Count == 0) errs.Required(FieldErrors.Child(path, "containers"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, c) in spec.Arr("initContainers").Items()) Container(c, FieldErrors.Index(FieldErrors.Child(path, "initContainers"), i), errs, names, volumes);
        foreach (var (i, c) in containers.Items()) Container(c, FieldErrors.Index(FieldErrors.Child(path, "containers"), i), errs, names, volumes);

        if (restartPolicies is not null && spec.Str("restartPolicy") is { } rp && !restartPolicies.Contains(rp))
            errs.NotSupported(FieldErrors.Child(path, "restartPolicy"), rp, restartPolicies);
        NonNegative(spec, "terminationGracePeriodSeconds", path, errs);
        if (spec.Int("activeDeadlineSeconds") is { } ads && ads <= 0)
            errs.Invalid(FieldErrors.Child(path, "activeDeadlineSeconds"), ads, "must be between 1 and 2147483647, inclusive");
        if (spec.Obj("nodeSelector") is { } ns) NameValidation.ValidateLabels(ns, FieldErrors.Child(path, "nodeSelector"), errs);
        foreach (var (i, t) in spec.Arr("tolerations").Items())
        {
            var tp = FieldErrors.Index(FieldErrors.Child(path, "tolerations"), i);
            var op = t.Str("operator") ?? "Equal";
            if (op == "Exists" && !string.IsNullOrEmpty(t.Str("value")))
                errs.Invalid(FieldErrors.Child(tp, "operator"), t.Str("value")!, "value must be empty when `operator` is 'Exists'");
            if (string.IsNullOrEmpty(t.Str("key")) && op != "Exists")
                errs.Invalid(FieldErrors.Child(tp, "operator"), op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            if (t.ContainsKey("tolerationSeconds") && t.Str("effect") != "NoExecute")
                errs.Invalid(FieldErrors.Child(tp, "effect"), t.Str("effect") ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set");
        }
        if (spec.Str("hostname") is { Length: > 0 } hn)
            foreach (var e in NameValidation.IsDns1123Label(hn)) errs.Invalid(FieldErrors.Child(path, "hostname"), hn, e);
    }

    private static void Container(JsonObject c, string path, FieldErrors errs, HashSet<string> names, HashSet<string> volumes)
    {
        var name = c.Str("name");
        if (string.IsNullOrEmpty(name)) errs.Required(FieldErrors.Child(path, "name"));
        else
        {
            foreach (var e in NameValidation.IsDns1123Label(name)) errs.Invalid(FieldErrors.Child(path, "name"), name, e);
            if (!names.Add(name)) errs.Duplicate(FieldErrors.Child(path, "name"), name);
        }
        var image = c.Str("image");
        if (string.IsNullOrWhiteSpace(image)) errs.Required(FieldErrors.Child(path, "image"));
        else if (image != image.Trim()) errs.Invalid(FieldErrors.Child(path, "image"), image, "must not have leading or trailing whitespace");

        var portNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, p) in c.Arr("ports").Items())
        {
            var pp = FieldErrors.Index(FieldErrors.Child(path, "ports"), i);
            if (p.Str("name") is { Length: > 0 } pn)
            {
                foreach (var e in NameValidation.IsValidPortName(pn)) errs.Invalid(FieldErrors.Child(pp, "name"), pn, e);
                if (!portNames.Add(pn)) errs.Duplicate(FieldErrors.Child(pp, "name"), pn);
            }
            if (p.Int("containerPort") is { } cp && (cp < 1 || cp > 65535)) errs.Invalid(FieldErrors.Child(pp, "containerPort"), cp, NameValidation.PortRangeError);
            if (p.Int("hostPort") is { } hp && hp != 0 && (hp < 1 || hp > 65535)) errs.Invalid(FieldErrors.Child(pp, "hostPort"), hp, NameValidation.PortRangeError);
        }
        foreach (var (i, e) in c.Arr("env").Items())
        {
            var ep = FieldErrors.Index(FieldErrors.Child(path, "env"), i);
            var en = e.Str("name");
            if (string.IsNullOrEmpty(en)) errs.Required(FieldErrors.Child(ep, "name"));
            else foreach (var m in NameValidation.IsEnvVarName(en)) errs.Invalid(FieldErrors.Child(ep, "name"), en, m);
            if (e.Obj("valueFrom") is { } vf)
            {
                var sources = new[] { "fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef" }.Count(vf.ContainsKey);
                if (!string.IsNullOrEmpty(e.Str("value")))
                    errs.Invalid(FieldErrors.Child(ep, "valueFrom"), "", "may not be specified when `value` is not empty");
                if (sources == 0) errs.Invalid(FieldErrors.Child(ep, "valueFrom"), "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
                else if (sources > 1) errs.Invalid(FieldErrors.Child(ep, "valueFrom"), "", "may not have more than one field specified at a time");
            }
        }
        var mountPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, m) in c.Arr("volumeMounts").Items())
        {
            var mp = FieldErrors.Index(FieldErrors.Child(path, "volumeMounts"), i);
            var vn = m.Str("name");
            if (string.IsNullOrEmpty(vn)) errs.Required(FieldErrors.Child(mp, "name"));
            else if (!volumes.Contains(vn)) errs.NotFound(FieldErrors.Child(mp, "name"), vn);
            var mpath = m.Str("mountPath");
            if (string.IsNullOrEmpty(mpath)) errs.Required(FieldErrors.Child(mp, "mountPath"));
            else if (!mountPaths.Add(mpath)) errs.Invalid(FieldErrors.Child(mp, "mountPath"), mpath, "must be unique");
        }
        Resources(c.Obj("resources"), FieldErrors.Child(path, "resources"), errs);
    }

    private static void Resources(JsonObject? resources, string path, FieldErrors errs)
    {
        if (resources is null) return;
        var parsed = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var section in new[] { "limits", "requests" })
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            parsed[section] = values;
            foreach (var (k, v) in resources.Obj(section) ?? [])
            {
                var fp = FieldErrors.Key(FieldErrors.Child(path, section), k);
                if (!QuantityParser.TryParse(v, out var q)) { errs.Invalid(fp, v?.DeepClone(), QuantityParser.FormatError); continue; }
                if (q < 0) errs.Invalid(fp, v?.DeepClone(), "must be greater than or equal to 0");
                values[k] = q;
            }
        }
        foreach (var (k, req) in parsed["requests"])
        {
            if (parsed["limits"].TryGetValue(k, out var lim) && req > lim)
                errs.Invalid(FieldErrors.Key(FieldErrors.Child(path, "requests"), k), resources.Obj("requests")![k]?.DeepClone(),
                    $"must be less than or equal to {k} limit of {FieldErrors.FormatValue(resources.Obj("limits")![k]).Trim('"')}");
        }
    }

    // ---------------- services ----------------

    private static void ServiceSpec(JsonObject spec, JsonObject? oldSpec, FieldErrors errs)
    {
        var type = spec.Str("type") ?? "ClusterIP";
        var headless = spec.Str("clusterIP") == "None";
        var ports = spec.Arr("ports");
        if (type == "ExternalName")
        {
            var en = spec.Str("externalName");
            if (string.IsNullOrEmpty(en)) errs.Required("spec.externalName");
            else foreach (var e in NameValidation.IsDns1123Subdomain(en.TrimEnd('.'))) errs.Invalid("spec.externalName", en, e);
        }
        else if ((ports is null || ports.Count == 0) && !headless)
        {
            errs.Required("spec.ports");
        }
        var seenNames = new HashSet<string>(StringComparer.Ordinal);
        var seenPorts = new HashSet<string>(StringComparer.Ordinal);
        var count = ports?.Count ?? 0;
        foreach (var (i, p) in ports.Items())
        {
            var pp = FieldErrors.Index("spec.ports", i);
            var name = p.Str("name");
            if (count > 1 && string.IsNullOrEmpty(name)) errs.Required(FieldErrors.Child(pp, "name"));
            else if (!string.IsNullOrEmpty(name))
            {
                foreach (var e in NameValidation.IsDns1123Label(name)) errs.Invalid(FieldErrors.Child(pp, "name"), name, e);
                if (!seenNames.Add(name)) errs.Duplicate(FieldErrors.Child(pp, "name"), name);
            }
            var port = p.Int("port");
            if (port is { } pv && (pv < 1 || pv > 65535)) errs.Invalid(FieldErrors.Child(pp, "port"), pv, NameValidation.PortRangeError);
            var protocol = p.Str("protocol") ?? "TCP";
            if (port is not null && !seenPorts.Add(port + "/" + protocol)) errs.Duplicate(pp, p);
            switch (p["targetPort"])
            {
                case JsonValue tv when JsonAccess.AsLong(tv) is { } tp:
                    if (tp < 1 || tp > 65535) errs.Invalid(FieldErrors.Child(pp, "targetPort"), tp, NameValidation.PortRangeError);
                    break;
                case JsonValue tv when tv.TryGetValue<string>(out var tn):
                    foreach (var e in NameValidation.IsValidPortName(tn)) errs.Invalid(FieldErrors.Child(pp, "targetPort"), tn, e);
                    break;
                default:
                    break;
            }
            if (p.Int("nodePort") is { } np && np != 0)
            {
                if (type is not ("NodePort" or "LoadBalancer"))
                    errs.Forbidden(FieldErrors.Child(pp, "nodePort"), $"may not be used when `type` is '{type}'");
                else if (np < 1 || np > 65535) errs.Invalid(FieldErrors.Child(pp, "nodePort"), np, NameValidation.PortRangeError);
            }
        }
        if (spec.Obj("selector") is { } sel) NameValidation.ValidateLabels(sel, "spec.selector", errs);
        if (oldSpec is not null && oldSpec.Str("clusterIP") is { Length: > 0 } oldIp && spec.Str("clusterIP") is { Length: > 0 } newIp && oldIp != newIp && type != "ExternalName")
            errs.Invalid("spec.clusterIPs[0]", newIp, "may not change once set");
    }

    // ---------------- config ----------------

    private static void ConfigData(JsonObject obj, JsonObject? old, FieldErrors errs, bool isSecret)
    {
        var data = obj.Obj("data");
        var binary = isSecret ? null : obj.Obj("binaryData");
        long total = 0;
        foreach (var (k, v) in data ?? [])
        {
            foreach (var e in NameValidation.IsConfigMapKey(k)) errs.Invalid(FieldErrors.Key("data", k), k, e);
            var s = v is JsonValue sv && sv.TryGetValue<string>(out var str) ? str : "";
            total += isSecret ? s.Length * 3L / 4 : Encoding.UTF8.GetByteCount(s);
        }
        foreach (var (k, v) in binary ?? [])
        {
            foreach (var e in NameValidation.IsConfigMapKey(k)) errs.Invalid(FieldErrors.Key("binaryData", k), k, e);
            if (data is not null && data.ContainsKey(k)) errs.Invalid(FieldErrors.Key("data", k), k, "duplicate of key present in binaryData");
            total += (v is JsonValue sv && sv.TryGetValue<string>(out var str) ? str.Length : 0) * 3L / 4;
        }
        const long max = 1024 * 1024;
        if (total > max) errs.TooLongValue(isSecret ? "data" : "", $"must have at most {max} bytes");
        if (old is not null && old.Bool("immutable") == true)
        {
            if (!JsonAccess.JsonEquals(obj["data"], old["data"])) errs.Forbidden("data", "field is immutable when `immutable` is set");
            if (!isSecret && !JsonAccess.JsonEquals(obj["binaryData"], old["binaryData"])) errs.Forbidden("binaryData", "field is immutable when `immutable` is set");
            if (obj.Bool("immutable") != true) errs.Forbidden("immutable", "field is immutable when `immutable` is set");
        }
    }

    private static void SecretType(JsonObject obj, JsonObject? old, FieldErrors errs)
    {
        var type = obj.Str("type") ?? "Opaque";
        var data = obj.Obj("data") ?? [];
        void RequireKey(string key)
        {
            if (!data.ContainsKey(key)) errs.Required(FieldErrors.Key("data", key));
        }
        switch (type)
        {
            case "kubernetes.io/tls": RequireKey("tls.crt"); RequireKey("tls.key"); break;
            case "kubernetes.io/dockerconfigjson": RequireKey(".dockerconfigjson"); break;
            case "kubernetes.io/dockercfg": RequireKey(".dockercfg"); break;
            case "kubernetes.io/ssh-auth": RequireKey("ssh-privatekey"); break;
            case "kubernetes.io/service-account-token":
                if (string.IsNullOrEmpty(obj.Annotation("kubernetes.io/service-account.name")))
                    errs.Required("metadata.annotations[kubernetes.io/service-account.name]");
                break;
            default: break;
        }
        if (old is not null && (old.Str("type") ?? "Opaque") != type) errs.Invalid("type", type, "field is immutable");
    }

    // ---------------- networking ----------------

    private static void IngressSpec(JsonObject spec, string path, FieldErrors errs)
    {
        var rules = spec.Arr("rules");
        if (spec.Obj("defaultBackend") is null && (rules is null || rules.Count == 0))
            errs.Invalid(path, spec, "either `defaultBackend` or `rules` must be specified");
        if (spec.Obj("defaultBackend") is { } db) IngressBackend(db, FieldErrors.Child(path, "defaultBackend"), errs);
        foreach (var (i, r) in rules.Items())
        {
            var rp = FieldErrors.Index(FieldErrors.Child(path, "rules"), i);
            if (r.Str("host") is { Length: > 0 } host)
            {
                var h = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
                foreach (var e in NameValidation.IsDns1123Subdomain(h)) errs.Invalid(FieldErrors.Child(rp, "host"), host, e);
            }
            foreach (var (j, p) in r.Obj("http").Arr("paths").Items())
            {
                var pp = FieldErrors.Index(FieldErrors.Child(rp, "http.paths"), j);
                var pathType = p.Str("pathType");
                var pathValue = p.Str("path");
                if (pathType is "Exact" or "Prefix" && (string.IsNullOrEmpty(pathValue) || !pathValue.StartsWith('/')))
                    errs.Invalid(FieldErrors.Child(pp, "path"), pathValue ?? "", "must be an absolute path");
                if (p.Obj("backend") is { } b) IngressBackend(b, FieldErrors.Child(pp, "backend"), errs);
            }
        }
    }

    private static void IngressBackend(JsonObject backend, string path, FieldErrors errs)
    {
        var hasService = backend.Obj("service") is not null;
        var hasResource = backend.Obj("resource") is not null;
        if (hasService && hasResource) errs.Invalid(path, "", "cannot set both service and resource backends");
        else if (!hasService && !hasResource) errs.Invalid(path, "", "one backend (service or resource) must be specified");
        if (backend.Obj("service") is { } svc)
        {
            var port = svc.Obj("port");
            var hasName = !string.IsNullOrEmpty(port.Str("name"));
            var hasNumber = port.Int("number") is not null;
            if (hasName && hasNumber) errs.Invalid(FieldErrors.Child(path, "service.port"), port, "cannot set both port name & port number");
            else if (!hasName && !hasNumber) errs.Invalid(FieldErrors.Child(path, "service.port"), port, "port name or number is required");
            if (port.Int("number") is { } n && (n < 1 || n > 65535)) errs.Invalid(FieldErrors.Child(path, "service.port.number"), n, NameValidation.PortRangeError);
        }
    }

    // ---------------- rbac ----------------

    private static void PolicyRule(JsonObject rule, string path, FieldErrors errs, bool clusterScoped)
    {
        var resources = rule.Arr("resources");
        var urls = rule.Arr("nonResourceURLs");
        if (urls is { Count: > 0 })
        {
            if (!clusterScoped) errs.Invalid(FieldErrors.Child(path, "nonResourceURLs"), urls, "namespaced rules cannot apply to non-resource URLs");
            else if (resources is { Count: > 0 } || rule.Arr("apiGroups") is { Count: > 0 })
                errs.Invalid(FieldErrors.Child(path, "nonResourceURLs"), urls, "rules cannot apply to both regular resources and non-resource URLs");
            return;
        }
        if (rule.Arr("apiGroups") is not { Count: > 0 }) errs.Required(FieldErrors.Child(path, "apiGroups"), "resource rules must supply at least one api group");
        if (resources is not { Count: > 0 }) errs.Required(FieldErrors.Child(path, "resources"), "resource rules must supply at least one resource");
    }

    private static void RoleBinding(JsonObject obj, JsonObject? old, FieldErrors errs, bool cluster)
    {
        var roleRef = obj.Obj("roleRef");
        if (roleRef is not null)
        {
            var kind = roleRef.Str("kind");
            string[] kinds = cluster ? ["ClusterRole"] : ["Role", "ClusterRole"];
            if (kind is not null && !kinds.Contains(kind)) errs.NotSupported("roleRef.kind", kind, kinds);
            if (roleRef.Str("apiGroup") is { } g && g != "rbac.authorization.k8s.io")
                errs.NotSupported("roleRef.apiGroup", g, ["rbac.authorization.k8s.io"]);
            if (string.IsNullOrEmpty(roleRef.Str("name"))) errs.Required("roleRef.name");
        }
        if (old?.Obj("roleRef") is { } oldRef && roleRef is not null && !JsonAccess.JsonEquals(oldRef, roleRef))
            errs.Invalid("roleRef", roleRef, "cannot change roleRef");
        foreach (var (i, s) in obj.Arr("subjects").Items())
        {
            var sp = FieldErrors.Index("subjects", i);
            var kind = s.Str("kind");
            switch (kind)
            {
                case "ServiceAccount":
                    if (s.Str("apiGroup") is { Length: > 0 } ag) errs.NotSupported(FieldErrors.Child(sp, "apiGroup"), ag, [""]);
                    if (cluster && string.IsNullOrEmpty(s.Str("namespace"))) errs.Required(FieldErrors.Child(sp, "namespace"));
                    break;
                case "User" or "Group":
                    if (s.Str("apiGroup") is { } ug && ug != "rbac.authorization.k8s.io") errs.NotSupported(FieldErrors.Child(sp, "apiGroup"), ug, ["rbac.authorization.k8s.io"]);
                    break;
                case null:
                    break;
                default:
                    errs.NotSupported(FieldErrors.Child(sp, "kind"), kind, ["ServiceAccount", "User", "Group"]);
                    break;
            }
        }
    }

    // ---------------- autoscaling ----------------

    internal static void HpaSpec(JsonObject spec, string path, FieldErrors errs)
    {
        var min = spec.Int("minReplicas");
        var max = spec.Int("maxReplicas");
        if (min is { } mn && mn < 1) errs.Invalid(FieldErrors.Child(path, "minReplicas"), mn, "must be greater than or equal to 1");
        if (max is { } mx && mx < 1) errs.Invalid(FieldErrors.Child(path, "maxReplicas"), mx, "must be greater than 0");
        if (min is { } a && max is { } b && b < a) errs.Invalid(FieldErrors.Child(path, "maxReplicas"), b, "must be greater than or equal to `minReplicas`");
    }

    // ---------------- apiextensions ----------------

    private static void Crd(JsonObject obj, FieldErrors errs)
    {
        var spec = obj.Obj("spec");
        if (spec is null) return;
        var group = spec.Str("group") ?? "";
        var plural = spec.Obj("names").Str("plural") ?? "";
        var name = obj.Name() ?? "";
        if (name != plural + "." + group) errs.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group");
        if (group.Length > 0 && !group.Contains('.', StringComparison.Ordinal)) errs.Invalid("spec.group", group, "should be a domain with at least one dot");
        foreach (var e in group.Length > 0 ? NameValidation.IsDns1123Subdomain(group) : []) errs.Invalid("spec.group", group, e);
        if (plural.Length > 0) foreach (var e in NameValidation.IsDns1035Label(plural)) errs.Invalid("spec.names.plural", plural, e);
        var kind = spec.Obj("names").Str("kind");
        if (kind is { Length: > 0 } && !char.IsAsciiLetter(kind[0])) errs.Invalid("spec.names.kind", kind, "must start with an alphabetic character");
        var versions = spec.Arr("versions");
        if (versions is { Count: > 0 })
        {
            var storage = versions.Items().Count(v => v.Item.Bool("storage") == true);
            if (storage != 1) errs.Invalid("spec.versions", versions, "must have exactly one version marked as storage version");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (i, v) in versions.Items())
            {
                var vp = FieldErrors.Index("spec.versions", i);
                var vn = v.Str("name") ?? "";
                foreach (var e in NameValidation.IsDns1035Label(vn)) errs.Invalid(FieldErrors.Child(vp, "name"), vn, e);
                if (!seen.Add(vn)) errs.Invalid(FieldErrors.Child(vp, "name"), vn, "must be unique");
                if (v.Obj("schema").Obj("openAPIV3Schema") is null && spec.Obj("validation").Obj("openAPIV3Schema") is null)
                    errs.Required(FieldErrors.Child(vp, "schema.openAPIV3Schema"), "schemas are required");
            }
        }
        else errs.Required("spec.versions", "must have exactly one version marked as storage version");
    }

    // ---------------- helpers ----------------

    internal static void NonNegative(JsonObject o, string field, string path, FieldErrors errs)
    {
        if (o.Int(field) is { } v && v < 0) errs.Invalid(FieldErrors.Child(path, field), v, "must be greater than or equal to 0");
    }

    private static void IntOrPercent(JsonNode? value, string path, FieldErrors errs)
    {
        switch (value)
        {
            case JsonValue v when JsonAccess.AsLong(v) is { } n:
                if (n < 0) errs.Invalid(path, n, "must be greater than or equal to 0");
                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (!s.EndsWith('%') || !int.TryParse(s.AsSpan(0, s.Length - 1), out var p) || p < 0)
                    errs.Invalid(path, s, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
                break;
            default:
                break;
        }
    }

    private static bool IsZero(JsonNode? value) => value switch
    {
        JsonValue v when JsonAccess.AsLong(v) is { } n => n == 0,
        JsonValue v when v.TryGetValue<string>(out var s) => s == "0%",
        _ => false,
    };

    internal static bool IsEmptySelector(JsonObject selector) =>
        selector.Obj("matchLabels") is not { Count: > 0 } && selector.Arr("matchExpressions") is not { Count: > 0 };

    private static void LabelSelectorSyntax(JsonObject selector, string path, FieldErrors errs)
    {
        NameValidation.ValidateLabels(selector.Obj("matchLabels"), FieldErrors.Child(path, "matchLabels"), errs);
        foreach (var (i, e) in selector.Arr("matchExpressions").Items())
        {
            var ep = FieldErrors.Index(FieldErrors.Child(path, "matchExpressions"), i);
            var op = e.Str("operator");
            var values = e.Arr("values");
            switch (op)
            {
                case "In" or "NotIn":
                    if (values is not { Count: > 0 }) errs.Required(FieldErrors.Child(ep, "values"), "must be specified when `operator` is 'In' or 'NotIn'");
                    break;
                case "Exists" or "DoesNotExist":
                    if (values is { Count: > 0 }) errs.Forbidden(FieldErrors.Child(ep, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    break;
                case null:
                    break;
                default:
                    errs.Invalid(FieldErrors.Child(ep, "operator"), op, "not a valid selector operator");
                    break;
            }
            if (e.Str("key") is { } key) foreach (var m in NameValidation.IsQualifiedName(key)) errs.Invalid(FieldErrors.Child(ep, "key"), key, m);
        }
    }

    /// <summary>metav1.LabelSelector matching (matchLabels and matchExpressions ANDed).</summary>
    internal static bool SelectorMatches(JsonObject selector, JsonObject? labels)
    {
        foreach (var (k, v) in selector.Obj("matchLabels") ?? [])
        {
            var want = v is JsonValue wv && wv.TryGetValue<string>(out var w) ? w : null;
            if (labels.Str(k) != want) return false;
        }
        foreach (var (_, e) in selector.Arr("matchExpressions").Items())
        {
            var key = e.Str("key") ?? "";
            var has = labels?.ContainsKey(key) == true;
            var value = labels.Str(key);
            var values = e.Arr("values").Strings().ToHashSet(StringComparer.Ordinal);
            var ok = e.Str("operator") switch
            {
                "In" => has && value is not null && values.Contains(value),
                "NotIn" => !has || value is null || !values.Contains(value),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>Go's %#v of a map[string]string, which Kubernetes prints in this message.</summary>
    internal static string GoStringMap(JsonObject? labels)
    {
        if (labels is null || labels.Count == 0) return "map[string]string(nil)";
        var parts = labels.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => FieldErrors.Quote(kv.Key) + ":" + FieldErrors.Quote(kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : ""));
        return "map[string]string{" + string.Join(", ", parts) + "}";
    }
}
