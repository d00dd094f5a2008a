using System.Text.Json.Nodes;
using Flotilla.ApiServer.Schema;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Schema;

public sealed class TableConverterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private const string Created = "2026-01-10T11:54:58Z"; // 5m2s before Now

    private static (JsonObject Table, string[] Names, int[] Priorities, JsonArray Cells) Print(string yaml, SchemaRegistry? registry = null, string includeObject = "Metadata")
    {
        registry ??= new SchemaRegistry();
        var obj = TestManifests.Yaml(yaml);
        var converter = new KubeTableConverter(registry, new FixedTimeProvider(Now));
        var table = converter.ToTable(AdmissionTestKit.ResourceFor(registry, obj), [obj], "42", "next", 7, includeObject);
        var cols = (JsonArray)table["columnDefinitions"]!;
        return (table, cols.Select(c => c!["name"]!.GetValue<string>()).ToArray(), cols.Select(c => c!["priority"]!.GetValue<int>()).ToArray(),
            (JsonArray)table["rows"]![0]!["cells"]!);
    }

    private static string[] Texts(JsonArray cells) => cells.Select(c => c is null ? "<nil>" : c is JsonValue v && v.TryGetValue<string>(out var s) ? s : c.ToJsonString()).ToArray();

    [Fact]
    public void Table_HasMetaAndPartialObjectMetadata()
    {
        var (table, _, _, _) = Print($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c, namespace: default, creationTimestamp: '{Created}', managedFields: [{{manager: x}}]}}\ndata: {{a: b}}");
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", table["apiVersion"]!.GetValue<string>());
        Assert.Equal("42", table["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("next", table["metadata"]!["continue"]!.GetValue<string>());
        Assert.Equal(7, table["metadata"]!["remainingItemCount"]!.GetValue<long>());
        var obj = table["rows"]![0]!["object"]!;
        Assert.Equal("PartialObjectMetadata", obj["kind"]!.GetValue<string>());
        Assert.Equal("c", obj["metadata"]!["name"]!.GetValue<string>());
        Assert.Null(obj["metadata"]!["managedFields"]);
        var first = table["columnDefinitions"]![0]!;
        Assert.Equal("name", first["format"]!.GetValue<string>());
    }

    [Fact]
    public void Table_IncludeObjectNone_OmitsObject_ObjectIncludesWholeObject()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {a: b}";
        Assert.Null(Print(yaml, includeObject: "None").Table["rows"]![0]!["object"]);
        Assert.Equal("b", Print(yaml, includeObject: "Object").Table["rows"]![0]!["object"]!["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public void Deployment_Columns()
    {
        var (_, names, prio, cells) = Print($$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nginx, namespace: default, creationTimestamp: '{{Created}}'}
            spec:
              replicas: 3
              selector: {matchLabels: {app: nginx, tier: web} }
              template:
                metadata: {labels: {app: nginx, tier: web} }
                spec: {containers: [{name: nginx, image: 'nginx:1.14.2'}, {name: side, image: busybox}] }
            status: {readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2}
            """);
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"], names);
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1], prio);
        Assert.Equal(["nginx", "2/3", "3", "2", "5m2s", "nginx,side", "nginx:1.14.2,busybox", "app=nginx,tier=web"], Texts(cells));
    }

    [Fact]
    public void Pod_Columns_RunningAndWide()
    {
        var (_, names, prio, cells) = Print($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: default, creationTimestamp: '{{Created}}'}
            spec: {nodeName: node-1, containers: [{name: a, image: x}, {name: b, image: y}]}
            status:
              phase: Running
              podIPs: [{ip: 10.0.0.5}]
              containerStatuses:
              - {name: a, ready: true, restartCount: 1, state: {running: {} } }
              - {name: b, ready: false, restartCount: 2, state: {waiting: {reason: CrashLoopBackOff} } }
            """);
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"], names);
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1], prio);
        Assert.Equal(["p", "1/2", "CrashLoopBackOff", "3", "5m2s", "10.0.0.5", "node-1", "<none>", "<none>"], Texts(cells));
    }

    [Fact]
    public void Pod_Terminating()
    {
        var (_, _, _, cells) = Print($"apiVersion: v1\nkind: Pod\nmetadata: {{name: p, namespace: default, creationTimestamp: '{Created}', deletionTimestamp: '{Created}'}}\nspec: {{containers: [{{name: a, image: x}}]}}\nstatus: {{phase: Running}}");
        Assert.Equal("Terminating", Texts(cells)[2]);
    }

    [Fact]
    public void Service_Columns()
    {
        var (_, names, prio, cells) = Print($$"""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default, creationTimestamp: '{{Created}}'}
            spec: {type: NodePort, clusterIP: 10.96.0.10, selector: {app: web}, ports: [{port: 80, nodePort: 30080, protocol: TCP}, {port: 53, protocol: UDP}]}
            """);
        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"], names);
        Assert.Equal([0, 0, 0, 0, 0, 0, 1], prio);
        Assert.Equal(["web", "NodePort", "10.96.0.10", "<none>", "80:30080/TCP,53/UDP", "5m2s", "app=web"], Texts(cells));
    }

    [Fact]
    public void LoadBalancerService_PendingExternalIp()
    {
        var (_, _, _, cells) = Print("apiVersion: v1\nkind: Service\nmetadata: {name: lb, namespace: default}\nspec: {type: LoadBalancer, ports: [{port: 80}]}");
        Assert.Equal("<pending>", Texts(cells)[3]);
        Assert.Equal("<none>", Texts(cells)[2]);
        Assert.Equal("<unknown>", Texts(cells)[5]);
    }

    public static TheoryData<string, string[], string[]> SimpleKinds => new()
    {
        { "apiVersion: v1\nkind: Namespace\nmetadata: {name: ns1, creationTimestamp: '" + Created + "'}\nstatus: {phase: Active}", ["Name", "Status", "Age"], ["ns1", "Active", "5m2s"] },
        { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: d, creationTimestamp: '" + Created + "'}\ndata: {a: b, c: d}\nbinaryData: {e: AA==}", ["Name", "Data", "Age"], ["c", "3", "5m2s"] },
        { "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: d, creationTimestamp: '" + Created + "'}\ntype: Opaque\ndata: {a: YQ==}", ["Name", "Type", "Data", "Age"], ["s", "Opaque", "1", "5m2s"] },
        { "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {replicas: 3, template: {spec: {containers: [{name: db, image: pg}]}}}\nstatus: {readyReplicas: 1}", ["Name", "Ready", "Age", "Containers", "Images"], ["db", "1/3", "5m2s", "db", "pg"] },
        { "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {replicas: 2, selector: {matchLabels: {a: b}}, template: {spec: {containers: [{name: c, image: i}]}}}\nstatus: {replicas: 2, readyReplicas: 1}", ["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"], ["rs", "2", "2", "1", "5m2s", "c", "i", "a=b"] },
        { "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {selector: {matchLabels: {a: b}}, template: {spec: {nodeSelector: {os: linux}, containers: [{name: c, image: i}]}}}\nstatus: {desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2}", ["Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age", "Containers", "Images", "Selector"], ["ds", "3", "3", "2", "3", "2", "os=linux", "5m2s", "c", "i", "a=b"] },
        { "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {completions: 3, selector: {matchLabels: {x: y}}, template: {spec: {containers: [{name: c, image: i}]}}}\nstatus: {succeeded: 3, startTime: '2026-01-10T11:55:00Z', completionTime: '2026-01-10T11:56:05Z', conditions: [{type: Complete, status: 'True'}]}", ["Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"], ["j", "Complete", "3/3", "65s", "5m2s", "c", "i", "x=y"] },
        { "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {schedule: '*/5 * * * *', suspend: false, jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: i}]}}}}}", ["Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images", "Selector"], ["cj", "*/5 * * * *", "<none>", "False", "0", "<none>", "5m2s", "c", "i", "<none>"] },
        { "apiVersion: v1\nkind: Node\nmetadata: {name: n1, creationTimestamp: '" + Created + "', labels: {node-role.kubernetes.io/control-plane: ''}}\nspec: {unschedulable: true}\nstatus: {conditions: [{type: Ready, status: 'True'}], addresses: [{type: InternalIP, address: 10.0.0.1}], nodeInfo: {kubeletVersion: v1.31.0, osImage: Debian, kernelVersion: '6.1', containerRuntimeVersion: 'containerd://1.7'}}", ["Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"], ["n1", "Ready,SchedulingDisabled", "control-plane", "5m2s", "v1.31.0", "10.0.0.1", "<none>", "Debian", "6.1", "containerd://1.7"] },
        { "apiVersion: v1\nkind: Endpoints\nmetadata: {name: e, namespace: d, creationTimestamp: '" + Created + "'}\nsubsets: [{addresses: [{ip: 10.0.0.1}, {ip: 10.0.0.2}], ports: [{port: 80}, {port: 443}]}]", ["Name", "Endpoints", "Age"], ["e", "10.0.0.1:80,10.0.0.1:443,10.0.0.2:80 + 1 more...", "5m2s"] },
        { "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ing, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {ingressClassName: nginx, rules: [{host: a.example.com}, {}], tls: [{hosts: [a.example.com]}]}\nstatus: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}", ["Name", "Class", "Hosts", "Address", "Ports", "Age"], ["ing", "nginx", "a.example.com,*", "1.2.3.4", "80, 443", "5m2s"] },
        { "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: d, creationTimestamp: '" + Created + "'}", ["Name", "Secrets", "Age"], ["sa", "0", "5m2s"] },
        { "apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: l, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {holderIdentity: me}", ["Name", "Holder", "Age"], ["l", "me", "5m2s"] },
        { "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r, creationTimestamp: '" + Created + "'}", ["Name", "Created At"], ["r", Created] },
        { "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb, namespace: d, creationTimestamp: '" + Created + "'}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\nsubjects: [{kind: User, name: alice}, {kind: ServiceAccount, name: sa, namespace: d}]", ["Name", "Role", "Age", "Users", "Groups", "ServiceAccounts"], ["rb", "Role/r", "5m2s", "alice", "", "d/sa"] },
        { "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: foos.example.com, creationTimestamp: '" + Created + "'}", ["Name", "Created At"], ["foos.example.com", Created] },
        { "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: d, creationTimestamp: '" + Created + "'}\nstatus: {hard: {requests.cpu: '10', limits.cpu: '20'}, used: {requests.cpu: 500m}}", ["Name", "Age", "Request", "Limit"], ["q", "5m2s", "requests.cpu: 500m/10", "limits.cpu: 0/20"] },
        { "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {scaleTargetRef: {kind: Deployment, name: web}, minReplicas: 1, maxReplicas: 5, metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]}\nstatus: {currentReplicas: 2}", ["Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age"], ["h", "Deployment/web", "cpu: <unknown>/80%", "1", "5", "2", "5m2s"] },
        { "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: pdb, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {minAvailable: 2}\nstatus: {disruptionsAllowed: 1}", ["Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"], ["pdb", "2", "N/A", "1", "5m2s"] },
        { "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: pvc, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {volumeName: pv1, storageClassName: standard}\nstatus: {phase: Bound, capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce]}", ["Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode"], ["pvc", "Bound", "pv1", "1Gi", "RWO", "standard", "<unset>", "5m2s", "<unset>"] },
        { "apiVersion: v1\nkind: Event\nmetadata: {name: ev1, namespace: d, creationTimestamp: '" + Created + "'}\ninvolvedObject: {kind: Deployment, name: pipy}\ntype: Warning\nreason: ApplyPolicyFailed\nmessage: 'No policy match for resource '\nsource: {component: resource-detector}\nfirstTimestamp: '" + Created + "'\nlastTimestamp: '2026-01-10T11:59:00Z'\ncount: 2", ["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"], ["60s", "Warning", "ApplyPolicyFailed", "deployment/pipy", "", "resource-detector", "No policy match for resource", "5m2s", "2", "ev1"] },
    };

    [Theory]
    [MemberData(nameof(SimpleKinds))]
    public void BuiltInKind_ColumnsAndCells(string yaml, string[] expectedColumns, string[] expectedCells)
    {
        var (_, names, _, cells) = Print(yaml);
        Assert.Equal(expectedColumns, names);
        Assert.Equal(expectedCells, Texts(cells));
    }

    [Fact]
    public void Cluster_KarmadaColumns_AndWide()
    {
        var (_, names, prio, cells) = Print($$"""
            apiVersion: cluster.karmada.io/v1alpha1
            kind: Cluster
            metadata: {name: member1, creationTimestamp: '{{Created}}'}
            spec: {syncMode: Push, apiEndpoint: 'https://10.0.0.1:6443', zones: [z1, z2], region: r1}
            status: {kubernetesVersion: v1.31.0, conditions: [{type: Ready, status: 'True'}] }
            """);
        Assert.Equal(["Name", "Version", "Mode", "Ready", "Age", "Zones", "Region", "Provider", "API-Endpoint", "Proxy-URL"], names);
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], prio);
        Assert.Equal(["member1", "v1.31.0", "Push", "True", "5m2s", "z1,z2", "r1", "<none>", "https://10.0.0.1:6443", "<none>"], Texts(cells));
    }

    [Fact]
    public void Cluster_WithoutReadyCondition_IsUnknown()
    {
        var (_, _, _, cells) = Print("apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: m}\nspec: {syncMode: Pull}");
        Assert.Equal("Unknown", Texts(cells)[3]);
    }

    public static TheoryData<string, string[], string[]> KarmadaKinds => new()
    {
        { "apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: pp, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {conflictResolution: Abort, priority: 5, resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]}", ["Name", "Conflict-Resolution", "Priority", "Age"], ["pp", "Abort", "5", "5m2s"] },
        { "apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterPropagationPolicy\nmetadata: {name: cpp, creationTimestamp: '" + Created + "'}\nspec: {conflictResolution: Overwrite, priority: 0, resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]}", ["Name", "Conflict-Resolution", "Priority", "Age"], ["cpp", "Overwrite", "0", "5m2s"] },
        { "apiVersion: work.karmada.io/v1alpha2\nkind: ResourceBinding\nmetadata: {name: nginx-deployment, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {resource: {apiVersion: apps/v1, kind: Deployment, name: nginx}}\nstatus: {conditions: [{type: Scheduled, status: 'True'}, {type: FullyApplied, status: 'False'}]}", ["Name", "Scheduled", "FullyApplied", "Age"], ["nginx-deployment", "True", "False", "5m2s"] },
        { "apiVersion: work.karmada.io/v1alpha2\nkind: ClusterResourceBinding\nmetadata: {name: crb, creationTimestamp: '" + Created + "'}\nspec: {resource: {apiVersion: v1, kind: Namespace, name: x}}", ["Name", "Scheduled", "FullyApplied", "Age"], ["crb", "<nil>", "<nil>", "5m2s"] },
        { "apiVersion: work.karmada.io/v1alpha1\nkind: Work\nmetadata: {name: nginx-687f7fb96f, namespace: karmada-es-member1, creationTimestamp: '" + Created + "'}\nspec: {workload: {manifests: [{apiVersion: apps/v1, kind: Deployment, metadata: {name: nginx}}]}}\nstatus: {conditions: [{type: Applied, status: 'True'}]}", ["Name", "Workload-Kind", "Applied", "Age"], ["nginx-687f7fb96f", "Deployment", "True", "5m2s"] },
        { "apiVersion: policy.karmada.io/v1alpha1\nkind: FederatedResourceQuota\nmetadata: {name: q, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {overall: {memory: 1Gi, cpu: '1'}}\nstatus: {overallUsed: {cpu: '0'}}", ["Name", "Overall", "Overall_Used", "Age"], ["q", "{\"cpu\":\"1\",\"memory\":\"1Gi\"}", "{\"cpu\":\"0\"}", "5m2s"] },
        { "apiVersion: policy.karmada.io/v1alpha1\nkind: OverridePolicy\nmetadata: {name: op, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {}", ["Name", "Age"], ["op", "5m2s"] },
        { "apiVersion: autoscaling.karmada.io/v1alpha1\nkind: FederatedHPA\nmetadata: {name: f, namespace: d, creationTimestamp: '" + Created + "'}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 1, maxReplicas: 4}\nstatus: {currentReplicas: 2, desiredReplicas: 2}", ["Name", "Reference-Kind", "Reference-Name", "MinPods", "MaxPods", "Replicas", "Age"], ["f", "Deployment", "web", "1", "4", "2", "5m2s"] },
        { "apiVersion: config.karmada.io/v1alpha1\nkind: ResourceInterpreterCustomization\nmetadata: {name: ric, creationTimestamp: '" + Created + "'}\nspec: {target: {apiVersion: apps/v1, kind: Deployment}, customizations: {}}", ["Name", "Target-API-Version", "Target-Kind", "Age"], ["ric", "apps/v1", "Deployment", "5m2s"] },
        { "apiVersion: multicluster.x-k8s.io/v1alpha1\nkind: ServiceExport\nmetadata: {name: svc, namespace: d, creationTimestamp: '" + Created + "'}", ["Name", "Age"], ["svc", "5m2s"] },
    };

    [Theory]
    [MemberData(nameof(KarmadaKinds))]
    public void KarmadaKind_PrinterColumns(string yaml, string[] expectedColumns, string[] expectedCells)
    {
        var (_, names, _, cells) = Print(yaml);
        Assert.Equal(expectedColumns, names);
        Assert.Equal(expectedCells, Texts(cells));
    }

    [Fact]
    public void Crd_AdditionalPrinterColumns_Evaluated()
    {
        var registry = new SchemaRegistry();
        registry.RegisterCrd(TestManifests.Load("s07-crd-propagation/gitrepository-crd.yaml")[0]);
        var (table, names, _, cells) = Print($"apiVersion: source.toolkit.fluxcd.io/v1beta1\nkind: GitRepository\nmetadata: {{name: flux-repo, namespace: flux-system, creationTimestamp: '{Created}'}}\nspec: {{url: 'https://github.com/x/y.git'}}", registry);
        Assert.Equal(["Name", "URL", "Age"], names);
        Assert.Equal(["flux-repo", "https://github.com/x/y.git", "5m2s"], Texts(cells));
        Assert.Equal("date", table["columnDefinitions"]![2]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Crd_WithoutColumns_GetsAge()
    {
        var registry = new SchemaRegistry();
        registry.RegisterCrd(TestManifests.Yaml("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Cluster
              versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
            """));
        var (_, names, _, cells) = Print($"apiVersion: example.com/v1\nkind: Widget\nmetadata: {{name: w, creationTimestamp: '{Created}'}}", registry);
        Assert.Equal(["Name", "Age"], names);
        Assert.Equal(["w", "5m2s"], Texts(cells));
    }

    [Fact]
    public void UnprintedBuiltIn_UsesNameAndCreatedAt()
    {
        var (_, names, _, cells) = Print($"apiVersion: apps/v1\nkind: ControllerRevision\nmetadata: {{name: cr, namespace: d, creationTimestamp: '{Created}'}}\nrevision: 1");
        Assert.Equal(["Name", "Created At"], names);
        Assert.Equal(["cr", Created], Texts(cells));
    }

    [Theory]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "True")]
    [InlineData(".spec.items[1].name", "b")]
    [InlineData(".spec.items[*].name", "a")]
    [InlineData(".metadata.annotations.example\\.com/x", "v")]
    [InlineData(".metadata.annotations['example.com/x']", "v")]
    public void SimpleJsonPath_Evaluates(string path, string expected)
    {
        var obj = TestManifests.Yaml("metadata: {annotations: {example.com/x: v}}\nspec: {items: [{name: a}, {name: b}]}\nstatus: {conditions: [{type: Other, status: 'False'}, {type: Ready, status: 'True'}]}");
        var results = SimpleJsonPath.Evaluate(path, obj);
        Assert.NotEmpty(results);
        Assert.Equal(expected, results[0]!.GetValue<string>());
    }
}
