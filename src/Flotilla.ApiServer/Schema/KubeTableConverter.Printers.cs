using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Schema;

/// <summary>kube-apiserver's printers for built-in kinds (pkg/printers/internalversion), column by column.</summary>
public sealed partial class KubeTableConverter
{
    private const string ContainersDesc = "Names of each container in the template.";
    private const string ImagesDesc = "Images referenced by each container in the template.";
    private const string SelectorDesc = "A label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels.";

    private static readonly Dictionary<(string Group, string Kind), (IReadOnlyList<PrinterColumn>, CellsFunc)> BuiltIn = new()
    {
        [("", "Pod")] = (
            [NameColumn, S("Ready", "The aggregate readiness state of this pod for accepting traffic."), S("Status", "The aggregate status of the containers in this pod."),
             S("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."), AgeColumn,
             S("IP", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
             S("Node", "NodeName is a request to schedule this pod onto a specific node.", 1),
             S("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.", 1),
             S("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.", 1)],
            PodCells),
        [("apps", "Deployment")] = (
            [NameColumn, S("Ready", "Number of the pod with ready state"), S("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
             S("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."), AgeColumn,
             S("Containers", ContainersDesc, 1), S("Images", ImagesDesc, 1), S("Selector", SelectorDesc, 1)],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                var status = o.Obj("status");
                return [o.Name(), $"{status.Int("readyReplicas") ?? 0}/{spec.Int("replicas") ?? 0}", status.Int("updatedReplicas") ?? 0, status.Int("availableReplicas") ?? 0, Age(o, now),
                    Containers(spec), Images(spec), SelectorString(spec.Obj("selector"))];
            }),
        [("apps", "ReplicaSet")] = (
            [NameColumn, S("Desired", "Number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1."),
             S("Current", "Replicas is the most recently observed number of replicas."), S("Ready", "readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition."), AgeColumn,
             S("Containers", ContainersDesc, 1), S("Images", ImagesDesc, 1), S("Selector", SelectorDesc, 1)],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                var status = o.Obj("status");
                return [o.Name(), spec.Int("replicas") ?? 0, status.Int("replicas") ?? 0, status.Int("readyReplicas") ?? 0, Age(o, now),
                    Containers(spec), Images(spec), SelectorString(spec.Obj("selector"))];
            }),
        [("", "ReplicationController")] = (
            [NameColumn, S("Desired", "Replicas is the number of desired replicas."), S("Current", "Replicas is the most recently observed number of replicas."),
             S("Ready", "The number of ready replicas for this replication controller."), AgeColumn,
             S("Containers", ContainersDesc, 1), S("Images", ImagesDesc, 1), S("Selector", SelectorDesc, 1)],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                var status = o.Obj("status");
                return [o.Name(), spec.Int("replicas") ?? 0, status.Int("replicas") ?? 0, status.Int("readyReplicas") ?? 0, Age(o, now),
                    Containers(spec), Images(spec), FormatLabels(spec.Obj("selector"))];
            }),
        [("apps", "StatefulSet")] = (
            [NameColumn, S("Ready", "Number of the pod with ready state"), AgeColumn, S("Containers", ContainersDesc, 1), S("Images", ImagesDesc, 1)],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                return [o.Name(), $"{o.Obj("status").Int("readyReplicas") ?? 0}/{spec.Int("replicas") ?? 0}", Age(o, now), Containers(spec), Images(spec)];
            }),
        [("apps", "DaemonSet")] = (
            [NameColumn, S("Desired", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."),
             S("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
             S("Ready", "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."),
             S("Up-to-date", "The total number of nodes that are running updated daemon pod"),
             S("Available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
             S("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node."), AgeColumn,
             S("Containers", ContainersDesc, 1), S("Images", ImagesDesc, 1), S("Selector", SelectorDesc, 1)],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                var status = o.Obj("status");
                return [o.Name(), status.Int("desiredNumberScheduled") ?? 0, status.Int("currentNumberScheduled") ?? 0, status.Int("numberReady") ?? 0,
                    status.Int("updatedNumberScheduled") ?? 0, status.Int("numberAvailable") ?? 0,
                    FormatLabels(spec.Obj("template").Obj("spec").Obj("nodeSelector")), Age(o, now),
                    Containers(spec), Images(spec), SelectorString(spec.Obj("selector"))];
            }),
        [("batch", "Job")] = (
            [NameColumn, S("Status", "Status of the job."), S("Completions", "The desired number of successfully finished pods the job should be run with."),
             S("Duration", "Time required to complete the job."), AgeColumn,
             S("Containers", ContainersDesc, 1), S("Images", ImagesDesc, 1), S("Selector", SelectorDesc, 1)],
            JobCells),
        [("batch", "CronJob")] = (
            [NameColumn, S("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."), S("Timezone", "The time zone name for the given schedule."),
             S("Suspend", "This flag tells the controller to suspend subsequent executions."), S("Active", "A list of pointers to currently running jobs."),
             S("Last Schedule", "Information when was the last time the job was successfully scheduled."), AgeColumn,
             S("Containers", ContainersDesc, 1), S("Images", ImagesDesc, 1), S("Selector", SelectorDesc, 1)],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                var status = o.Obj("status");
                var jobSpec = spec.Obj("jobTemplate").Obj("spec");
                var last = status.Str("lastScheduleTime") is { } ls ? Since(ls, now) : "<none>";
                var suspend = spec.Bool("suspend") is { } b ? (b ? "True" : "False") : "<unset>";
                var selector = jobSpec.Obj("selector") is { } sel ? SelectorString(sel) : "<none>";
                return [o.Name(), spec.Str("schedule") ?? "", NoneIfEmpty(spec.Str("timeZone")), suspend, (long)(status.Arr("active")?.Count ?? 0), last, Age(o, now),
                    Containers(jobSpec), Images(jobSpec), selector];
            }),
        [("", "Service")] = (
            [NameColumn, S("Type", "type determines how the Service is exposed."), S("Cluster-IP", "clusterIP is the IP address of the service and is usually assigned randomly."),
             S("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
             S("Port(s)", "The list of ports that are exposed by this service."), AgeColumn,
             S("Selector", "Route service traffic to pods with label keys and values matching this selector.", 1)],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                return [o.Name(), spec.Str("type") ?? "", NoneIfEmpty(spec.Str("clusterIP")), ServiceExternalIp(o), ServicePorts(spec), Age(o, now), FormatLabels(spec.Obj("selector"))];
            }),
        [("", "Endpoints")] = (
            [NameColumn, S("Endpoints", "Endpoints is the list of endpoints in this subset."), AgeColumn],
            (o, now) => [o.Name(), FormatEndpoints(o), Age(o, now)]),
        [("discovery.k8s.io", "EndpointSlice")] = (
            [NameColumn, S("AddressType", "Type of address carried by this EndpointSlice"), S("Ports", "Ports of this EndpointSlice"),
             S("Endpoints", "Endpoints in this EndpointSlice"), AgeColumn],
            (o, now) =>
            {
                var ports = o.Arr("ports").Items().Select(p => p.Item.Int("port")?.ToString(CultureInfo.InvariantCulture)).OfType<string>().ToList();
                var addrs = o.Arr("endpoints").Items().SelectMany(e => e.Item.Arr("addresses").Strings()).ToList();
                return [o.Name(), o.Str("addressType") ?? "", ports.Count == 0 ? "<unset>" : string.Join(",", ports), addrs.Count == 0 ? "<unset>" : Limit(addrs, 3), Age(o, now)];
            }),
        [("", "Node")] = (
            [NameColumn, S("Status", "The status of the node"), S("Roles", "The roles of the node"), AgeColumn, S("Version", "Kubelet Version reported by the node."),
             S("Internal-IP", "List of addresses reachable to the node. Queried from cloud provider, if available.", 1),
             S("External-IP", "List of addresses reachable to the node. Queried from cloud provider, if available.", 1),
             S("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
             S("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
             S("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1)],
            NodeCells),
        [("", "Namespace")] = (
            [NameColumn, S("Status", "The status of the namespace"), AgeColumn],
            (o, now) => [o.Name(), o.Obj("status").Str("phase") ?? "", Age(o, now)]),
        [("", "ConfigMap")] = (
            [NameColumn, S("Data", "Data contains the configuration data."), AgeColumn],
            (o, now) => [o.Name(), (long)((o.Obj("data")?.Count ?? 0) + (o.Obj("binaryData")?.Count ?? 0)), Age(o, now)]),
        [("", "Secret")] = (
            [NameColumn, S("Type", "The type of the secret"), S("Data", "The number of entries in the secret"), AgeColumn],
            (o, now) => [o.Name(), o.Str("type") ?? "", (long)(o.Obj("data")?.Count ?? 0), Age(o, now)]),
        [("", "ServiceAccount")] = (
            [NameColumn, S("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), AgeColumn],
            (o, now) => [o.Name(), (long)(o.Arr("secrets")?.Count ?? 0), Age(o, now)]),
        [("", "Event")] = (EventColumns, (o, now) => EventCells(o, now, events: false)),
        [("events.k8s.io", "Event")] = (EventColumns, (o, now) => EventCells(o, now, events: true)),
        [("networking.k8s.io", "Ingress")] = (
            [NameColumn, S("Class", "The name of the IngressClass cluster resource."), S("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
             S("Address", "Address is a list containing ingress points for the load-balancer"), S("Ports", "Ports of TLS configurations that open"), AgeColumn],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                var hosts = spec.Arr("rules").Items().Select(r => r.Item.Str("host") is { Length: > 0 } h ? h : "*").ToList();
                var addresses = o.Obj("status").Obj("loadBalancer").Arr("ingress").Items().Select(i => i.Item.Str("ip") is { Length: > 0 } ip ? ip : i.Item.Str("hostname") ?? "").Where(s => s.Length > 0).ToList();
                return [o.Name(), NoneIfEmpty(spec.Str("ingressClassName")), hosts.Count == 0 ? "*" : Limit(hosts, 3), string.Join(",", addresses),
                    spec.Arr("tls") is { Count: > 0 } ? "80, 443" : "80", Age(o, now)];
            }),
        [("networking.k8s.io", "IngressClass")] = (
            [NameColumn, S("Controller", "Controller that is responsible for handling this class"), S("Parameters", "A reference to a resource with additional parameters"), AgeColumn],
            (o, now) =>
            {
                var p = o.Obj("spec").Obj("parameters");
                var param = p is null ? "<none>" : $"{p.Str("kind")}.{p.Str("apiGroup") ?? ""}/{p.Str("name")}";
                return [o.Name(), o.Obj("spec").Str("controller") ?? "", param, Age(o, now)];
            }),
        [("", "PersistentVolumeClaim")] = (
            [NameColumn, S("Status", "The phase of the PersistentVolumeClaim"), S("Volume", "VolumeName is the binding reference to the PersistentVolume backing this claim."),
             S("Capacity", "Represents the actual resources of the underlying volume."), S("Access Modes", "AccessModes contains the actual access modes the volume backing the PVC has."),
             S("StorageClass", "Name of the StorageClass required by the claim."), S("VolumeAttributesClass", "Name of the VolumeAttributesClass used by the claim."), AgeColumn,
             S("VolumeMode", "volumeMode defines what type of volume is required by the claim.", 1)],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                var status = o.Obj("status");
                var phase = o.Obj("metadata").Str("deletionTimestamp") is not null ? "Terminating" : status.Str("phase") ?? "";
                var bound = spec.Str("volumeName") is { Length: > 0 };
                var capacity = bound && status.Obj("capacity")?["storage"] is JsonNode cap ? QuantityText(cap) : "";
                var modes = bound ? AccessModes(status.Arr("accessModes")) : "";
                return [o.Name(), phase, spec.Str("volumeName") ?? "", capacity, modes, spec.Str("storageClassName") ?? "",
                    spec.Str("volumeAttributesClassName") ?? "<unset>", Age(o, now), spec.Str("volumeMode") ?? "<unset>"];
            }),
        [("", "PersistentVolume")] = (
            [NameColumn, S("Capacity", "capacity is the description of the persistent volume's resources and capacity."),
             S("Access Modes", "accessModes contains all ways the volume can be mounted."), S("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim."),
             S("Status", "phase indicates if a volume is available, bound to a claim, or released by a claim."), S("Claim", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim."),
             S("StorageClass", "storageClassName is the name of StorageClass to which this persistent volume belongs."), S("VolumeAttributesClass", "Name of VolumeAttributesClass to which this persistent volume belongs."),
             S("Reason", "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."), AgeColumn,
             S("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.", 1)],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                var status = o.Obj("status");
                var claim = spec.Obj("claimRef") is { } cr ? $"{cr.Str("namespace")}/{cr.Str("name")}" : "";
                var phase = o.Obj("metadata").Str("deletionTimestamp") is not null ? "Terminating" : status.Str("phase") ?? "";
                var cap = spec.Obj("capacity")?["storage"] is JsonNode c ? QuantityText(c) : "";
                return [o.Name(), cap, AccessModes(spec.Arr("accessModes")), spec.Str("persistentVolumeReclaimPolicy") ?? "", phase, claim,
                    spec.Str("storageClassName") ?? "", spec.Str("volumeAttributesClassName") ?? "<unset>", status.Str("reason") ?? "", Age(o, now), spec.Str("volumeMode") ?? "<unset>"];
            }),
        [("coordination.k8s.io", "Lease")] = (
            [NameColumn, S("Holder", "HolderIdentity contains the identity of the holder of a current lease."), AgeColumn],
            (o, now) => [o.Name(), o.Obj("spec").Str("holderIdentity") ?? "", Age(o, now)]),
        [("rbac.authorization.k8s.io", "Role")] = (
            [NameColumn, D("Created At", CreationTimestampDescription)],
            (o, _) => [o.Name(), CreatedAt(o)]),
        [("rbac.authorization.k8s.io", "ClusterRole")] = (
            [NameColumn, D("Created At", CreationTimestampDescription)],
            (o, _) => [o.Name(), CreatedAt(o)]),
        [("rbac.authorization.k8s.io", "RoleBinding")] = (BindingColumns, BindingCells),
        [("rbac.authorization.k8s.io", "ClusterRoleBinding")] = (BindingColumns, BindingCells),
        [("", "ResourceQuota")] = (
            [NameColumn, AgeColumn, S("Request", "Request represents a minimum amount of cpu/memory that a container may consume."),
             S("Limit", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.")],
            (o, now) =>
            {
                var status = o.Obj("status");
                var requests = new List<string>();
                var limits = new List<string>();
                foreach (var (k, v) in (status.Obj("hard") ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    var used = status.Obj("used")?[k] is JsonNode u ? QuantityText(u) : "0";
                    var text = $"{k}: {used}/{(v is null ? "0" : QuantityText(v))}";
                    if (k.StartsWith("limits.", StringComparison.Ordinal)) limits.Add(text); else requests.Add(text);
                }
                return [o.Name(), Age(o, now), string.Join(", ", requests), string.Join(", ", limits)];
            }),
        [("autoscaling", "HorizontalPodAutoscaler")] = (
            [NameColumn, S("Reference", "The reference to the resource the autoscaler scales."), S("Targets", "The current and target metric values."),
             S("MinPods", "Lower limit for the number of pods that can be set by the autoscaler, default 1."),
             S("MaxPods", "Upper limit for the number of pods that can be set by the autoscaler; cannot be smaller than MinReplicas."),
             S("Replicas", "Current number of replicas of pods managed by this autoscaler."), AgeColumn],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                var reference = $"{spec.Obj("scaleTargetRef").Str("kind")}/{spec.Obj("scaleTargetRef").Str("name")}";
                var min = spec.Int("minReplicas") is { } m ? m.ToString(CultureInfo.InvariantCulture) : "<unset>";
                return [o.Name(), reference, HpaTargets(o), min, spec.Int("maxReplicas") ?? 0, o.Obj("status").Int("currentReplicas") ?? 0, Age(o, now)];
            }),
        [("policy", "PodDisruptionBudget")] = (
            [NameColumn, S("Min Available", "The minimum number of pods that must be available simultaneously."),
             S("Max Unavailable", "The maximum number of pods that may be unavailable simultaneously."),
             S("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."), AgeColumn],
            (o, now) =>
            {
                var spec = o.Obj("spec");
                return [o.Name(), IntOrStringText(spec?["minAvailable"]), IntOrStringText(spec?["maxUnavailable"]), o.Obj("status").Int("disruptionsAllowed") ?? 0, Age(o, now)];
            }),
        [("storage.k8s.io", "StorageClass")] = (
            [NameColumn, S("Provisioner", "Indicates the type of the provisioner."), S("ReclaimPolicy", "Indicates the type of the reclaim policy."),
             S("VolumeBindingMode", "Indicates how PersistentVolumeClaims should be provisioned and bound."),
             S("AllowVolumeExpansion", "Indicates whether the storage class allow volume expand."), AgeColumn],
            (o, now) =>
            {
                var name = o.Name() ?? "";
                if (o.Annotation("storageclass.kubernetes.io/is-default-class") == "true" || o.Annotation("storageclass.beta.kubernetes.io/is-default-class") == "true") name += " (default)";
                return [name, o.Str("provisioner") ?? "", o.Str("reclaimPolicy") ?? "Delete", o.Str("volumeBindingMode") ?? "Immediate", o.Bool("allowVolumeExpansion") ?? false, Age(o, now)];
            }),
        [("scheduling.k8s.io", "PriorityClass")] = (
            [NameColumn, S("Value", "The value of this priority class."), S("Global-Default", "globalDefault specifies whether this PriorityClass should be considered as the default priority."),
             AgeColumn, S("PreemptionPolicy", "PreemptionPolicy is the Policy for preempting pods with lower priority.")],
            (o, now) => [o.Name(), o.Int("value") ?? 0, o.Bool("globalDefault") ?? false, Age(o, now), o.Str("preemptionPolicy") ?? "PreemptLowerPriority"]),
    };

    private static IReadOnlyList<PrinterColumn> EventColumns =>
    [
        S("Last Seen", "Time when last Event occurred"), S("Type", "Type of this event."), S("Reason", "Reason is why the action was taken."),
        S("Object", "The object that this event is about."), S("Subobject", "The subobject that this event is about.", 1),
        S("Source", "The component reporting this event.", 1), S("Message", "A human-readable description of the status of this operation."),
        S("First Seen", "Time when first Event occurred", 1), S("Count", "Number of times this Event was observed.", 1), S("Name", "Name of this event.", 1),
    ];

    private static IReadOnlyList<PrinterColumn> BindingColumns =>
    [
        NameColumn, S("Role", "Role is the role being used."), AgeColumn,
        S("Users", "Users in the roleBinding", 1), S("Groups", "Groups in the roleBinding", 1), S("ServiceAccounts", "ServiceAccounts in the roleBinding", 1),
    ];

    private static IEnumerable<JsonNode?> BindingCells(JsonObject o, DateTimeOffset now)
    {
        var roleRef = o.Obj("roleRef");
        var subjects = o.Arr("subjects").Items().Select(s => s.Item).ToList();
        string Join(string kind) => string.Join(", ", subjects.Where(s => s.Str("kind") == kind).Select(s => kind == "ServiceAccount" ? $"{s.Str("namespace")}/{s.Str("name")}" : s.Str("name")));
        return [o.Name(), $"{roleRef.Str("kind")}/{roleRef.Str("name")}", Age(o, now), Join("User"), Join("Group"), Join("ServiceAccount")];
    }

    private static IEnumerable<JsonNode?> PodCells(JsonObject o, DateTimeOffset now)
    {
        var spec = o.Obj("spec");
        var status = o.Obj("status");
        var total = spec.Arr("containers")?.Count ?? 0;
        var ready = 0;
        var restarts = 0L;
        var reason = status.Str("phase") ?? "";
        if (status.Str("reason") is { Length: > 0 } r) reason = r;
        foreach (var (_, c) in status.Arr("conditions").Items())
            if (c.Str("type") == "PodScheduled" && c.Str("reason") == "SchedulingGated") reason = "SchedulingGated";
        var initializing = false;
        var initCount = spec.Arr("initContainers")?.Count ?? 0;
        foreach (var (i, c) in status.Arr("initContainerStatuses").Items())
        {
            restarts += c.Int("restartCount") ?? 0;
            var terminated = c.Obj("state").Obj("terminated");
            var waiting = c.Obj("state").Obj("waiting");
            if (terminated is not null && (terminated.Int("exitCode") ?? 0) == 0) continue;
            if (terminated is not null)
            {
                reason = terminated.Str("reason") is { Length: > 0 } tr ? "Init:" + tr
                    : (terminated.Int("signal") ?? 0) != 0 ? $"Init:Signal:{terminated.Int("signal")}" : $"Init:ExitCode:{terminated.Int("exitCode")}";
            }
            else if (waiting is not null && waiting.Str("reason") is { Length: > 0 } wr && wr != "PodInitializing") reason = "Init:" + wr;
            else reason = $"Init:{i}/{initCount}";
            initializing = true;
            break;
        }
        var initializedTrue = status.Arr("conditions").Items().Any(c => c.Item.Str("type") == "Initialized" && c.Item.Str("status") == "True");
        if (!initializing || initializedTrue)
        {
            restarts = 0;
            var hasRunning = false;
            var statuses = status.Arr("containerStatuses").Items().Select(x => x.Item).ToList();
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var c = statuses[i];
                restarts += c.Int("restartCount") ?? 0;
                var state = c.Obj("state");
                if (state.Obj("waiting")?.Str("reason") is { Length: > 0 } w) reason = w;
                else if (state.Obj("terminated") is { } t && t.Str("reason") is { Length: > 0 } tr) reason = tr;
                else if (state.Obj("terminated") is { } t2)
                    reason = (t2.Int("signal") ?? 0) != 0 ? $"Signal:{t2.Int("signal")}" : $"ExitCode:{t2.Int("exitCode") ?? 0}";
                else if (c.Bool("ready") == true && state.Obj("running") is not null) { hasRunning = true; ready++; }
            }
            if (reason == "Completed" && hasRunning)
                reason = status.Arr("conditions").Items().Any(c => c.Item.Str("type") == "Ready" && c.Item.Str("status") == "True") ? "Running" : "NotReady";
        }
        if (o.Obj("metadata").Str("deletionTimestamp") is not null)
        {
            if (status.Str("reason") == "NodeLost") reason = "Unknown";
            else if (status.Str("phase") is not ("Succeeded" or "Failed")) reason = "Terminating";
        }
        var podIp = status.Arr("podIPs").Items().Select(p => p.Item.Str("ip")).FirstOrDefault(s => !string.IsNullOrEmpty(s)) ?? status.Str("podIP");
        var gates = spec.Arr("readinessGates");
        var readinessGates = "<none>";
        if (gates is { Count: > 0 })
        {
            var conditionTypes = status.Arr("conditions").Items().Where(c => c.Item.Str("status") == "True").Select(c => c.Item.Str("type")).ToHashSet();
            var trueCount = gates.Items().Count(g => conditionTypes.Contains(g.Item.Str("conditionType")));
            readinessGates = $"{trueCount}/{gates.Count}";
        }
        return [o.Name(), $"{ready}/{total}", reason, restarts.ToString(CultureInfo.InvariantCulture), Age(o, now),
            NoneIfEmpty(podIp), NoneIfEmpty(spec.Str("nodeName")), NoneIfEmpty(status.Str("nominatedNodeName")), readinessGates];
    }

    private static IEnumerable<JsonNode?> JobCells(JsonObject o, DateTimeOffset now)
    {
        var spec = o.Obj("spec");
        var status = o.Obj("status");
        var succeeded = status.Int("succeeded") ?? 0;
        string completions;
        if (spec.Int("completions") is { } c) completions = $"{succeeded}/{c}";
        else
        {
            var parallelism = spec.Int("parallelism") ?? 0;
            completions = parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
        }
        var duration = "";
        if (status.Str("startTime") is { } st && TryParseTime(st, out var start))
        {
            duration = status.Str("completionTime") is { } ct && TryParseTime(ct, out var end)
                ? HumanDuration.Format(end - start)
                : HumanDuration.Format(now - start);
        }
        bool Has(string type) => status.Arr("conditions").Items().Any(x => x.Item.Str("type") == type && x.Item.Str("status") == "True");
        var jobStatus = Has("Complete") ? "Complete" : Has("Failed") ? "Failed" : o.Obj("metadata").Str("deletionTimestamp") is not null ? "Terminating"
            : Has("Suspended") ? "Suspended" : Has("FailureTarget") ? "FailureTarget" : "Running";
        return [o.Name(), jobStatus, completions, duration, Age(o, now), Containers(spec), Images(spec), SelectorString(spec.Obj("selector"))];
    }

    private static IEnumerable<JsonNode?> NodeCells(JsonObject o, DateTimeOffset now)
    {
        var spec = o.Obj("spec");
        var status = o.Obj("status");
        var conditions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, c) in status.Arr("conditions").Items())
            if (c.Str("type") is { } t) conditions[t] = c.Str("status") ?? "";
        var statuses = new List<string>();
        if (conditions.TryGetValue("Ready", out var ready)) statuses.Add(ready == "True" ? "Ready" : "NotReady");
        else statuses.Add("Unknown");
        if (spec.Bool("unschedulable") == true) statuses.Add("SchedulingDisabled");
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (k, v) in o.Obj("metadata").Obj("labels") ?? [])
        {
            if (k.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal) && k.Length > "node-role.kubernetes.io/".Length) roles.Add(k["node-role.kubernetes.io/".Length..]);
            else if (k == "kubernetes.io/role" && v is JsonValue rv && rv.TryGetValue<string>(out var role) && role.Length > 0) roles.Add(role);
        }
        string Address(string type) => status.Arr("addresses").Items().Where(a => a.Item.Str("type") == type).Select(a => a.Item.Str("address")).FirstOrDefault() ?? "<none>";
        var info = status.Obj("nodeInfo");
        return [o.Name(), string.Join(",", statuses), roles.Count == 0 ? "<none>" : string.Join(",", roles), Age(o, now), info.Str("kubeletVersion") ?? "",
            Address("InternalIP"), Address("ExternalIP"), info.Str("osImage") is { Length: > 0 } os ? os : "<unknown>",
            info.Str("kernelVersion") is { Length: > 0 } kv ? kv : "<unknown>", info.Str("containerRuntimeVersion") is { Length: > 0 } cr ? cr : "<unknown>"];
    }

    private static IEnumerable<JsonNode?> EventCells(JsonObject o, DateTimeOffset now, bool events)
    {
        var first = o.Str(events ? "deprecatedFirstTimestamp" : "firstTimestamp");
        var last = o.Str(events ? "deprecatedLastTimestamp" : "lastTimestamp");
        var eventTime = o.Str("eventTime");
        var firstText = first is not null ? Since(first, now) : eventTime is not null ? Since(eventTime, now) : "<unknown>";
        var lastText = last is not null ? Since(last, now) : firstText;
        var count = o.Int(events ? "deprecatedCount" : "count") ?? 0;
        if (o.Obj("series") is { } series)
        {
            lastText = Since(series.Str("lastObservedTime"), now);
            count = series.Int("count") ?? count;
        }
        else if (count == 0) count = 1;
        var involved = o.Obj(events ? "regarding" : "involvedObject");
        var kind = (involved.Str("kind") ?? "").ToLowerInvariant();
        var target = string.IsNullOrEmpty(involved.Str("name")) ? kind : kind + "/" + involved.Str("name");
        var source = o.Obj(events ? "deprecatedSource" : "source");
        var component = source.Str("component") is { Length: > 0 } sc ? sc : o.Str(events ? "reportingController" : "reportingComponent") ?? "";
        var host = source.Str("host") is { Length: > 0 } sh ? sh : o.Str("reportingInstance") ?? "";
        var sourceText = component.Length == 0 ? "" : host.Length == 0 ? component : component + ", " + host;
        var message = (o.Str(events ? "note" : "message") ?? "").Trim();
        return [lastText, o.Str("type") ?? "", o.Str("reason") ?? "", target, involved.Str("fieldPath") ?? "", sourceText, message, firstText, count, o.Name()];
    }

    // ---------------- formatting helpers ----------------

    private static JsonArray? PodTemplateContainers(JsonObject? spec) => spec.Obj("template").Obj("spec").Arr("containers");

    private static string Containers(JsonObject? spec) => string.Join(",", PodTemplateContainers(spec).Items().Select(c => c.Item.Str("name") ?? ""));

    private static string Images(JsonObject? spec) => string.Join(",", PodTemplateContainers(spec).Items().Select(c => c.Item.Str("image") ?? ""));

    /// <summary>labels.FormatLabels: sorted "k=v,k2=v2", "&lt;none&gt;" when empty.</summary>
    internal static string FormatLabels(JsonObject? labels)
    {
        if (labels is null || labels.Count == 0) return "<none>";
        return string.Join(",", labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + (kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")));
    }

    /// <summary>metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key.</summary>
    internal static string SelectorString(JsonObject? selector)
    {
        if (selector is null) return "<none>";
        var reqs = new List<(string Key, string Text)>();
        foreach (var (k, v) in selector.Obj("matchLabels") ?? [])
            reqs.Add((k, k + "=" + (v is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : "")));
        foreach (var (_, e) in selector.Arr("matchExpressions").Items())
        {
            var key = e.Str("key") ?? "";
            var values = string.Join(",", e.Arr("values").Strings().Order(StringComparer.Ordinal));
            var text = e.Str("operator") switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                _ => key,
            };
            reqs.Add((key, text));
        }
        return string.Join(",", reqs.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }

    private static string ServiceExternalIp(JsonObject svc)
    {
        var spec = svc.Obj("spec");
        var externalIps = spec.Arr("externalIPs").Strings().ToList();
        switch (spec.Str("type") ?? "ClusterIP")
        {
            case "ClusterIP" or "NodePort":
                return externalIps.Count > 0 ? string.Join(",", externalIps) : "<none>";
            case "LoadBalancer":
                var lb = svc.Obj("status").Obj("loadBalancer").Arr("ingress").Items()
                    .Select(i => i.Item.Str("ip") is { Length: > 0 } ip ? ip : i.Item.Str("hostname") ?? "").Where(s => s.Length > 0).ToList();
                if (externalIps.Count > 0) return string.Join(",", lb.Concat(externalIps));
                return lb.Count > 0 ? string.Join(",", lb) : "<pending>";
            case "ExternalName":
                return spec.Str("externalName") ?? "";
            default:
                return "<unknown>";
        }
    }

    private static string ServicePorts(JsonObject? spec)
    {
        var parts = spec.Arr("ports").Items().Select(p =>
        {
            var port = p.Item.Int("port") ?? 0;
            var protocol = p.Item.Str("protocol") ?? "TCP";
            return p.Item.Int("nodePort") is { } np && np != 0 ? $"{port}:{np}/{protocol}" : $"{port}/{protocol}";
        }).ToList();
        return parts.Count == 0 ? "<none>" : string.Join(",", parts);
    }

    private static string FormatEndpoints(JsonObject ep)
    {
        var list = new List<string>();
        foreach (var (_, subset) in ep.Arr("subsets").Items())
        {
            var ports = subset.Arr("ports").Items().Select(p => p.Item.Int("port")).ToList();
            foreach (var (_, addr) in subset.Arr("addresses").Items())
            {
                var ip = addr.Str("ip") ?? "";
                if (ports.Count == 0) list.Add(ip);
                else list.AddRange(ports.Select(p => $"{ip}:{p}"));
            }
        }
        return list.Count == 0 ? "<none>" : Limit(list, 3);
    }

    private static string Limit(List<string> items, int max) =>
        items.Count <= max ? string.Join(",", items) : string.Join(",", items.Take(max)) + $" + {items.Count - max} more...";

    private static string AccessModes(JsonArray? modes)
    {
        var set = modes.Strings().ToHashSet(StringComparer.Ordinal);
        var parts = new List<string>();
        if (set.Contains("ReadWriteOnce")) parts.Add("RWO");
        if (set.Contains("ReadOnlyMany")) parts.Add("ROX");
        if (set.Contains("ReadWriteMany")) parts.Add("RWX");
        if (set.Contains("ReadWriteOncePod")) parts.Add("RWOP");
        return string.Join(",", parts);
    }

    private static string QuantityText(JsonNode n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n.ToJsonString();

    private static string IntOrStringText(JsonNode? n) => n switch
    {
        null => "N/A",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => n.ToJsonString(),
    };

    private static string HpaTargets(JsonObject hpa)
    {
        var metrics = hpa.Obj("spec").Arr("metrics").Items().Select(m => m.Item).ToList();
        if (metrics.Count == 0) return "<none>";
        var current = hpa.Obj("status").Arr("currentMetrics").Items().Select(m => m.Item).ToList();
        var parts = new List<string>();
        for (var i = 0; i < metrics.Count; i++)
        {
            var m = metrics[i];
            var type = m.Str("type");
            var source = m.Obj(type switch { "Resource" => "resource", "ContainerResource" => "containerResource", "Pods" => "pods", "Object" => "object", "External" => "external", _ => "resource" });
            var target = source.Obj("target");
            var cur = i < current.Count ? current[i].Obj(type switch { "Resource" => "resource", "ContainerResource" => "containerResource", "Pods" => "pods", "Object" => "object", _ => "external" }).Obj("current") : null;
            var name = source.Str("name") ?? source.Obj("metric").Str("name") ?? "";
            if (target.Str("type") == "Utilization")
            {
                var now = cur?.Int("averageUtilization") is { } u ? u + "%" : "<unknown>";
                parts.Add($"{name}: {now}/{target.Int("averageUtilization")}%");
            }
            else
            {
                var tv = target?["averageValue"] ?? target?["value"];
                var cv = cur?["averageValue"] ?? cur?["value"];
                parts.Add($"{name}: {(cv is null ? "<unknown>" : QuantityText(cv))}/{(tv is null ? "<unknown>" : QuantityText(tv))}");
            }
        }
        return string.Join(", ", parts);
    }
}
