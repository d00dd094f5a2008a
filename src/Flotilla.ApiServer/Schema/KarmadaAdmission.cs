using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.ApiServer.Schema;

/// <summary>
/// Karmada's admission for its own kinds: the karmada-webhook's mutating and validating handlers
/// (pkg/webhook/*, pkg/util/validation) and the aggregated apiserver's Cluster strategy
/// (pkg/apis/cluster/validation, pkg/apis/cluster/mutation). Webhook denials are 403 Forbidden with
/// "admission webhook \"...\" denied the request: ..." as kube-apiserver reports them; Cluster errors are 422 Invalid.
/// </summary>
internal sealed class KarmadaAdmission
{
    private readonly TimeProvider _time;
    private readonly Func<string> _newId;

    public KarmadaAdmission(TimeProvider time, Func<string> newId)
    {
        _time = time;
        _newId = newId;
    }

    public static bool Handles(GroupVersionKind gvk) => gvk.Group is KarmadaGroups.Cluster or KarmadaGroups.Policy or KarmadaGroups.Work
        or KarmadaGroups.Config or KarmadaGroups.Networking or KarmadaGroups.Autoscaling or KarmadaGroups.Apps or KarmadaGroups.Remedy;

    // ---------------- mutation ----------------

    public void Mutate(GroupVersionKind gvk, JsonObject obj, JsonObject? old, AdmissionOperation op)
    {
        switch (gvk.Group, gvk.Kind)
        {
            case (KarmadaGroups.Policy, "PropagationPolicy"):
                MutatePropagation(obj, old, WellKnownLabels.PropagationPolicyPermanentId, namespaced: true);
                break;
            case (KarmadaGroups.Policy, "ClusterPropagationPolicy"):
                MutatePropagation(obj, old, WellKnownLabels.ClusterPropagationPolicyPermanentId, namespaced: false);
                break;
            case (KarmadaGroups.Policy, "OverridePolicy"):
                foreach (var (_, rs) in obj.Obj("spec").Arr("resourceSelectors").Items())
                    if (string.IsNullOrEmpty(rs.Str("namespace")) && obj.Namespace() is { Length: > 0 } ns) rs["namespace"] = ns;
                break;
            case (KarmadaGroups.Work, "ResourceBinding"):
                PermanentId(obj, old, WellKnownLabels.ResourceBindingPermanentId);
                break;
            case (KarmadaGroups.Work, "ClusterResourceBinding"):
                PermanentId(obj, old, WellKnownLabels.ClusterResourceBindingPermanentId);
                break;
            case (KarmadaGroups.Work, "Work"):
                PermanentId(obj, old, WellKnownLabels.WorkPermanentId);
                break;
            case (KarmadaGroups.Cluster, "Cluster"):
                MutateCluster(obj, op);
                break;
            default:
                break;
        }
    }

    private void MutatePropagation(JsonObject obj, JsonObject? old, string idLabel, bool namespaced)
    {
        var spec = obj.Obj("spec");
        if (spec is not null)
        {
            var policyNamespace = obj.Namespace();
            foreach (var (_, rs) in spec.Arr("resourceSelectors").Items())
            {
                if (namespaced && string.IsNullOrEmpty(rs.Str("namespace")) && !string.IsNullOrEmpty(policyNamespace)) rs["namespace"] = policyNamespace;
                if (rs.Str("kind") == "ServiceImport" && rs.Str("apiVersion") == KarmadaGroups.MultiCluster + "/" + KarmadaGroups.V1Alpha1)
                    spec["propagateDeps"] = true;
            }
            var placement = spec.Obj("placement");
            foreach (var (_, sc) in placement.Arr("spreadConstraints").Items())
            {
                if (string.IsNullOrEmpty(sc.Str("spreadByField")) && string.IsNullOrEmpty(sc.Str("spreadByLabel"))) sc["spreadByField"] = "cluster";
                if ((sc.Int("minGroups") ?? 0) == 0) sc["minGroups"] = 1;
            }
            if (placement.Obj("replicaScheduling") is { } rsch && rsch.Str("replicaSchedulingType") == "Divided" && string.IsNullOrEmpty(rsch.Str("replicaDivisionPreference")))
                rsch["replicaDivisionPreference"] = "Weighted";
            if (spec.Obj("failover") is { } failover)
            {
                if (failover.Obj("application") is { } app)
                {
                    MapLegacyPurgeMode(app);
                    app.EnsureObj("decisionConditions").Default("tolerationSeconds", 300);
                    if (app.Str("purgeMode") == "Gracefully" && !app.ContainsKey("gracePeriodSeconds")) app["gracePeriodSeconds"] = 600;
                }
                if (failover.Obj("cluster") is { } cl) MapLegacyPurgeMode(cl);
            }
        }
        PermanentId(obj, old, idLabel);
    }

    /// <summary>v1.6–v1.14 spellings (Immediately, Graciously) map to today's Directly and Gracefully.</summary>
    private static void MapLegacyPurgeMode(JsonObject o)
    {
        switch (o.Str("purgeMode"))
        {
            case "Immediately": o["purgeMode"] = "Directly"; break;
            case "Graciously": o["purgeMode"] = "Gracefully"; break;
            default: break;
        }
    }

