using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.ApiServer.Tests.Schema;

public sealed class KarmadaAdmissionTests
{
    private const string Policy = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: p, namespace: apps}
        spec:
          resourceSelectors:
          - {apiVersion: apps/v1, kind: Deployment, name: web}
          placement:
            clusterAffinity: {clusterNames: [member1, member2]}
        """;

    private static JsonObject Obj(string yaml) => TestManifests.Yaml(yaml);

    private static JsonObject PolicyWith(Action<JsonObject> spec)
    {
        var o = Obj(Policy);
        spec((JsonObject)o["spec"]!);
        return o;
    }

    private static JsonObject Placement(JsonObject spec) => (JsonObject)spec["placement"]!;

    private static JsonNode? At(JsonNode n, string path)
    {
        JsonNode? cur = n;
        foreach (var part in path.Split('.'))
            cur = int.TryParse(part, out var i) ? cur?[i] : cur?[part];
        return cur;
    }

    // ---------------- PropagationPolicy defaulting ----------------

    [Fact]
    public void Policy_Defaults_NamespacePermanentIdAndCrdDefaults()
    {
        var kit = new AdmissionTestKit();
        var p = Obj(Policy);
        kit.Admit(p);
        Assert.Equal("apps", At(p, "spec.resourceSelectors.0.namespace")!.GetValue<string>());
        Assert.Equal("11111111-2222-3333-4444-555555555555", p.Label(WellKnownLabels.PropagationPolicyPermanentId));
        Assert.Equal("Abort", At(p, "spec.conflictResolution")!.GetValue<string>());
        Assert.Equal("Never", At(p, "spec.preemption")!.GetValue<string>());
        Assert.Equal("default-scheduler", At(p, "spec.schedulerName")!.GetValue<string>());
        Assert.Equal(0, At(p, "spec.priority")!.GetValue<long>());
    }

    [Fact]
    public void ClusterPolicy_GetsItsOwnPermanentIdLabel_AndNoSelectorNamespace()
    {
        var kit = new AdmissionTestKit();
        var p = Obj("apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterPropagationPolicy\nmetadata: {name: c}\nspec: {resourceSelectors: [{apiVersion: v1, kind: Namespace}]}");
        kit.Admit(p);
        Assert.NotNull(p.Label(WellKnownLabels.ClusterPropagationPolicyPermanentId));
        Assert.Null(At(p, "spec.resourceSelectors.0.namespace"));
    }

    [Fact]
    public void PermanentId_KeptOnUpdate_ChangeRejected()
    {
        var kit = new AdmissionTestKit();
        var created = Obj(Policy);
        kit.Admit(created);
        var update = Obj(Policy);
        kit.Admit(update, old: created);
        Assert.Equal(created.Label(WellKnownLabels.PropagationPolicyPermanentId), update.Label(WellKnownLabels.PropagationPolicyPermanentId));

        var changed = Obj(Policy);
        changed.SetLabel(WellKnownLabels.PropagationPolicyPermanentId, "other");
        var e = kit.Reject(changed, old: created);
        Assert.Equal(403, e.Code);
        Assert.Equal("admission webhook \"propagationpolicy.karmada.io\" denied the request: label propagationpolicy.karmada.io/permanent-id is immutable, it can only be set by the system during creation", e.Message);
    }

    [Fact]
    public void SchedulerName_Immutable()
    {
        var kit = new AdmissionTestKit();
        var created = Obj(Policy);
        kit.Admit(created);
        var e = kit.Reject(PolicyWith(s => s["schedulerName"] = "other"), old: created);
        Assert.Contains("the schedulerName should not be updated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpreadConstraints_Defaulted()
    {
        var kit = new AdmissionTestKit();
        var p = PolicyWith(s => Placement(s)["spreadConstraints"] = new JsonArray(new JsonObject { ["maxGroups"] = 2 }));
        kit.Admit(p);
        Assert.Equal("cluster", At(p, "spec.placement.spreadConstraints.0.spreadByField")!.GetValue<string>());
        Assert.Equal(1, At(p, "spec.placement.spreadConstraints.0.minGroups")!.GetValue<long>());
    }

    [Fact]
    public void ReplicaScheduling_DividedWithoutPreference_BecomesWeighted_AndEmptyStructIsDivided()
    {
        var kit = new AdmissionTestKit();
        var p = PolicyWith(s => Placement(s)["replicaScheduling"] = new JsonObject());
        kit.Admit(p);
        Assert.Equal("Divided", At(p, "spec.placement.replicaScheduling.replicaSchedulingType")!.GetValue<string>());
        Assert.Equal("Weighted", At(p, "spec.placement.replicaScheduling.replicaDivisionPreference")!.GetValue<string>());

        var dup = PolicyWith(s => Placement(s)["replicaScheduling"] = new JsonObject { ["replicaSchedulingType"] = "Duplicated" });
        kit.Admit(dup);
        Assert.Null(At(dup, "spec.placement.replicaScheduling.replicaDivisionPreference"));
    }

    [Fact]
    public void ApplicationFailover_Defaults()
    {
        var kit = new AdmissionTestKit();
        var p = PolicyWith(s => { s["propagateDeps"] = true; s["failover"] = new JsonObject { ["application"] = new JsonObject() }; });
        kit.Admit(p);
        Assert.Equal("Gracefully", At(p, "spec.failover.application.purgeMode")!.GetValue<string>());
        Assert.Equal(600, At(p, "spec.failover.application.gracePeriodSeconds")!.GetValue<long>());
        Assert.Equal(300, At(p, "spec.failover.application.decisionConditions.tolerationSeconds")!.GetValue<long>());
    }

    [Theory]
    [InlineData("Immediately", "Directly")]
    [InlineData("Graciously", "Gracefully")]
    [InlineData("Never", "Never")]
    public void LegacyPurgeModes_Mapped(string given, string expected)
    {
        var kit = new AdmissionTestKit();
        var p = PolicyWith(s => { s["propagateDeps"] = true; s["failover"] = new JsonObject { ["application"] = new JsonObject { ["purgeMode"] = given } }; });
        kit.Admit(p);
        Assert.Equal(expected, At(p, "spec.failover.application.purgeMode")!.GetValue<string>());
    }

    [Fact]
    public void ServiceImportSelector_TurnsOnPropagateDeps()
    {
        var kit = new AdmissionTestKit();
        var p = TestManifests.Load("s09-multicluster-service/import.yaml")[1];
        kit.Admit(p);
        Assert.True(At(p, "spec.propagateDeps")!.GetValue<bool>());
    }

    // ---------------- PropagationPolicy validation ----------------

    public static TheoryData<string, string> WebhookRejections => new()
    {
        { "namespace mismatch", "spec.resourceSelectors[0].namespace: Invalid value: \"other\": the namespace of the resource selector must be the same as the namespace of the policy: \"apps\"" },
        { "field and label", "spec.placement.spreadConstraints[0]: Invalid value: {\"spreadByField\":\"cluster\",\"spreadByLabel\":\"x\",\"minGroups\":1}: spreadByLabel should not co-exist with spreadByField" },
        { "negative min", "spec.placement.spreadConstraints[0]: Invalid value: {\"spreadByField\":\"cluster\",\"minGroups\":-1}: minGroups lower than 0 is not allowed" },
        { "max below min", "spec.placement.spreadConstraints[0]: Invalid value: {\"spreadByField\":\"cluster\",\"minGroups\":3,\"maxGroups\":2}: maxGroups lower than minGroups is not allowed" },
        { "duplicate field", "multiple cluster spread constraints are not allowed" },
        { "region without cluster", "the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled" },
        { "affinity and affinities", "clusterAffinities cannot co-exist with clusterAffinity" },
        { "duplicate affinity names", "each affinity term in a policy must have a unique name" },
        { "bad field selector", "unsupported key \"name\", must be provider, region, or zone" },
        { "suspension conflict", "suspension dispatching cannot co-exist with dispatchingOnClusters.clusterNames" },
        { "failover without deps", "spec.propagateDeps: Invalid value: false: application failover is set, propagateDeps must be true" },
        { "grace with directly", "spec.failover.application.gracePeriodSeconds: Invalid value: 30: only takes effect when purgeMode is gracefully" },
        { "zero grace", "spec.failover.application.gracePeriodSeconds: Invalid value: 0: must be greater than 0" },
        { "preemption without name", "name cannot be empty if preemption is Always, the empty name may cause unexpected resources preemption" },
    };

    [Theory]
    [MemberData(nameof(WebhookRejections))]
    public void Policy_WebhookRejects(string @case, string expected)
    {
        var kit = new AdmissionTestKit();
        var p = PolicyWith(s =>
        {
            var placement = Placement(s);
            switch (@case)
            {
                case "namespace mismatch": s["resourceSelectors"]![0]!["namespace"] = "other"; break;
                case "field and label": placement["spreadConstraints"] = new JsonArray(new JsonObject { ["spreadByField"] = "cluster", ["spreadByLabel"] = "x" }); break;
                case "negative min": placement["spreadConstraints"] = new JsonArray(new JsonObject { ["spreadByField"] = "cluster", ["minGroups"] = -1 }); break;
                case "max below min": placement["spreadConstraints"] = new JsonArray(new JsonObject { ["spreadByField"] = "cluster", ["minGroups"] = 3, ["maxGroups"] = 2 }); break;
                case "duplicate field": placement["spreadConstraints"] = new JsonArray(new JsonObject { ["spreadByField"] = "cluster" }, new JsonObject { ["spreadByField"] = "cluster" }); break;
                case "region without cluster": placement["spreadConstraints"] = new JsonArray(new JsonObject { ["spreadByField"] = "region" }); break;
                case "affinity and affinities": placement["clusterAffinities"] = new JsonArray(new JsonObject { ["affinityName"] = "a" }); break;
                case "duplicate affinity names":
                    placement.Remove("clusterAffinity");
                    placement["clusterAffinities"] = new JsonArray(new JsonObject { ["affinityName"] = "a" }, new JsonObject { ["affinityName"] = "a" });
                    break;
                case "bad field selector":
                    placement["clusterAffinity"]!["fieldSelector"] = new JsonObject { ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "name", ["operator"] = "In", ["values"] = new JsonArray("x") }) };
                    break;
                case "suspension conflict":
                    s["suspension"] = new JsonObject { ["dispatching"] = true, ["dispatchingOnClusters"] = new JsonObject { ["clusterNames"] = new JsonArray("member1") } };
                    break;
                case "failover without deps": s["failover"] = new JsonObject { ["application"] = new JsonObject() }; break;
                case "grace with directly":
                    s["propagateDeps"] = true;
                    s["failover"] = new JsonObject { ["application"] = new JsonObject { ["purgeMode"] = "Directly", ["gracePeriodSeconds"] = 30 } };
                    break;
                case "zero grace":
                    s["propagateDeps"] = true;
                    s["failover"] = new JsonObject { ["application"] = new JsonObject { ["purgeMode"] = "Gracefully", ["gracePeriodSeconds"] = 0 } };
                    break;
                case "preemption without name":
                    s["preemption"] = "Always";
                    s["resourceSelectors"]![0]!.AsObject().Remove("name");
                    break;
                default: throw new InvalidOperationException(@case);
            }
        });
        var e = kit.Reject(p);
        Assert.Equal(403, e.Code);
        Assert.Equal(StatusReasons.Forbidden, e.Reason);
        Assert.StartsWith("admission webhook \"propagationpolicy.karmada.io\" denied the request: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> SchemaRejections => new()
    {
        { "spec: {resourceSelectors: []}", "spec.resourceSelectors", "Invalid value: 0: spec.resourceSelectors in body should have at least 1 items" },
        { "spec: {placement: {}}", "spec.resourceSelectors", "Required value" },
        { "spec: {resourceSelectors: [{apiVersion: v1}]}", "spec.resourceSelectors[0].kind", "Required value" },
        { "spec: {resourceSelectors: [{apiVersion: v1, kind: ConfigMap}], conflictResolution: Merge}", "spec.conflictResolution", "Unsupported value: \"Merge\": supported values: \"Abort\", \"Overwrite\"" },
        { "spec: {resourceSelectors: [{apiVersion: v1, kind: ConfigMap}], preemption: Sometimes}", "spec.preemption", "Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\"" },
        { "spec: {resourceSelectors: [{apiVersion: v1, kind: ConfigMap}], placement: {clusterAffinities: [{affinityName: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}]}}", "spec.placement.clusterAffinities[0].affinityName", "Too long: may not be more than 32 bytes" },
        { "spec: {resourceSelectors: [{apiVersion: v1, kind: ConfigMap}], placement: {schedulerStrategy: {type: BlueGreen}}}", "spec.placement.schedulerStrategy.type", "Unsupported value: \"BlueGreen\": supported values: \"Failover\", \"RollingUpdate\"" },
        { "spec: {resourceSelectors: [{apiVersion: v1, kind: ConfigMap}], placement: {replicaScheduling: {replicaSchedulingType: Split}}}", "spec.placement.replicaScheduling.replicaSchedulingType", "Unsupported value: \"Split\": supported values: \"Duplicated\", \"Divided\"" },
        { "spec: {resourceSelectors: [{apiVersion: v1, kind: ConfigMap}], placement: {replicaScheduling: {weightPreference: {staticWeightList: [{targetCluster: {}, weight: 0}]}}}}", "spec.placement.replicaScheduling.weightPreference.staticWeightList[0].weight", "Invalid value: 0: spec.placement.replicaScheduling.weightPreference.staticWeightList[0].weight in body should be greater than or equal to 1" },
    };

    [Theory]
    [MemberData(nameof(SchemaRejections))]
    public void Policy_SchemaRejects(string specYaml, string field, string message)
    {
        var kit = new AdmissionTestKit();
        var e = kit.Reject(Obj("apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: p, namespace: apps}\n" + specYaml));
        Assert.Equal(422, e.Code);
        Assert.Contains(e.Details!.Causes!, c => c.Field == field && c.Message == message);
        Assert.StartsWith("PropagationPolicy.policy.karmada.io \"p\" is invalid: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidPlacementVariants_Accepted()
    {
        var kit = new AdmissionTestKit();
        kit.Admit(PolicyWith(s =>
        {
            var placement = Placement(s);
            placement.Remove("clusterAffinity");
            placement["clusterAffinities"] = new JsonArray(
                new JsonObject { ["affinityName"] = "primary", ["clusterNames"] = new JsonArray("member1") },
                new JsonObject { ["affinityName"] = "backup", ["fieldSelector"] = new JsonObject { ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "region", ["operator"] = "In", ["values"] = new JsonArray("eu") }) } });
            placement["spreadConstraints"] = new JsonArray(new JsonObject { ["spreadByField"] = "region", ["maxGroups"] = 2, ["minGroups"] = 1 }, new JsonObject { ["spreadByField"] = "cluster", ["maxGroups"] = 3 });
            placement["clusterTolerations"] = new JsonArray(new JsonObject { ["key"] = WellKnownTaints.NotReady, ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 60 });
            s["suspension"] = new JsonObject { ["dispatchingOnClusters"] = new JsonObject { ["clusterNames"] = new JsonArray("member2") } };
            s["propagateDeps"] = true;
            s["failover"] = new JsonObject { ["application"] = new JsonObject { ["purgeMode"] = "Directly", ["decisionConditions"] = new JsonObject { ["tolerationSeconds"] = 0 } }, ["cluster"] = new JsonObject { ["purgeMode"] = "Directly" } };
            s["activationPreference"] = "Lazy";
        }));
    }

    // ---------------- OverridePolicy ----------------

    private const string Override = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata: {name: op, namespace: apps}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
          overrideRules:
          - targetCluster: {clusterNames: [member1]}
            overriders:
              imageOverrider: [{component: Registry, operator: replace, value: registry.example.com}]
              plaintext: [{path: /spec/replicas, operator: replace, value: 2}]
              fieldOverrider: [{fieldPath: /data/config.yaml, yaml: [{subPath: /a, operator: replace, value: b}]}]
        """;

    [Fact]
    public void OverridePolicy_Valid_SelectorNamespaceDefaulted()
    {
        var kit = new AdmissionTestKit();
        var op = Obj(Override);
        kit.Admit(op);
        Assert.Equal("apps", At(op, "spec.resourceSelectors.0.namespace")!.GetValue<string>());
    }

    public static TheoryData<string, string> OverrideRejections => new()
    {
        { "rules and targetCluster", "spec.targetCluster: Invalid value: {\"clusterNames\":[\"x\"]}: overrideRules and targetCluster can't co-exist" },
        { "rules and overriders", "overrideRules and overriders can't co-exist" },
        { "remove with value", "spec.overrideRules[0].overriders.plaintext[0].value: Invalid value: 2: value is not allowed for remove operation" },
        { "json and yaml", "FieldOverrider has both YAML and JSON set. Only one is allowed" },
        { "neither json nor yaml", "FieldOverrider must have either YAML or JSON set" },
        { "bad label", "spec.overrideRules[0].overriders.labelsOverrider[0].value" },
    };

    [Theory]
    [MemberData(nameof(OverrideRejections))]
    public void OverridePolicy_WebhookRejects(string @case, string expected)
    {
        var kit = new AdmissionTestKit();
        var op = Obj(Override);
        var spec = (JsonObject)op["spec"]!;
        var overriders = (JsonObject)spec["overrideRules"]![0]!["overriders"]!;
        switch (@case)
        {
            case "rules and targetCluster": spec["targetCluster"] = new JsonObject { ["clusterNames"] = new JsonArray("x") }; break;
            case "rules and overriders": spec["overriders"] = new JsonObject { ["plaintext"] = new JsonArray(new JsonObject { ["path"] = "/a", ["operator"] = "remove" }) }; break;
            case "remove with value": overriders["plaintext"]![0]!["operator"] = "remove"; break;
            case "json and yaml": overriders["fieldOverrider"]![0]!["json"] = new JsonArray(new JsonObject { ["subPath"] = "/a", ["operator"] = "remove" }); break;
            case "neither json nor yaml": overriders["fieldOverrider"]![0]!.AsObject().Remove("yaml"); break;
            case "bad label": overriders["labelsOverrider"] = new JsonArray(new JsonObject { ["operator"] = "add", ["value"] = new JsonObject { ["bad key!"] = "v" } }); break;
            default: throw new InvalidOperationException(@case);
        }
        var e = kit.Reject(op);
        Assert.Equal(403, e.Code);
        Assert.StartsWith("admission webhook \"overridepolicy.karmada.io\" denied the request: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("imageOverrider: [{component: Digest, operator: replace, value: x}]", "spec.overrideRules[0].overriders.imageOverrider[0].component")]
    [InlineData("plaintext: [{path: /a, operator: merge, value: x}]", "spec.overrideRules[0].overriders.plaintext[0].operator")]
    [InlineData("commandOverrider: [{containerName: c, operator: replace, value: [x]}]", "spec.overrideRules[0].overriders.commandOverrider[0].operator")]
    public void OverridePolicy_OperatorAndComponentEnums(string overriders, string field)
    {
        var kit = new AdmissionTestKit();
        var e = kit.Reject(Obj($"apiVersion: policy.karmada.io/v1alpha1\nkind: OverridePolicy\nmetadata: {{name: op}}\nspec:\n  overrideRules:\n  - overriders:\n      {overriders}"));
        Assert.Equal(422, e.Code);
        Assert.Contains(e.Details!.Causes!, c => c.Field == field && c.Message.StartsWith("Unsupported value", StringComparison.Ordinal));
    }

    // ---------------- Cluster ----------------

    public static TheoryData<string, string, string> ClusterRejections => new()
    {
        { "name: " + new string('a', 49), "metadata.name", "Invalid value: \"" + new string('a', 49) + "\": must be no more than 48 characters" },
        { "name: Member_1", "metadata.name", "Invalid value: \"Member_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')" },
        { "name: m\nspec: {syncMode: Sideways}", "spec.syncMode", "Unsupported value: \"Sideways\": supported values: \"Push\", \"Pull\"" },
        { "name: m\nspec: {syncMode: Push, proxyURL: 'ftp://proxy:21'}", "spec.proxyURL", "Invalid value: \"ftp://proxy:21\": unsupported scheme \"ftp\", must be http, https, or socks5" },
        { "name: m\nspec: {syncMode: Push, apiEndpoint: 'https://user:pw@10.0.0.1:6443'}", "spec.apiEndpoint", "Invalid value: \"user:pw\": user information is not permitted in the URL" },
        { "name: m\nspec: {syncMode: Push, taints: [{key: a, effect: Sometimes}]}", "spec.taints[0].effect", "Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"" },
        { "name: m\nspec: {syncMode: Push, taints: [{key: a, effect: NoSchedule}, {key: a, effect: NoSchedule}]}", "spec.taints[1]", "Duplicate value: {\"key\":\"a\",\"effect\":\"NoSchedule\"}" },
        { "name: m\nspec: {syncMode: Push, impersonatorSecretRef: {namespace: karmada-cluster}}", "spec.impersonatorSecretRef.name", "Required value" },
        { "name: m\nspec: {syncMode: Push, resourceModels: [{grade: 0, ranges: [{name: cpu, min: '1', max: '2'}]}]}", "spec.resourceModels[0].ranges[0].min", "Invalid value: \"1\": the min value of the first resource model must be 0" },
        { "name: m\nspec: {syncMode: Push, resourceModels: [{grade: 0, ranges: [{name: cpu, min: '0', max: '2'}]}, {grade: 1, ranges: [{name: cpu, min: '3', max: '4'}]}]}", "spec.resourceModels[1].ranges[0].min", "Invalid value: \"3\": the min value of a resource model must equal the max value of the previous grade" },
    };

    [Theory]
    [MemberData(nameof(ClusterRejections))]
    public void Cluster_Invalid(string body, string field, string message)
    {
        var kit = new AdmissionTestKit();
        var lines = body.Split('\n');
        var yaml = "apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {" + lines[0] + "}\n" + (lines.Length > 1 ? lines[1] : "spec: {syncMode: Push}");
        var e = kit.Reject(Obj(yaml));
        Assert.Equal(422, e.Code);
        Assert.StartsWith("Cluster.cluster.karmada.io ", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.Details!.Causes!, c => c.Field == field && c.Message == message);
    }

    [Fact]
    public void Cluster_NoExecuteTaintGetsTimeAdded_DefaultModelsValid()
    {
        var kit = new AdmissionTestKit();
        var c = Obj("apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: member1}\nspec: {syncMode: Pull, taints: [{key: x, effect: NoExecute}, {key: y, effect: NoSchedule}]}");
        kit.Admit(c);
        Assert.NotNull(At(c, "spec.taints.0.timeAdded"));
        Assert.Null(At(c, "spec.taints.1.timeAdded"));
        Assert.Equal("4Gi", At(c, "spec.resourceModels.1.ranges.1.min")!.GetValue<string>());
        Assert.Equal("1Ti", At(c, "spec.resourceModels.8.ranges.1.min")!.GetValue<string>());
        // the defaulted models pass validation when written back
        kit.Admit((JsonObject)c.DeepClone(), old: c);
    }

    // ---------------- bindings, works, quotas, others ----------------

    [Theory]
    [InlineData("apiVersion: work.karmada.io/v1alpha2\nkind: ResourceBinding\nmetadata: {name: web-deployment, namespace: apps}\nspec: {resource: {apiVersion: apps/v1, kind: Deployment, name: web}}", WellKnownLabels.ResourceBindingPermanentId)]
    [InlineData("apiVersion: work.karmada.io/v1alpha2\nkind: ClusterResourceBinding\nmetadata: {name: ns-namespace}\nspec: {resource: {apiVersion: v1, kind: Namespace, name: ns}}", WellKnownLabels.ClusterResourceBindingPermanentId)]
    [InlineData("apiVersion: work.karmada.io/v1alpha1\nkind: Work\nmetadata: {name: web-687f7fb96f, namespace: karmada-es-member1}\nspec: {workload: {manifests: []}}", WellKnownLabels.WorkPermanentId)]
    public void Bindings_AndWorks_GetPermanentId(string yaml, string label)
    {
        var kit = new AdmissionTestKit();
        var o = Obj(yaml);
        kit.Admit(o);
        Assert.Equal("11111111-2222-3333-4444-555555555555", o.Label(label));
        var update = (JsonObject)o.DeepClone();
        update.SetLabel(label, null);
        kit.Admit(update, old: o);
        Assert.Equal(o.Label(label), update.Label(label));
    }

    [Theory]
    [InlineData("{overall: {cpu: '10'}, staticAssignments: [{clusterName: m1, hard: {cpu: '6'}}, {clusterName: m2, hard: {cpu: '5'}}]}", "overall is less than the total of static assignments for cpu")]
    [InlineData("{overall: {cpu: '10'}, staticAssignments: [{clusterName: m1, hard: {memory: 1Gi}}]}", "memory in staticAssignment at index (0) not exist in overall")]
    [InlineData("{overall: {cpu: '10'}, staticAssignments: [{clusterName: m1, hard: {cpu: '1'}}, {clusterName: m1, hard: {cpu: '1'}}]}", "spec.staticAssignments[1].clusterName: Duplicate value: \"m1\"")]
    [InlineData("{overall: {cpu: '-1'}}", "spec.overall[cpu]: Invalid value: \"-1\": must be greater than or equal to 0")]
    public void FederatedResourceQuota_Rejected(string spec, string expected)
    {
        var kit = new AdmissionTestKit();
        var e = kit.Reject(Obj("apiVersion: policy.karmada.io/v1alpha1\nkind: FederatedResourceQuota\nmetadata: {name: q}\nspec: " + spec));
        Assert.Equal(403, e.Code);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FederatedResourceQuota_Valid()
    {
        var kit = new AdmissionTestKit();
        kit.Admit(Obj("apiVersion: policy.karmada.io/v1alpha1\nkind: FederatedResourceQuota\nmetadata: {name: q}\nspec: {overall: {cpu: '10', memory: 10Gi}, staticAssignments: [{clusterName: m1, hard: {cpu: '5', memory: 5Gi}}, {clusterName: m2, hard: {cpu: '5'}}]}"));
    }

    [Fact]
    public void ClusterTaintPolicy_RequiresTaintsAndConditions()
    {
        var kit = new AdmissionTestKit();
        kit.Admit(Obj("apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterTaintPolicy\nmetadata: {name: t}\nspec: {addOnConditions: [{conditionType: Ready, operator: NotIn, statusValues: ['True']}], taints: [{key: cluster.karmada.io/not-ready, effect: NoExecute}]}"));
        var schema = kit.Reject(Obj("apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterTaintPolicy\nmetadata: {name: t}\nspec: {addOnConditions: [{conditionType: Ready, operator: NotIn, statusValues: ['True']}], taints: []}"));
        Assert.Contains(schema.Details!.Causes!, c => c.Field == "spec.taints");
        var hook = kit.Reject(Obj("apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterTaintPolicy\nmetadata: {name: t}\nspec: {taints: [{key: a, effect: NoSchedule}]}"));
        Assert.Contains("addOnConditions and removeOnConditions cannot both be empty", hook.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FederatedHpa_And_Cron_Validated()
    {
        var kit = new AdmissionTestKit();
        var e = kit.Reject(Obj("apiVersion: autoscaling.karmada.io/v1alpha1\nkind: FederatedHPA\nmetadata: {name: f}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 3, maxReplicas: 2}"));
        Assert.Contains("spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`", e.Message, StringComparison.Ordinal);
        var cron = kit.Reject(Obj("apiVersion: autoscaling.karmada.io/v1alpha1\nkind: CronFederatedHPA\nmetadata: {name: c}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, rules: [{name: a, schedule: '0 * * * *', targetReplicas: 2}, {name: a, schedule: '0 * * * *', targetReplicas: 3}]}"));
        Assert.Contains("spec.rules[1].name: Duplicate value: \"a\"", cron.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeletionProtection_DeniesDelete()
    {
        var registry = new Flotilla.ApiServer.Schema.SchemaRegistry();
        var admission = new Flotilla.ApiServer.Schema.SchemaAdmission(registry);
        var d = Obj("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: apps, labels: {resourcetemplate.karmada.io/deletion-protected: Always}}");
        var resource = AdmissionTestKit.ResourceFor(registry, d);
        var e = Assert.Throws<ApiStatusException>(() => admission.Admit(new Flotilla.ApiServer.Schema.AdmissionRequest(resource, Flotilla.ApiServer.Schema.AdmissionOperation.Delete, d, d, null, "")));
        Assert.Equal(403, e.Code);
        Assert.Equal("admission webhook \"resourcedeletionprotection.karmada.io\" denied the request: This resource is protected, please make sure to remove the label: resourcetemplate.karmada.io/deletion-protected", e.Message);
        d.SetLabel(WellKnownLabels.DeletionProtected, null);
        Assert.Empty(admission.Admit(new Flotilla.ApiServer.Schema.AdmissionRequest(resource, Flotilla.ApiServer.Schema.AdmissionOperation.Delete, d, d, null, "")));
    }
}
