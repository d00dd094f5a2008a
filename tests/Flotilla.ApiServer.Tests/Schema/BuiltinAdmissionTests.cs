using System.Text.Json.Nodes;
using Flotilla.ApiServer.Schema;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Schema;

public sealed class BuiltinAdmissionTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx:1.25
                ports: [{containerPort: 80}]
        """;

    private static JsonObject Obj(string yaml) => TestManifests.Yaml(yaml);

    private static JsonObject Mutate(string yaml, Action<JsonObject> change)
    {
        var o = Obj(yaml);
        change(o);
        return o;
    }

    private static JsonObject Container(JsonObject deployment) => (JsonObject)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;

    // ---------------- unknown fields ----------------

    [Fact]
    public void UnknownField_Strict_IsBadRequestWithKubernetesMessage()
    {
        var kit = new AdmissionTestKit();
        var d = Mutate(Deployment, o => { o["spec"]!["foo"] = 1; Container(o)["imagee"] = "x"; });
        var e = kit.Reject(d, "Strict");
        Assert.Equal(400, e.Code);
        Assert.Equal(StatusReasons.BadRequest, e.Reason);
        Assert.Equal("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\", unknown field \"spec.foo\"", e.Message);
    }

    [Fact]
    public void UnknownField_Warn_WarnsAndPrunes()
    {
        var kit = new AdmissionTestKit();
        var d = Mutate(Deployment, o => { o["spec"]!["foo"] = 1; o["metadata"]!["bar"] = "x"; });
        var warnings = kit.Admit(d, "Warn");
        Assert.Equal(["unknown field \"metadata.bar\"", "unknown field \"spec.foo\""], warnings.Order(StringComparer.Ordinal));
        Assert.Null(d["spec"]!["foo"]);
        Assert.Null(d["metadata"]!["bar"]);
    }

    [Fact]
    public void UnknownField_DefaultMode_IsWarn()
    {
        var kit = new AdmissionTestKit();
        var d = Mutate(Deployment, o => o["spec"]!["foo"] = 1);
        Assert.Single(kit.Admit(d, ""));
    }

    [Fact]
    public void UnknownField_Ignore_PrunesSilently()
    {
        var kit = new AdmissionTestKit();
        var d = Mutate(Deployment, o => o["spec"]!["foo"] = 1);
        Assert.Empty(kit.Admit(d, "Ignore"));
        Assert.Null(d["spec"]!["foo"]);
    }

    [Fact]
    public void NullFields_AreDropped_NotUnknown()
    {
        var kit = new AdmissionTestKit();
        var d = Mutate(Deployment, o => o["spec"]!["template"]!["metadata"]!["creationTimestamp"] = null);
        Assert.Empty(kit.Admit(d, "Strict"));
        Assert.False(((JsonObject)d["spec"]!["template"]!["metadata"]!).ContainsKey("creationTimestamp"));
    }

    [Fact]
    public void PreserveUnknownFields_KeepsEmbeddedManifests()
    {
        var kit = new AdmissionTestKit();
        var work = Obj("""
            apiVersion: work.karmada.io/v1alpha1
            kind: Work
            metadata: {name: w, namespace: karmada-es-member1}
            spec: {workload: {manifests: [{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: b}, anything: {goes: true}}]}}
            """);
        Assert.Empty(kit.Admit(work, "Strict"));
        Assert.True(work["spec"]!["workload"]!["manifests"]![0]!["anything"]!["goes"]!.GetValue<bool>());
    }

    [Fact]
    public void CustomResource_StructuralSchema_UnknownFieldsPrunedOrRejected()
    {
        var kit = new AdmissionTestKit();
        kit.Admit(Obj("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        required: [size]
                        properties:
                          size: {type: integer, minimum: 1}
                          color: {type: string, enum: [red, blue], default: red}
                          extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """));
        var ok = Obj("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 2, extra: {free: form}, junk: 1}");
        Assert.Equal(["unknown field \"spec.junk\""], kit.Admit(ok, "Warn"));
        Assert.Null(ok["spec"]!["junk"]);
        Assert.Equal("red", ok["spec"]!["color"]!.GetValue<string>());
        Assert.Equal("form", ok["spec"]!["extra"]!["free"]!.GetValue<string>());

        var strict = kit.Reject(Obj("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 2, junk: 1}"));
        Assert.Contains("strict decoding error: unknown field \"spec.junk\"", strict.Message, StringComparison.Ordinal);

        var invalid = kit.Reject(Obj("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 0, color: green}"));
        Assert.Equal(422, invalid.Code);
        Assert.Contains(invalid.Details!.Causes!, c => c.Field == "spec.size" && c.Message.Contains("should be greater than or equal to 1", StringComparison.Ordinal));
        Assert.Contains(invalid.Details!.Causes!, c => c.Field == "spec.color" && c.Message == "Unsupported value: \"green\": supported values: \"red\", \"blue\"");

        var missing = kit.Reject(Obj("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {color: red}"));
        Assert.Equal("Widget.example.com \"w\" is invalid: spec.size: Required value", missing.Message);
    }

    // ---------------- type checks ----------------

    [Fact]
    public void WrongType_Is422NamingTheField()
    {
        var kit = new AdmissionTestKit();
        var e = kit.Reject(Mutate(Deployment, o => o["spec"]!["replicas"] = "three"));
        Assert.Equal(422, e.Code);
        Assert.Equal(StatusReasons.Invalid, e.Reason);
        var cause = Assert.Single(e.Details!.Causes!);
        Assert.Equal("spec.replicas", cause.Field);
        Assert.Equal("Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"", cause.Message);
    }

    [Fact]
    public void IntOrString_AcceptsBoth_RejectsOthers()
    {
        var kit = new AdmissionTestKit();
        kit.Admit(Mutate(Deployment, o => o["spec"]!["strategy"] = new JsonObject { ["rollingUpdate"] = new JsonObject { ["maxSurge"] = 1, ["maxUnavailable"] = "10%" } }));
        var e = kit.Reject(Mutate(Deployment, o => o["spec"]!["strategy"] = new JsonObject { ["rollingUpdate"] = new JsonObject { ["maxSurge"] = true } }));
        Assert.Equal("spec.strategy.rollingUpdate.maxSurge", Assert.Single(e.Details!.Causes!).Field);
    }

    // ---------------- defaults ----------------

    [Fact]
    public void Deployment_Defaults_AsKubernetes()
    {
        var kit = new AdmissionTestKit();
        var d = Mutate(Deployment, o => o["spec"]!.AsObject().Remove("replicas"));
        kit.Admit(d);
        var spec = d["spec"]!;
        Assert.Equal(1, spec["replicas"]!.GetValue<long>());
        Assert.Equal(10, spec["revisionHistoryLimit"]!.GetValue<long>());
        Assert.Equal(600, spec["progressDeadlineSeconds"]!.GetValue<long>());
        Assert.Equal("RollingUpdate", spec["strategy"]!["type"]!.GetValue<string>());
        Assert.Equal("25%", spec["strategy"]!["rollingUpdate"]!["maxSurge"]!.GetValue<string>());
        Assert.Equal("25%", spec["strategy"]!["rollingUpdate"]!["maxUnavailable"]!.GetValue<string>());
        var pod = spec["template"]!["spec"]!;
        Assert.Equal("Always", pod["restartPolicy"]!.GetValue<string>());
        Assert.Equal("ClusterFirst", pod["dnsPolicy"]!.GetValue<string>());
        Assert.Equal("default-scheduler", pod["schedulerName"]!.GetValue<string>());
        Assert.Equal(30, pod["terminationGracePeriodSeconds"]!.GetValue<long>());
        var c = pod["containers"]![0]!;
        Assert.Equal("/dev/termination-log", c["terminationMessagePath"]!.GetValue<string>());
        Assert.Equal("File", c["terminationMessagePolicy"]!.GetValue<string>());
        Assert.Equal("IfNotPresent", c["imagePullPolicy"]!.GetValue<string>());
        Assert.Equal("TCP", c["ports"]![0]!["protocol"]!.GetValue<string>());
    }

    [Fact]
    public void PersistentVolumeAndClaim_Defaults_AsKubernetes()
    {
        var kit = new AdmissionTestKit();
        var pvc = JsonNode.Parse("""{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"c"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}""")!.AsObject();
        kit.Admit(pvc);
        Assert.Equal("Filesystem", pvc["spec"]!["volumeMode"]!.GetValue<string>());
        Assert.Equal("Pending", pvc["status"]!["phase"]!.GetValue<string>());
        var pv = JsonNode.Parse("""{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"v"},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"hostPath":{"path":"/tmp"}}}""")!.AsObject();
        kit.Admit(pv);
        Assert.Equal("Retain", pv["spec"]!["persistentVolumeReclaimPolicy"]!.GetValue<string>());
        Assert.Equal("Filesystem", pv["spec"]!["volumeMode"]!.GetValue<string>());
        Assert.Equal("Pending", pv["status"]!["phase"]!.GetValue<string>());
        var bound = JsonNode.Parse("""{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"b"},"spec":{"volumeMode":"Block","accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}},"status":{"phase":"Bound"}}""")!.AsObject();
        kit.Admit(bound);
        Assert.Equal("Block Bound", bound["spec"]!["volumeMode"] + " " + bound["status"]!["phase"]);
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.25", "IfNotPresent")]
    [InlineData("registry:5000/team/app", "Always")]
    [InlineData("registry:5000/team/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:abcd", "IfNotPresent")]
    public void ImagePullPolicy_Default(string image, string expected)
    {
        var kit = new AdmissionTestKit();
        var d = Mutate(Deployment, o => Container(o)["image"] = image);
        kit.Admit(d);
        Assert.Equal(expected, Container(d)["imagePullPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Recreate_StrategyGetsNoRollingUpdate()
    {
        var kit = new AdmissionTestKit();
        var d = Mutate(Deployment, o => o["spec"]!["strategy"] = new JsonObject { ["type"] = "Recreate" });
        kit.Admit(d);
        Assert.Null(d["spec"]!["strategy"]!["rollingUpdate"]);
    }

    [Fact]
    public void Service_Defaults()
    {
        var kit = new AdmissionTestKit();
        var s = Obj("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 8080}]}");
        kit.Admit(s);
        Assert.Equal("ClusterIP", s["spec"]!["type"]!.GetValue<string>());
        Assert.Equal("None", s["spec"]!["sessionAffinity"]!.GetValue<string>());
        Assert.Equal("TCP", s["spec"]!["ports"]![0]!["protocol"]!.GetValue<string>());
        Assert.Equal(8080, s["spec"]!["ports"]![0]!["targetPort"]!.GetValue<long>());
    }

    [Fact]
    public void Job_Defaults_AndGeneratedSelector()
    {
        var kit = new AdmissionTestKit();
        var j = Obj("apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi, uid: 0b1c}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}");
        kit.Admit(j);
        var spec = j["spec"]!;
        Assert.Equal(1, spec["completions"]!.GetValue<long>());
        Assert.Equal(1, spec["parallelism"]!.GetValue<long>());
        Assert.Equal(6, spec["backoffLimit"]!.GetValue<long>());
        Assert.Equal("NonIndexed", spec["completionMode"]!.GetValue<string>());
        Assert.Equal("0b1c", spec["selector"]!["matchLabels"]!["batch.kubernetes.io/controller-uid"]!.GetValue<string>());
        Assert.Equal("pi", spec["template"]!["metadata"]!["labels"]!["job-name"]!.GetValue<string>());
    }

    [Fact]
    public void Secret_StringDataMergedIntoData_TypeDefaulted()
    {
        var kit = new AdmissionTestKit();
        var s = Obj("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {token: abc}");
        kit.Admit(s);
        Assert.Equal("YWJj", s["data"]!["token"]!.GetValue<string>());
        Assert.Null(s["stringData"]);
        Assert.Equal("Opaque", s["type"]!.GetValue<string>());
    }

    [Fact]
    public void Namespace_Defaults()
    {
        var kit = new AdmissionTestKit();
        var ns = Obj("apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}");
        kit.Admit(ns);
        Assert.Equal("team-a", ns["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
        Assert.Equal("kubernetes", ns["spec"]!["finalizers"]![0]!.GetValue<string>());
        Assert.Equal("Active", ns["status"]!["phase"]!.GetValue<string>());
    }

    // ---------------- validation ----------------

    public static TheoryData<string, string, string> InvalidCases => new()
    {
        { "selector mismatch", "spec.template.metadata.labels", "Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`" },
        { "selector missing", "spec.selector", "Required value" },
        { "empty selector", "spec.selector", "Invalid value: {}: empty selector is invalid for deployment" },
        { "negative replicas", "spec.replicas", "Invalid value: -1: must be greater than or equal to 0" },
        { "no containers", "spec.template.spec.containers", "Required value" },
        { "duplicate container", "spec.template.spec.containers[1].name", "Duplicate value: \"web\"" },
        { "missing image", "spec.template.spec.containers[0].image", "Required value" },
        { "bad port", "spec.template.spec.containers[0].ports[0].containerPort", "Invalid value: 0: must be between 1 and 65535, inclusive" },
        { "bad container name", "spec.template.spec.containers[0].name", "Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')" },
        { "restart never", "spec.template.spec.restartPolicy", "Unsupported value: \"Never\": supported values: \"Always\"" },
        { "bad label value", "metadata.labels", "Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')" },
        { "bad name", "metadata.name", "Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')" },
        { "missing volume", "spec.template.spec.containers[0].volumeMounts[0].name", "Not found: \"data\"" },
        { "requests over limits", "spec.template.spec.containers[0].resources.requests[cpu]", "Invalid value: \"2\": must be less than or equal to cpu limit of 1" },
        { "zero surge and unavailable", "spec.strategy.rollingUpdate.maxUnavailable", "Invalid value: 0: may not be 0 when `maxSurge` is 0" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Deployment_Invalid(string @case, string field, string message)
    {
        var kit = new AdmissionTestKit();
        var d = Obj(Deployment);
        var spec = (JsonObject)d["spec"]!;
        var c = Container(d);
        switch (@case)
        {
            case "selector mismatch": spec["template"]!["metadata"]!["labels"] = new JsonObject { ["app"] = "other" }; break;
            case "selector missing": spec.Remove("selector"); break;
            case "empty selector": spec["selector"] = new JsonObject(); break;
            case "negative replicas": spec["replicas"] = -1; break;
            case "no containers": spec["template"]!["spec"]!["containers"] = new JsonArray(); break;
            case "duplicate container": ((JsonArray)spec["template"]!["spec"]!["containers"]!).Add(new JsonObject { ["name"] = "web", ["image"] = "x" }); break;
            case "missing image": c.Remove("image"); break;
            case "bad port": c["ports"]![0]!["containerPort"] = 0; break;
            case "bad container name": c["name"] = "Web"; break;
            case "restart never": spec["template"]!["spec"]!["restartPolicy"] = "Never"; break;
            case "bad label value": d["metadata"]!["labels"] = new JsonObject { ["bad key"] = "v" }; break;
            case "bad name": d["metadata"]!["name"] = "Web_1"; break;
            case "missing volume": c["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "data", ["mountPath"] = "/data" }); break;
            case "requests over limits": c["resources"] = new JsonObject { ["limits"] = new JsonObject { ["cpu"] = "1" }, ["requests"] = new JsonObject { ["cpu"] = "2" } }; break;
            case "zero surge and unavailable": spec["strategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxSurge"] = 0, ["maxUnavailable"] = 0 } }; break;
            default: throw new InvalidOperationException(@case);
        }
        var e = kit.Reject(d);
        Assert.Equal(422, e.Code);
        Assert.Contains(e.Details!.Causes!, x => x.Field == field && x.Message == message);
        Assert.StartsWith("Deployment.apps \"" + d["metadata"]!["name"]!.GetValue<string>() + "\" is invalid: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_SelectorImmutable()
    {
        var kit = new AdmissionTestKit();
        var old = Obj(Deployment);
        kit.Admit(old);
        var updated = Obj(Deployment);
        updated["spec"]!["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web", ["x"] = "y" } };
        updated["spec"]!["template"]!["metadata"]!["labels"]!["x"] = "y";
        var e = kit.Reject(updated, old: old);
        Assert.Contains(e.Details!.Causes!, c => c.Field == "spec.selector" && c.Message.EndsWith("field is immutable", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> OtherInvalid => new()
    {
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {a: b}}", "spec.ports", "Required value" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 70000}]}", "spec.ports[0].port", "Invalid value: 70000: must be between 1 and 65535, inclusive" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}, {port: 81}]}", "spec.ports[0].name", "Required value" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: ExternalName}", "spec.externalName", "Required value" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: ClusterIP, ports: [{port: 80, nodePort: 30000}]}", "spec.ports[0].nodePort", "Forbidden: may not be used when `type` is 'ClusterIP'" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: 1svc}\nspec: {ports: [{port: 80}]}", "metadata.name", "Invalid value: \"1svc\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')" },
        { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {'bad key': v}", "data[bad key]", "Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')" },
        { "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {a: 'not base64!'}", "data[a]", "Invalid value: \"not base64!\": data[a] in body must be of type byte: \"not base64!\"" },
        { "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/tls\ndata: {tls.crt: YQ==}", "data[tls.key]", "Required value" },
        { "apiVersion: v1\nkind: Namespace\nmetadata: {name: Team.A}", "metadata.name", "Invalid value: \"Team.A\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')" },
        { "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {spec: {containers: [{name: c, image: i}]}}}", "spec.template.spec.restartPolicy", "Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"" },
        { "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec: {schedule: 'every minute', jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: i}]}}}}}", "spec.schedule", "Invalid value: \"every minute\": unparseable schedule: expected exactly 5 fields or a predefined descriptor" },
        { "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {rules: [{http: {paths: [{path: foo, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}}]}", "spec.rules[0].http.paths[0].path", "Invalid value: \"foo\": must be an absolute path" },
        { "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Secret, name: r}", "roleRef.kind", "Unsupported value: \"Secret\": supported values: \"Role\", \"ClusterRole\"" },
        { "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {scaleTargetRef: {kind: Deployment, name: d}, minReplicas: 5, maxReplicas: 2}", "spec.maxReplicas", "Invalid value: 2: must be greater than or equal to `minReplicas`" },
        { "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: {minAvailable: 1, maxUnavailable: 1}", "spec", "Invalid value: {\"minAvailable\":1,\"maxUnavailable\":1}: minAvailable and maxUnavailable cannot be both set" },
        { "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: wrong}\nspec: {group: example.com, names: {kind: W, plural: ws}, scope: Cluster, versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]}", "metadata.name", "Invalid value: \"wrong\": must be spec.names.plural+\".\"+spec.group" },
        { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: ['bad finalizer']}", "metadata.finalizers[0]", "Invalid value: \"bad finalizer\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')" },
        { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: d}]}", "metadata.ownerReferences.uid", "Invalid value: \"\": uid must not be empty" },
        { "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q}\nspec: {hard: {requests.cpu: lots}}", "spec.hard[requests.cpu]", "Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
        { "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, env: [{name: '1BAD'}]}]}", "spec.containers[0].env[0].name", "Invalid value: \"1BAD\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')" },
    };

    [Theory]
    [MemberData(nameof(OtherInvalid))]
    public void BuiltIn_Invalid(string yaml, string field, string message)
    {
        var kit = new AdmissionTestKit();
        var e = kit.Reject(Obj(yaml));
        Assert.Equal(422, e.Code);
        Assert.Contains(e.Details!.Causes!, x => x.Field == field && x.Message == message);
    }

    public static TheoryData<string> ValidObjects => new()
    {
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIP: None, selector: {a: b}}",
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: ExternalName, externalName: db.example.com}",
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: NodePort, ports: [{name: http, port: 80, targetPort: http, nodePort: 30080}, {name: https, port: 443}]}",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {app.kubernetes.io/name: x}, annotations: {Example.com/Key: v}}\ndata: {app.properties: 'a=b', .hidden: x}",
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec: {schedule: '@hourly', jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: i}]}}}}}",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: 'system:controller:x'}\nrules: [{apiGroups: [''], resources: [pods], verbs: [get, list]}, {nonResourceURLs: [/healthz], verbs: [get]}]",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}\nsubjects: [{kind: ServiceAccount, name: sa, namespace: kube-system}, {kind: User, name: alice}]",
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {serviceName: db, selector: {matchExpressions: [{key: app, operator: In, values: [db]}]}, template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres, volumeMounts: [{name: data, mountPath: /var/lib/pg}]}], volumes: [{name: data, emptyDir: {}}]}}}",
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {tolerations: [{operator: Exists}], containers: [{name: c, image: i, resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: '1', memory: 1Gi}}}]}}}",
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {ingressClassName: nginx, rules: [{host: '*.example.com', http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {name: http}}}}]}}]}",
        "apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: l}\nspec: {holderIdentity: x, leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00.000000Z'}",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, env: [{name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}], livenessProbe: {httpGet: {port: 8080}}}]}",
    };

    [Theory]
    [MemberData(nameof(ValidObjects))]
    public void BuiltIn_Valid(string yaml)
    {
        var kit = new AdmissionTestKit();
        Assert.Empty(kit.Admit(Obj(yaml)));
    }

    [Fact]
    public void CustomResource_OddSchemaValues_DoNotCrash()
    {
        var kit = new AdmissionTestKit();
        kit.Admit(Obj("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: odds.example.com}\nspec: {group: example.com, names: {kind: Odd, plural: odds}, scope: Namespaced, versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {name: {type: string, pattern: '(?<unbalanced', maxLength: 5.0}, port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}}}}}}}]}"));
        var ok = Obj("apiVersion: example.com/v1\nkind: Odd\nmetadata: {name: o}\nspec: {name: abc, port: http}");
        Assert.Empty(kit.Admit(ok));
        var e = kit.Reject(Obj("apiVersion: example.com/v1\nkind: Odd\nmetadata: {name: o}\nspec: {name: abcdefgh, port: [1]}"));
        Assert.Contains(e.Details!.Causes!, c => c.Field == "spec.name" && c.Message == "Too long: may not be more than 5 bytes");
        Assert.Contains(e.Details!.Causes!, c => c.Field == "spec.port");
    }

    [Fact]
    public void MaxLength_CountsCodePoints_AsGosValidatorDoes()
    {
        var kit = new AdmissionTestKit();
        kit.Admit(Obj("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: notes.example.com}\nspec: {group: example.com, names: {kind: Note, plural: notes}, scope: Namespaced, versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {text: {type: string, maxLength: 3}}}}}}}]}"));
        var emoji = Obj("apiVersion: example.com/v1\nkind: Note\nmetadata: {name: n}\nspec: {}");
        emoji["spec"]!["text"] = "ab\U0001F600"; // three code points in four UTF-16 units
        Assert.Empty(kit.Admit(emoji));
        var combining = Obj("apiVersion: example.com/v1\nkind: Note\nmetadata: {name: n}\nspec: {}");
        combining["spec"]!["text"] = "abe\u0301"; // four code points, three on screen
        var e = kit.Reject(combining);
        Assert.Contains(e.Details!.Causes!, c => c.Field == "spec.text");
    }

    [Fact]
    public void StatusSubresource_SkipsSpecValidation()
    {
        var kit = new AdmissionTestKit();
        var d = Obj(Deployment);
        kit.Admit(d);
        var status = (JsonObject)d.DeepClone();
        status["status"] = new JsonObject { ["readyReplicas"] = 2, ["replicas"] = 2 };
        Assert.Empty(kit.Admit(status, old: d, subresource: "status"));
    }

    [Fact]
    public void StatusSubresource_StillChecksAndPrunesTheStatus()
    {
        var kit = new AdmissionTestKit();
        var d = Obj(Deployment);
        kit.Admit(d);
        var bad = (JsonObject)d.DeepClone();
        bad["status"] = new JsonObject { ["readyReplicas"] = "two" };
        var e = kit.Reject(bad, old: d, subresource: "status");
        Assert.Contains(e.Details!.Causes!, c => c.Field == "status.readyReplicas");

        var unknown = (JsonObject)d.DeepClone();
        unknown["status"] = new JsonObject { ["replicas"] = 2, ["madeUp"] = true };
        Assert.Contains(kit.Admit(unknown, fieldValidation: "Warn", old: d, subresource: "status"), w => w.Contains("status.madeUp", StringComparison.Ordinal));
        Assert.False(((JsonObject)unknown["status"]!).ContainsKey("madeUp"));
        Assert.Equal(2, (int)unknown["status"]!["replicas"]!);
    }

    [Fact]
    public void UnknownKind_PassesUnchanged()
    {
        var admission = new SchemaAdmission(new SchemaRegistry());
        var obj = Obj("apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}\nspec: {anything: 1}");
        var resource = new ApiResource { Group = "example.com", Version = "v1", Kind = "Thing", Plural = "things", Singular = "thing", Namespaced = true };
        Assert.Empty(admission.Admit(new AdmissionRequest(resource, AdmissionOperation.Create, obj, null, null, "Strict")));
        Assert.Equal(1, obj["spec"]!["anything"]!.GetValue<long>());
    }
}