    private void PermanentId(JsonObject obj, JsonObject? old, string label)
    {
        if (!string.IsNullOrEmpty(obj.Label(label))) return;
        var previous = old?.Label(label);
        obj.SetLabel(label, string.IsNullOrEmpty(previous) ? _newId() : previous);
    }

    private void MutateCluster(JsonObject obj, AdmissionOperation op)
    {
        var spec = obj.Obj("spec");
        if (spec is null) return;
        // Flotilla: Karmada's aggregated apiserver requires syncMode; a Cluster written without it (the declarative
        // registration of the seed tutorials) is taken as Push, the only mode that needs no agent.
        if (string.IsNullOrEmpty(spec.Str("syncMode"))) spec["syncMode"] = "Push";
        // Flotilla: Karmada requires secretRef.namespace; the declarative registration puts the kubeconfig secret in
        // karmada-system, so that is the default here.
        if (spec.Obj("secretRef") is { } sr && string.IsNullOrEmpty(sr.Str("namespace"))) sr["namespace"] = WellKnownNamespaces.KarmadaSystem;
        if (spec.Obj("impersonatorSecretRef") is { } isr && string.IsNullOrEmpty(isr.Str("namespace"))) isr["namespace"] = WellKnownNamespaces.KarmadaCluster;
        foreach (var (_, t) in spec.Arr("taints").Items())
            if (t.Str("effect") == "NoExecute" && !t.ContainsKey("timeAdded"))
                t["timeAdded"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (op == AdmissionOperation.Create && spec.Arr("resourceModels") is not { Count: > 0 }) spec["resourceModels"] = DefaultResourceModels();
    }

    /// <summary>Karmada's default resource models: grades 0..8 over cpu and memory.</summary>
    internal static JsonArray DefaultResourceModels()
    {
        const string max = "9223372036854775807";
        var models = new JsonArray();
        for (var g = 0; g <= 8; g++)
        {
            string cpuMin, cpuMax, memMin, memMax;
            switch (g)
            {
                case 0: cpuMin = "0"; cpuMax = "1"; memMin = "0"; memMax = "4Gi"; break;
                case 1: cpuMin = "1"; cpuMax = "2"; memMin = "4Gi"; memMax = "16Gi"; break;
                case 8: cpuMin = "128"; cpuMax = max; memMin = "1Ti"; memMax = max; break;
                default:
                    cpuMin = (1 << (g - 1)).ToString(CultureInfo.InvariantCulture);
                    cpuMax = (1 << g).ToString(CultureInfo.InvariantCulture);
                    memMin = GiB(1L << (g + 2));
                    memMax = GiB(1L << (g + 3));
                    break;
            }
            models.Add(new JsonObject
            {
                ["grade"] = g,
                ["ranges"] = new JsonArray(
                    new JsonObject { ["name"] = "cpu", ["min"] = cpuMin, ["max"] = cpuMax },
                    new JsonObject { ["name"] = "memory", ["min"] = memMin, ["max"] = memMax }),
            });
        }
        return models;

        static string GiB(long n) => n >= 1024 && n % 1024 == 0 ? (n / 1024).ToString(CultureInfo.InvariantCulture) + "Ti" : n.ToString(CultureInfo.InvariantCulture) + "Gi";
    }

    // ---------------- validation ----------------

    public void Validate(GroupVersionKind gvk, JsonObject obj, JsonObject? old)
    {
        var errs = new FieldErrors();
        string? webhook = null;
        var messages = new List<string>();
        switch (gvk.Group, gvk.Kind)
        {
            case (KarmadaGroups.Policy, "PropagationPolicy"):
                webhook = "propagationpolicy.karmada.io";
                ValidatePropagationPolicy(obj, old, WellKnownLabels.PropagationPolicyPermanentId, namespaced: true, errs, messages);
                break;
            case (KarmadaGroups.Policy, "ClusterPropagationPolicy"):
                webhook = "clusterpropagationpolicy.karmada.io";
                ValidatePropagationPolicy(obj, old, WellKnownLabels.ClusterPropagationPolicyPermanentId, namespaced: false, errs, messages);
                break;
            case (KarmadaGroups.Policy, "OverridePolicy"):
                webhook = "overridepolicy.karmada.io";
                ValidateOverrideSpec(obj.Obj("spec"), errs);
                break;
            case (KarmadaGroups.Policy, "ClusterOverridePolicy"):
                webhook = "clusteroverridepolicy.karmada.io";
                ValidateOverrideSpec(obj.Obj("spec"), errs);
                break;
            case (KarmadaGroups.Policy, "FederatedResourceQuota"):
                webhook = "federatedresourcequota.karmada.io";
                ValidateFederatedResourceQuota(obj.Obj("spec"), errs);
                break;
            case (KarmadaGroups.Policy, "ClusterTaintPolicy"):
                webhook = "clustertaintpolicy.karmada.io";
                ValidateClusterTaintPolicy(obj.Obj("spec"), errs);
                break;
            case (KarmadaGroups.Work, "ResourceBinding" or "ClusterResourceBinding" or "Work"):
            {
                webhook = gvk.Kind.ToLowerInvariant() + ".karmada.io";
                var label = gvk.Kind switch
                {
                    "ResourceBinding" => WellKnownLabels.ResourceBindingPermanentId,
                    "ClusterResourceBinding" => WellKnownLabels.ClusterResourceBindingPermanentId,
                    _ => WellKnownLabels.WorkPermanentId,
                };
                if (old is not null && old.Label(label) is { Length: > 0 } was && obj.Label(label) != was)
                    messages.Add($"label {label} is immutable, it can only be set by the system during creation");
                break;
            }
            case (KarmadaGroups.Networking, "MultiClusterService"):
                webhook = "multiclusterservice.karmada.io";
                ValidateMultiClusterService(obj.Obj("spec"), errs);
                break;
            case (KarmadaGroups.Autoscaling, "FederatedHPA"):
                webhook = "federatedhpa.karmada.io";
                if (obj.Obj("spec") is { } fs) BuiltinValidation.HpaSpec(fs, "spec", errs);
                break;
            case (KarmadaGroups.Autoscaling, "CronFederatedHPA"):
                webhook = "cronfederatedhpa.karmada.io";
                ValidateCronFederatedHpa(obj.Obj("spec"), errs);
                break;
            case (KarmadaGroups.Config, "ResourceInterpreterWebhookConfiguration"):
                webhook = "resourceinterpreterwebhookconfiguration.karmada.io";
                ValidateInterpreterWebhooks(obj, errs);
                break;
            case (KarmadaGroups.Config, "ResourceInterpreterCustomization"):
                webhook = "resourceinterpretercustomization.karmada.io";
                foreach (var (k, v) in obj.Obj("spec").Obj("customizations") ?? [])
                    if (v is JsonObject c && string.IsNullOrWhiteSpace(c.Str("luaScript")))
                        errs.Required("spec.customizations." + k + ".luaScript");
                break;
            case (KarmadaGroups.Cluster, "Cluster"):
                ValidateCluster(obj, errs);
                if (errs.Count > 0) throw ApiErrors.Invalid(gvk.Kind, gvk.Group, obj.Name() ?? "", errs.Causes);
                return;
            default:
                break;
        }
        if (webhook is null || (errs.Count == 0 && messages.Count == 0)) return;
        throw WebhookDenied(webhook, gvk, obj.Name() ?? "", messages, errs);
    }

    /// <summary>Karmada's deletion protection (label resourcetemplate.karmada.io/deletion-protected=Always).</summary>
    public static void CheckDeletion(JsonObject obj)
    {
        if (obj.Label(WellKnownLabels.DeletionProtected) == "Always")
            throw new ApiStatusException(403, StatusReasons.Forbidden,
                "admission webhook \"resourcedeletionprotection.karmada.io\" denied the request: This resource is protected, please make sure to remove the label: " + WellKnownLabels.DeletionProtected);
    }

    private static ApiStatusException WebhookDenied(string webhook, GroupVersionKind gvk, string name, List<string> messages, FieldErrors errs)
    {
        var parts = messages.Concat(errs.Causes.Select(c => c.Field.Length == 0 ? c.Message : c.Field + ": " + c.Message)).ToList();
        var aggregate = parts.Count == 1 ? parts[0] : "[" + string.Join(", ", parts) + "]";
        return new ApiStatusException(403, StatusReasons.Forbidden, $"admission webhook \"{webhook}\" denied the request: {aggregate}",
            new StatusDetails(name, gvk.Group, gvk.Kind, errs.Causes));
    }

    private static void ValidatePropagationPolicy(JsonObject obj, JsonObject? old, string idLabel, bool namespaced, FieldErrors errs, List<string> messages)
    {
        if (old is not null)
        {
            var newScheduler = obj.Obj("spec").Str("schedulerName") ?? "default-scheduler";
            var oldScheduler = old.Obj("spec").Str("schedulerName") ?? "default-scheduler";
            if (newScheduler != oldScheduler) messages.Add("the schedulerName should not be updated");
            if (old.Label(idLabel) is { Length: > 0 } was && obj.Label(idLabel) != was)
                messages.Add($"label {idLabel} is immutable, it can only be set by the system during creation");
        }
        if (string.IsNullOrEmpty(obj.Label(idLabel)))
            messages.Add($"label {idLabel} is required, it should be set by the mutating admission webhook during creation");
        var spec = obj.Obj("spec");
        if (spec is null) return;
        var selectors = spec.Arr("resourceSelectors");
        if (selectors is not { Count: > 0 }) errs.Required("spec.resourceSelectors", "at least one resource selector is required");
        foreach (var (i, rs) in selectors.Items())
        {
            var p = FieldErrors.Index("spec.resourceSelectors", i);
            if (string.IsNullOrEmpty(rs.Str("kind"))) errs.Required(FieldErrors.Child(p, "kind"));
            if (string.IsNullOrEmpty(rs.Str("apiVersion"))) errs.Required(FieldErrors.Child(p, "apiVersion"));
            if (namespaced && rs.Str("namespace") is { Length: > 0 } ns && obj.Namespace() is { Length: > 0 } policyNs && ns != policyNs)
                errs.Invalid(FieldErrors.Child(p, "namespace"), ns, "the namespace of the resource selector must be the same as the namespace of the policy: " + FieldErrors.Quote(policyNs));
        }
        ValidatePlacement(spec.Obj("placement"), "spec.placement", errs);
        var failover = spec.Obj("failover");
        if (failover?.Obj("application") is not null && spec.Bool("propagateDeps") != true)
            errs.Invalid("spec.propagateDeps", JsonValue.Create(spec.Bool("propagateDeps") ?? false), "application failover is set, propagateDeps must be true");
        ValidateApplicationFailover(failover?.Obj("application"), "spec.failover.application", errs);
        if (spec.Str("preemption") == "Always")
            foreach (var (i, rs) in selectors.Items())
                if (string.IsNullOrEmpty(rs.Str("name")))
                    errs.Invalid(FieldErrors.Index("spec.resourceSelectors", i) + ".name", "", "name cannot be empty if preemption is Always, the empty name may cause unexpected resources preemption");
        if (spec.Obj("suspension") is { } susp && susp.Bool("dispatching") == true && susp.Obj("dispatchingOnClusters").Arr("clusterNames") is { Count: > 0 })
            errs.Invalid("spec.suspension", susp, "suspension dispatching cannot co-exist with dispatchingOnClusters.clusterNames");
    }

    internal static void ValidatePlacement(JsonObject? placement, string path, FieldErrors errs)
    {
        if (placement is null) return;
        if (placement.ContainsKey("clusterAffinity") && placement.ContainsKey("clusterAffinities"))
            errs.Invalid(path, placement, "clusterAffinities cannot co-exist with clusterAffinity");
        ValidateClusterAffinity(placement.Obj("clusterAffinity"), FieldErrors.Child(path, "clusterAffinity"), errs);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, term) in placement.Arr("clusterAffinities").Items())
        {
            var tp = FieldErrors.Index(FieldErrors.Child(path, "clusterAffinities"), i);
            var name = term.Str("affinityName") ?? "";
            if (name.Length is 0 or > 32) errs.Invalid(FieldErrors.Child(tp, "affinityName"), name, "must be between 1 and 32 characters");
            else foreach (var e in NameValidation.IsQualifiedName(name)) errs.Invalid(tp, name, e);
            if (!names.Add(name)) errs.Invalid(FieldErrors.Child(path, "clusterAffinities"), placement["clusterAffinities"], "each affinity term in a policy must have a unique name");
            ValidateClusterAffinity(term, tp, errs);
        }
        ValidateSpreadConstraints(placement.Arr("spreadConstraints"), FieldErrors.Child(path, "spreadConstraints"), errs);
        ValidateClusterAffinity(placement.Obj("clusterAntiAffinity"), FieldErrors.Child(path, "clusterAntiAffinity"), errs);
        if (placement.Obj("schedulerStrategy") is { } strategy)
        {
            var sp = FieldErrors.Child(path, "schedulerStrategy");
            if (strategy.Obj("rollingUpdate") is { } ru)
            {
                if (strategy.Str("type") != "RollingUpdate")
                    errs.Forbidden(FieldErrors.Child(sp, "rollingUpdate"), "may not be specified when `type` is not 'RollingUpdate'");
                foreach (var f in new[] { "maxSurge", "maxUnavailable" })
                    if (ru[f] is JsonValue v && JsonAccess.AsLong(v) is { } n && n < 0)
                        errs.Invalid(FieldErrors.Child(sp, "rollingUpdate." + f), n, "must be greater than or equal to 0");
            }
        }
        foreach (var (i, w) in placement.Obj("replicaScheduling").Obj("weightPreference").Arr("staticWeightList").Items())
        {
            var wp = FieldErrors.Index(FieldErrors.Child(path, "replicaScheduling.weightPreference.staticWeightList"), i);
            ValidateClusterAffinity(w.Obj("targetCluster"), FieldErrors.Child(wp, "targetCluster"), errs);
        }
    }

    internal static void ValidateClusterAffinity(JsonObject? affinity, string path, FieldErrors errs)
    {
        var fs = affinity?.Obj("fieldSelector");
        if (fs is null) return;
        foreach (var (_, e) in fs.Arr("matchExpressions").Items())
        {
            var key = e.Str("key");
            if (key is not ("provider" or "region" or "zone"))
            {
                errs.Invalid(FieldErrors.Child(path, "fieldSelector"), fs, $"unsupported key {FieldErrors.Quote(key ?? "")}, must be provider, region, or zone");
                return;
            }
            var op = e.Str("operator");
            if (op is not ("In" or "NotIn"))
            {
                errs.Invalid(FieldErrors.Child(path, "fieldSelector"), fs, $"unsupported operator {FieldErrors.Quote(op ?? "")}, must be In or NotIn");
                return;
            }
        }
    }

    internal static void ValidateSpreadConstraints(JsonArray? constraints, string path, FieldErrors errs)
    {
        if (constraints is null) return;
        var byField = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (i, c) in constraints.Items())
        {
            var cp = FieldErrors.Index(path, i);
            var field = c.Str("spreadByField") ?? "";
            var label = c.Str("spreadByLabel") ?? "";
            var min = c.Int("minGroups") ?? 0;
            var max = c.Int("maxGroups") ?? 0;
            if (field.Length > 0 && label.Length > 0) errs.Invalid(cp, c, "spreadByLabel should not co-exist with spreadByField");
            if (min < 0) errs.Invalid(cp, c, "minGroups lower than 0 is not allowed");
            if (max < 0) errs.Invalid(cp, c, "maxGroups lower than 0 is not allowed");
            if (max > 0 && max < min) errs.Invalid(cp, c, "maxGroups lower than minGroups is not allowed");
            if (field.Length > 0)
            {
                if (byField.TryGetValue(field, out var reported))
                {
                    if (!reported)
                    {
                        errs.Invalid(path, constraints, $"multiple {field} spread constraints are not allowed");
                        byField[field] = true;
                    }
                }
                else byField[field] = false;
            }
        }
        if (byField.Count > 0 && !byField.ContainsKey("cluster"))
            errs.Invalid(path, constraints, "the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled");
    }

    private static void ValidateApplicationFailover(JsonObject? app, string path, FieldErrors errs)
    {
        if (app is null) return;
        if (app.Obj("decisionConditions").Int("tolerationSeconds") is { } ts && ts < 0)
            errs.Invalid(FieldErrors.Child(path, "decisionConditions.tolerationSeconds"), ts, "must be greater than or equal to 0");
        var mode = app.Str("purgeMode") ?? "Gracefully";
        var grace = app.Int("gracePeriodSeconds");
        if (mode != "Gracefully" && grace is { } g1)
            errs.Invalid(FieldErrors.Child(path, "gracePeriodSeconds"), g1, "only takes effect when purgeMode is gracefully");
        if (mode == "Gracefully" && grace is null)
            errs.Invalid(FieldErrors.Child(path, "gracePeriodSeconds"), (JsonNode?)null, "should not be empty when purgeMode is gracefully");
        if (grace is { } g2 && g2 <= 0)
            errs.Invalid(FieldErrors.Child(path, "gracePeriodSeconds"), g2, "must be greater than 0");
        if (app.Obj("statePreservation") is not null && mode != "Directly")
            errs.Invalid(FieldErrors.Child(path, "statePreservation"), app["statePreservation"], "StatePreservation is only supported when purgeMode is Directly");
    }

    private static void ValidateOverrideSpec(JsonObject? spec, FieldErrors errs)
    {
        if (spec is null) return;
        var hasRules = spec.ContainsKey("overrideRules");
        if (spec.Obj("targetCluster") is { } tc)
        {
            ValidateClusterAffinity(tc, "spec.targetCluster", errs);
            if (hasRules) errs.Invalid("spec.targetCluster", tc, "overrideRules and targetCluster can't co-exist");
        }
        if (spec.Obj("overriders") is { } legacy && legacy.Any(kv => kv.Value is JsonArray { Count: > 0 }))
        {
            if (hasRules) errs.Invalid("spec.overriders", legacy, "overrideRules and overriders can't co-exist");
            ValidateOverriders(legacy, "spec.overriders", errs);
        }
        foreach (var (i, rule) in spec.Arr("overrideRules").Items())
        {
            var rp = FieldErrors.Index("spec.overrideRules", i);
            if (rule.Obj("overriders") is { } o) ValidateOverriders(o, FieldErrors.Child(rp, "overriders"), errs);
            ValidateClusterAffinity(rule.Obj("targetCluster"), FieldErrors.Child(rp, "targetCluster"), errs);
        }
    }

    private static void ValidateOverriders(JsonObject o, string path, FieldErrors errs)
    {
        foreach (var (i, a) in o.Arr("annotationsOverrider").Items())
            NameValidation.ValidateAnnotations(a.Obj("value"), FieldErrors.Child(FieldErrors.Index(FieldErrors.Child(path, "annotationsOverrider"), i), "value"), errs);
        foreach (var (i, l) in o.Arr("labelsOverrider").Items())
            NameValidation.ValidateLabels(l.Obj("value"), FieldErrors.Child(FieldErrors.Index(FieldErrors.Child(path, "labelsOverrider"), i), "value"), errs);
        foreach (var (i, img) in o.Arr("imageOverrider").Items())
        {
            var ip = FieldErrors.Index(FieldErrors.Child(path, "imageOverrider"), i);
            if (img.Obj("predicate") is { } pred && pred.Str("path") is { } pp && !IsJsonPointer(pp))
                errs.Invalid(FieldErrors.Child(ip, "predicate.path"), pp, "JSON pointer must be empty or start with a \"/\"");
            if (img.Str("operator") is "add" or "replace" && string.IsNullOrEmpty(img.Str("value")))
                errs.Invalid(FieldErrors.Child(ip, "value"), "", "value is required for add or replace operation");
        }
        foreach (var (i, p) in o.Arr("plaintext").Items())
        {
            var pp = FieldErrors.Index(FieldErrors.Child(path, "plaintext"), i);
            if (p.Str("path") is { } jp && !IsJsonPointer(jp)) errs.Invalid(FieldErrors.Child(pp, "path"), jp, "JSON pointer must be empty or start with a \"/\"");
            OperatorValue(p.Str("operator"), p["value"], FieldErrors.Child(pp, "value"), errs);
        }
        foreach (var (i, f) in o.Arr("fieldOverrider").Items())
        {
            var fp = FieldErrors.Index(FieldErrors.Child(path, "fieldOverrider"), i);
            var hasJson = f.Arr("json") is { Count: > 0 };
            var hasYaml = f.Arr("yaml") is { Count: > 0 };
            if (hasJson && hasYaml) errs.Invalid(fp, f, "FieldOverrider has both YAML and JSON set. Only one is allowed");
            else if (!hasJson && !hasYaml) errs.Invalid(fp, f, "FieldOverrider must have either YAML or JSON set");
            if (f.Str("fieldPath") is { } fpath && !IsJsonPointer(fpath)) errs.Invalid(FieldErrors.Child(fp, "fieldPath"), fpath, "JSON pointer must be empty or start with a \"/\"");
            foreach (var kind in new[] { "json", "yaml" })
            {
                foreach (var (j, op) in f.Arr(kind).Items())
                {
                    var opPath = FieldErrors.Index(FieldErrors.Child(fp, kind), j);
                    if (op.Str("subPath") is { } sp && !IsJsonPointer(sp)) errs.Invalid(FieldErrors.Child(opPath, "subPath"), sp, "JSON pointer must be empty or start with a \"/\"");
                    OperatorValue(op.Str("operator"), op["value"], FieldErrors.Child(opPath, "value"), errs);
                }
            }
        }
    }

    private static void OperatorValue(string? op, JsonNode? value, string path, FieldErrors errs)
    {
        var empty = value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0);
        switch (op)
        {
            case "add" or "replace" when empty:
                errs.Invalid(path, value?.DeepClone(), "value is required for add or replace operation");
                break;
            case "remove" when !empty:
                errs.Invalid(path, value?.DeepClone(), "value is not allowed for remove operation");
                break;
            default:
                break;
        }
    }

    private static bool IsJsonPointer(string p) => p.Length == 0 || p[0] == '/';

    private static void ValidateFederatedResourceQuota(JsonObject? spec, FieldErrors errs)
    {
        if (spec is null) return;
        var overall = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (k, v) in spec.Obj("overall") ?? [])
        {
            var p = FieldErrors.Key("spec.overall", k);
            if (!QuantityParser.TryParse(v, out var q)) errs.Invalid(p, v?.DeepClone(), QuantityParser.FormatError);
            else if (q < 0) errs.Invalid(p, v?.DeepClone(), "must be greater than or equal to 0");
            else overall[k] = q;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (i, a) in spec.Arr("staticAssignments").Items())
        {
            var ap = FieldErrors.Index("spec.staticAssignments", i);
            var cluster = a.Str("clusterName") ?? "";
            if (cluster.Length == 0) errs.Required(FieldErrors.Child(ap, "clusterName"));
            else
            {
                foreach (var e in NameValidation.IsDns1123Label(cluster)) errs.Invalid(FieldErrors.Child(ap, "clusterName"), cluster, e);
                if (!seen.Add(cluster)) errs.Duplicate(FieldErrors.Child(ap, "clusterName"), cluster);
            }
            foreach (var (k, v) in a.Obj("hard") ?? [])
            {
                var hp = FieldErrors.Key(FieldErrors.Child(ap, "hard"), k);
                if (!overall.ContainsKey(k) && spec.Obj("overall")?.ContainsKey(k) != true)
                {
                    errs.Invalid(hp, v?.DeepClone(), $"{k} in staticAssignment at index ({i}) not exist in overall");
                    continue;
                }
                if (!QuantityParser.TryParse(v, out var q)) { errs.Invalid(hp, v?.DeepClone(), QuantityParser.FormatError); continue; }
                if (q < 0) errs.Invalid(hp, v?.DeepClone(), "must be greater than or equal to 0");
                sums[k] = sums.GetValueOrDefault(k) + q;
            }
        }
        foreach (var (k, total) in sums)
            if (overall.TryGetValue(k, out var limit) && total > limit * (1 + 1e-12))
                errs.Invalid(FieldErrors.Key("spec.overall", k), spec.Obj("overall")![k]?.DeepClone(), $"overall is less than the total of static assignments for {k}");
    }

    private static void ValidateClusterTaintPolicy(JsonObject? spec, FieldErrors errs)
    {
        if (spec is null) return;
        ValidateClusterAffinity(spec.Obj("targetClusters"), "spec.targetClusters", errs);
        if (spec.Arr("addOnConditions") is not { Count: > 0 } && spec.Arr("removeOnConditions") is not { Count: > 0 })
            errs.Invalid("spec", spec, "addOnConditions and removeOnConditions cannot both be empty");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, t) in spec.Arr("taints").Items())
        {
            var tp = FieldErrors.Index("spec.taints", i);
            var key = t.Str("key") ?? "";
            foreach (var e in NameValidation.IsQualifiedName(key)) errs.Invalid(FieldErrors.Child(tp, "key"), key, e);
            if (t.Str("value") is { Length: > 0 } v) foreach (var e in NameValidation.IsValidLabelValue(v)) errs.Invalid(FieldErrors.Child(tp, "value"), v, e);
            if (!seen.Add(key + ":" + t.Str("effect"))) errs.Duplicate(tp, t);
        }
        foreach (var list in new[] { "addOnConditions", "removeOnConditions" })
            foreach (var (i, c) in spec.Arr(list).Items())
                if (c.Arr("statusValues") is not { Count: > 0 }) errs.Required(FieldErrors.Child(FieldErrors.Index("spec." + list, i), "statusValues"));
    }

    private static void ValidateMultiClusterService(JsonObject? spec, FieldErrors errs)
    {
        if (spec is null) return;
        if (spec.Arr("types") is not { Count: > 0 }) errs.Required("spec.types");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, p) in spec.Arr("ports").Items())
        {
            var pp = FieldErrors.Index("spec.ports", i);
            if (p.Int("port") is { } port && (port < 1 || port > 65535)) errs.Invalid(FieldErrors.Child(pp, "port"), port, NameValidation.PortRangeError);
            if (p.Str("name") is { Length: > 0 } n && !names.Add(n)) errs.Duplicate(FieldErrors.Child(pp, "name"), n);
        }
        foreach (var list in new[] { "providerClusters", "consumerClusters" })
            foreach (var (i, c) in spec.Arr(list).Items())
                if (c.Str("name") is { } n)
                    foreach (var e in ClusterNameErrors(n)) errs.Invalid(FieldErrors.Child(FieldErrors.Index("spec." + list, i), "name"), n, e);
    }

    private static void ValidateCronFederatedHpa(JsonObject? spec, FieldErrors errs)
    {
        if (spec is null) return;
        var targetIsFhpa = spec.Obj("scaleTargetRef").Str("kind") == "FederatedHPA";
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, r) in spec.Arr("rules").Items())
        {
            var rp = FieldErrors.Index("spec.rules", i);
            if (r.Str("name") is { } n && !names.Add(n)) errs.Duplicate(FieldErrors.Child(rp, "name"), n);
            var schedule = r.Str("schedule");
            if (schedule is not null && schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5 && !schedule.StartsWith('@'))
                errs.Invalid(FieldErrors.Child(rp, "schedule"), schedule, "invalid cron format");
            if (targetIsFhpa)
            {
                if (r.ContainsKey("targetReplicas")) errs.Forbidden(FieldErrors.Child(rp, "targetReplicas"), "targetReplicas is not allowed when the target is FederatedHPA");
                if (!r.ContainsKey("targetMinReplicas") && !r.ContainsKey("targetMaxReplicas"))
                    errs.Required(FieldErrors.Child(rp, "targetMinReplicas"), "targetMinReplicas or targetMaxReplicas is required when the target is FederatedHPA");
            }
            else
            {
                if (!r.ContainsKey("targetReplicas")) errs.Required(FieldErrors.Child(rp, "targetReplicas"), "targetReplicas is required when the target is not FederatedHPA");
                if (r.ContainsKey("targetMinReplicas") || r.ContainsKey("targetMaxReplicas"))
                    errs.Forbidden(FieldErrors.Child(rp, "targetMinReplicas"), "targetMinReplicas and targetMaxReplicas are only allowed when the target is FederatedHPA");
            }
            if (r.Int("targetReplicas") is { } tr && tr < 0) errs.Invalid(FieldErrors.Child(rp, "targetReplicas"), tr, "must be greater than or equal to 0");
        }
    }

    private static void ValidateInterpreterWebhooks(JsonObject obj, FieldErrors errs)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        string[] operations = ["InterpretReplica", "InterpretComponent", "ReviseReplica", "InterpretStatus", "Prune", "Retain", "AggregateStatus", "InterpretHealth", "InterpretDependency", "*"];
        foreach (var (i, w) in obj.Arr("webhooks").Items())
        {
            var wp = FieldErrors.Index("webhooks", i);
            var name = w.Str("name") ?? "";
            foreach (var e in NameValidation.IsDns1123Subdomain(name)) errs.Invalid(FieldErrors.Child(wp, "name"), name, e);
            if (!names.Add(name)) errs.Duplicate(FieldErrors.Child(wp, "name"), name);
            var cc = w.Obj("clientConfig");
            var hasUrl = !string.IsNullOrEmpty(cc.Str("url"));
            var hasService = cc.Obj("service") is not null;
            if (hasUrl == hasService) errs.Required(FieldErrors.Child(wp, "clientConfig"), "exactly one of url or service is required");
            if (w.Int("timeoutSeconds") is { } to && (to < 1 || to > 30)) errs.Invalid(FieldErrors.Child(wp, "timeoutSeconds"), to, "the timeout value must be between 1 and 30 seconds");
            foreach (var (j, r) in w.Arr("rules").Items())
                foreach (var (k, op) in r.Arr("operations").Strings().Select((s, k) => (k, s)))
                    if (!operations.Contains(op)) errs.NotSupported(FieldErrors.Index(FieldErrors.Child(FieldErrors.Index(FieldErrors.Child(wp, "rules"), j), "operations"), k), op, operations);
            foreach (var (k, v) in w.Arr("interpreterContextVersions").Strings().Select((s, k) => (k, s)))
                if (v != "v1alpha1") errs.NotSupported(FieldErrors.Index(FieldErrors.Child(wp, "interpreterContextVersions"), k), v, ["v1alpha1"]);
        }
    }

    // ---------------- Cluster (aggregated apiserver strategy) ----------------

    internal static IReadOnlyList<string> ClusterNameErrors(string name)
    {
        if (name.Length == 0) return ["must be not empty"];
        if (name.Length > 48) return ["must be no more than 48 characters"];
        return NameValidation.IsDns1123Label(name);
    }

    private static void ValidateCluster(JsonObject obj, FieldErrors errs)
    {
        var spec = obj.Obj("spec");
        if (spec is null) { errs.Required("spec"); return; }
        var syncMode = spec.Str("syncMode") ?? "";
        if (syncMode.Length == 0) errs.Required("spec.syncMode");
        if (syncMode is not ("Push" or "Pull")) errs.NotSupported("spec.syncMode", syncMode, ["Pull", "Push"]);
        if (spec.Str("apiEndpoint") is { Length: > 0 } endpoint) ValidateUrl(endpoint, "spec.apiEndpoint", errs, isProxy: false);
        foreach (var refName in new[] { "secretRef", "impersonatorSecretRef" })
        {
            if (spec.Obj(refName) is not { } r) continue;
            if (string.IsNullOrEmpty(r.Str("namespace"))) errs.Required("spec." + refName + ".namespace");
            if (string.IsNullOrEmpty(r.Str("name"))) errs.Required("spec." + refName + ".name");
        }
        if (spec.Str("proxyURL") is { Length: > 0 } proxy) ValidateUrl(proxy, "spec.proxyURL", errs, isProxy: true);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, t) in spec.Arr("taints").Items())
        {
            var tp = FieldErrors.Index("spec.taints", i);
            var key = t.Str("key") ?? "";
            foreach (var e in NameValidation.IsQualifiedName(key)) errs.Invalid(FieldErrors.Child(tp, "key"), key, e);
            if (t.Str("value") is { Length: > 0 } v) foreach (var e in NameValidation.IsValidLabelValue(v)) errs.Invalid(FieldErrors.Child(tp, "value"), v, e);
            if (!seen.Add(key + ":" + t.Str("effect")))
                errs.Duplicate(tp, t);
        }
        ValidateResourceModels(spec.Arr("resourceModels"), errs);
    }

    private static void ValidateUrl(string value, string path, FieldErrors errs, bool isProxy)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) && !LooksLikeUrl(value))
        {
            errs.Invalid(path, value, (isProxy ? "apiEndpoint must be a valid URL" : "apiEndpoint must be a valid URL; desired format: hostname, hostname:port, IP or IP:port"));
            return;
        }
        if (isProxy)
        {
            var scheme = uri?.Scheme ?? value.Split("://")[0];
            if (scheme is not ("http" or "https" or "socks5"))
                errs.Invalid(path, value, $"unsupported scheme {FieldErrors.Quote(scheme)}, must be http, https, or socks5");
            return;
        }
        if (uri is not null)
        {
            if (uri.UserInfo.Length > 0) errs.Invalid(path, uri.UserInfo, "user information is not permitted in the URL");
            if (uri.Fragment.Length > 1) errs.Invalid(path, uri.Fragment.TrimStart('#'), "fragments are not permitted in the URL");
            if (uri.Query.Length > 1) errs.Invalid(path, uri.Query.TrimStart('?'), "query parameters are not permitted in the URL");
        }
    }

    /// <summary>Go's url.Parse accepts far more than System.Uri (e.g. the seed's "https://&lt;your-aks-cluster-api-server&gt;"
    /// placeholder): accept scheme://host forms with a non-empty host.</summary>
    private static bool LooksLikeUrl(string value)
    {
        var idx = value.IndexOf("://", StringComparison.Ordinal);
        return idx > 0 && value.Length > idx + 3 && !value.Any(char.IsWhiteSpace);
    }

    private static void ValidateResourceModels(JsonArray? models, FieldErrors errs)
    {
        if (models is null || models.Count == 0) return;
        long? previousGrade = null;
        HashSet<string>? names = null;
        Dictionary<string, double>? previousMax = null;
        foreach (var (i, m) in models.Items())
        {
            var mp = FieldErrors.Index("spec.resourceModels", i);
            var grade = m.Int("grade") ?? 0;
            if (previousGrade is { } pg && grade <= pg) errs.Invalid(FieldErrors.Child(mp, "grade"), grade, "grade must be ascending and unique");
            previousGrade = grade;
            var ranges = m.Arr("ranges");
            var here = new HashSet<string>(StringComparer.Ordinal);
            var maxes = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (j, r) in ranges.Items())
            {
                var rp = FieldErrors.Index(FieldErrors.Child(mp, "ranges"), j);
                var name = r.Str("name") ?? "";
                if (!here.Add(name)) errs.Duplicate(FieldErrors.Child(rp, "name"), name);
                if (!QuantityParser.TryParse(r["min"], out var min) || !QuantityParser.TryParse(r["max"], out var max))
                {
                    errs.Invalid(rp, r, QuantityParser.FormatError);
                    continue;
                }
                if (min >= max) errs.Invalid(rp, r, "min must be less than max");
                if (i == 0 && min != 0) errs.Invalid(FieldErrors.Child(rp, "min"), r["min"]?.DeepClone(), "the min value of the first resource model must be 0");
                if (previousMax is not null && previousMax.TryGetValue(name, out var pm) && Math.Abs(pm - min) > Math.Max(1e-9, pm * 1e-12))
                    errs.Invalid(FieldErrors.Child(rp, "min"), r["min"]?.DeepClone(), "the min value of a resource model must equal the max value of the previous grade");
                maxes[name] = max;
            }
            if (names is not null && !names.SetEquals(here)) errs.Invalid(FieldErrors.Child(mp, "ranges"), ranges, "every resource model must define the same resource names");
            names ??= here;
            previousMax = maxes;
        }
    }
}
