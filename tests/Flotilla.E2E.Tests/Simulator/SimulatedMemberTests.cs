using System.Net.Sockets;
using Flotilla.E2E.Tests.Propagation;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Simulator;

/// <summary>
/// Issue 4 end to end: one real <c>flotilla member</c> process driven by the real kubectl through the member's own
/// kubeconfig (&lt;data-dir&gt;/members/NAME.config), and faults injected with <c>flotilla sim NAME ...</c>. Every test
/// works in its own namespace; tests that change the member (faults, outage, capacity) undo the change before they end.
/// </summary>
[Trait("Category", "E2E")]
[Collection(ScenarioFiles.Collection)]
public sealed class SimulatedMemberTests(SimulatedMemberFixture fixture) : IClassFixture<SimulatedMemberFixture>
{
    private const string Name = SimulatedMemberFixture.Name;
    private const string SafeChars = "[bcdfghjklmnpqrstvwxz2456789]";

    private FlotillaMember Member => fixture.Member;
    private Kubectl K => fixture.Member.Kubectl;

    [Fact]
    public async Task Nodes_have_the_configured_count_capacity_topology_labels_and_are_Ready()
    {
        var rows = await LinesAsync(["get", "nodes", "-o", "jsonpath={range .items[*]}{.metadata.name} " +
            "{.status.conditions[?(@.type==\"Ready\")].status} {.status.capacity.cpu} {.status.capacity.memory} {.status.capacity.pods} " +
            "{.status.allocatable.cpu} {.status.allocatable.memory} {.status.allocatable.pods} " +
            "{.metadata.labels.topology\\.kubernetes\\.io/region} {.metadata.labels.topology\\.kubernetes\\.io/zone} " +
            "{.status.nodeInfo.kubeletVersion}{\"\\n\"}{end}"]);
        var expected = Enumerable.Range(0, SimulatedMemberFixture.Nodes)
            .Select(i => $"{Name}-node-{i} True 4 16Gi 50 4 16Gi 50 eu-west eu-west-1a v1.30.2").ToArray();
        Assert.Equal(expected, rows);

        var storage = await LinesAsync(["get", "nodes", "-o", "jsonpath={range .items[*]}{.status.capacity.ephemeral-storage}{\"\\n\"}{end}"]);
        Assert.Equal(SimulatedMemberFixture.Nodes, storage.Length);
        Assert.All(storage, s => Assert.NotEqual("", s));

        // The server-side table kubectl prints: NAME STATUS ROLES AGE VERSION.
        var table = await LinesAsync(["get", "nodes"]);
        Assert.Equal(["NAME", "STATUS", "ROLES", "AGE", "VERSION"], Columns(table[0]));
        Assert.Equal(SimulatedMemberFixture.Nodes, table.Length - 1);
        Assert.All(table.Skip(1).Select(Columns), c => Assert.Equal(("Ready", "v1.30.2"), (c[1], c[4])));

        // /version reports the configured Kubernetes version.
        Assert.Matches("\"gitVersion\":\\s*\"v1\\.30\\.2\"", await K.OkAsync("get", "--raw", "/version"));
    }

    [Fact]
    public async Task Deployment_becomes_ready_3_of_3_with_Kubernetes_style_pod_names()
    {
        const string ns = "sim-deploy";
        await K.OkAsync("create", "namespace", ns);
        await K.OkAsync("create", "deployment", "web", "--image=nginx:1.25.3", "--replicas", "3", "-n", ns);

        await UntilAsync(async () => await GetAsync(ns, "deployment/web", "{.status.readyReplicas}") == "3", "deployment web is 3/3 ready");
        Assert.Equal("3 3 3 3 True True NewReplicaSetAvailable", await GetAsync(ns, "deployment/web",
            "{.status.replicas} {.status.updatedReplicas} {.status.readyReplicas} {.status.availableReplicas} " +
            "{.status.conditions[?(@.type==\"Available\")].status} {.status.conditions[?(@.type==\"Progressing\")].status} " +
            "{.status.conditions[?(@.type==\"Progressing\")].reason}"));
        Assert.Equal(await GetAsync(ns, "deployment/web", "{.metadata.generation}"), await GetAsync(ns, "deployment/web", "{.status.observedGeneration}"));
        Assert.Equal("", await GetAsync(ns, "deployment/web", "{.status.unavailableReplicas}"));
        var row = Columns((await LinesAsync(["get", "deployment", "web", "-n", ns]))[1]);
        Assert.Equal(["web", "3/3", "3", "3"], row[..4]);

        // One ReplicaSet web-<pod-template-hash> owned by the Deployment; three pods <rs>-<suffix> owned by it.
        var deployUid = await GetAsync(ns, "deployment/web", "{.metadata.uid}");
        var rs = Assert.Single(await LinesAsync(["get", "replicasets", "-n", ns, "-l", "app=web", "-o",
            "jsonpath={range .items[*]}{.metadata.name} {.metadata.labels.pod-template-hash} {.metadata.ownerReferences[0].kind} {.metadata.ownerReferences[0].uid} {.metadata.uid}{\"\\n\"}{end}"]));
        var (rsName, hash, ownerKind, ownerUid, rsUid) = (Split(rs)[0], Split(rs)[1], Split(rs)[2], Split(rs)[3], Split(rs)[4]);
        Assert.Matches($"^{SafeChars}{{1,10}}$", hash);
        Assert.Equal("web-" + hash, rsName);
        Assert.Equal(("Deployment", deployUid), (ownerKind, ownerUid));

        var pods = await PodsAsync(ns, "app=web");
        Assert.Equal(3, pods.Count);
        Assert.Equal(3, pods.Select(p => p.Name).Distinct().Count());
        foreach (var p in pods)
        {
            Assert.Matches($"^web-{hash}-{SafeChars}{{5}}$", p.Name);
            Assert.Equal(("Running", "True", hash, rsUid), (p.Phase, p.Ready, p.Hash, p.OwnerUid));
            Assert.StartsWith(Name + "-node-", p.Node, StringComparison.Ordinal);
            Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", p.Ip);
            Assert.Equal("nginx:1.25.3", p.Image);
        }
        Assert.Equal(3, pods.Select(p => p.Ip).Distinct().Count());
        var table = await LinesAsync(["get", "pods", "-n", ns, "-l", "app=web"]);
        Assert.All(table.Skip(1).Select(Columns), c => Assert.Equal(("1/1", "Running"), (c[1], c[2])));
    }

    [Fact]
    public async Task Rolling_update_completes_within_maxSurge_and_maxUnavailable_and_scaling_works()
    {
        const string ns = "sim-rollout";
        await K.OkAsync("create", "namespace", ns);
        await K.OkAsync("create", "deployment", "web", "--image=nginx:1.25.3", "--replicas", "3", "-n", ns);
        await UntilAsync(async () => await GetAsync(ns, "deployment/web", "{.status.readyReplicas}") == "3", "deployment web is 3/3 ready");
        var oldRs = Assert.Single(await LinesAsync(["get", "replicasets", "-n", ns, "-l", "app=web", "-o", "jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}"]));

        // Every ReplicaSet change during the rollout, in the order the API stored them, seen through a watch: with 3
        // replicas and the default 25%/25% strategy the ReplicaSets together never ask for more than 4 pods (maxSurge 1,
        // counted on spec.replicas as kube-controller-manager does) and never have fewer than 3 available (maxUnavailable 0).
        using var watch = K.Start("get", "replicasets", "-n", ns, "-l", "app=web", "-w", "-o",
            "jsonpath={.metadata.name}|{.spec.replicas}|{.status.availableReplicas}{\"\\n\"}");
        var events = new List<string>();
        var first = await watch.StandardOutput.ReadLineAsync();
        Assert.Equal($"{oldRs}|3|3", first);
        var reader = Task.Run(async () =>
        {
            while (await watch.StandardOutput.ReadLineAsync() is { } line) lock (events) events.Add(line);
        });
        try
        {
            await K.OkAsync("set", "image", "deployment/web", "nginx=nginx:1.26.0", "-n", ns);
            var rollout = await K.RunAsync(["rollout", "status", "deployment/web", "-n", ns, "--timeout=60s"], null, TimeSpan.FromSeconds(90));
            Assert.True(rollout.ExitCode == 0, rollout + "\n" + Member.Describe());
            Assert.Contains("successfully rolled out", rollout.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            watch.Kill();
            await watch.WaitForExitAsync();
            await reader;
        }
        var latest = new Dictionary<string, (int Spec, int Available)>(StringComparer.Ordinal) { [oldRs] = (3, 3) };
        var totals = new List<(int Spec, int Available)>();
        lock (events)
        {
            foreach (var e in events.Select(l => l.Split('|')))
            {
                latest[e[0]] = (Int(e[1]), Math.Max(0, Int(e[2])));
                totals.Add((latest.Values.Sum(v => v.Spec), latest.Values.Sum(v => v.Available)));
            }
        }
        Assert.Equal(2, latest.Count);
        Assert.All(totals, t => Assert.InRange(t.Spec, 3, 4));
        Assert.All(totals, t => Assert.InRange(t.Available, 3, 4));
        Assert.Contains(totals, t => t.Spec == 4); // the surge really happened

        await UntilAsync(async () =>
        {
            var pods = await PodsAsync(ns, "app=web");
            return pods.Count == 3 && pods.All(p => p.Image == "nginx:1.26.0" && p.Ready == "True");
        }, "three ready pods run nginx:1.26.0");
        await UntilAsync(async () => await GetAsync(ns, "replicaset/" + oldRs, "{.spec.replicas} {.status.replicas}") == "0 0", "the old ReplicaSet is scaled to 0");
        var sets = await LinesAsync(["get", "replicasets", "-n", ns, "-l", "app=web", "-o",
            "jsonpath={range .items[*]}{.metadata.name} {.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}{\"\\n\"}{end}"]);
        Assert.Equal(2, sets.Length);
        Assert.Contains($"{oldRs} 0 nginx:1.25.3 1", sets);
        Assert.Single(sets, s => s.EndsWith(" 3 nginx:1.26.0 2", StringComparison.Ordinal) && s.StartsWith("web-", StringComparison.Ordinal));
        Assert.Equal("3 3 3", await GetAsync(ns, "deployment/web", "{.status.replicas} {.status.updatedReplicas} {.status.availableReplicas}"));

        await K.OkAsync("scale", "deployment/web", "--replicas=1", "-n", ns);
        await UntilAsync(async () => await GetAsync(ns, "deployment/web", "{.status.replicas} {.status.readyReplicas} {.status.availableReplicas}") == "1 1 1"
            && (await PodsAsync(ns, "app=web")).Count == 1, "deployment web scales down to 1");
        Assert.Equal("1/1", Columns((await LinesAsync(["get", "deployment", "web", "-n", ns]))[1])[1]);
    }

    [Fact]
    public async Task Job_with_completions_3_and_parallelism_2_completes()
    {
        const string ns = "sim-job";
        await K.OkAsync("create", "namespace", ns);
        await ApplyAsync($$"""
            apiVersion: batch/v1
            kind: Job
            metadata: {name: crunch, namespace: {{ns}}}
            spec:
              completions: 3
              parallelism: 2
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - {name: crunch, image: busybox:1.36, command: [sh, -c, "echo done"]}
            """);
        var wait = await K.RunAsync(["wait", "--for=condition=complete", "job/crunch", "-n", ns, "--timeout=60s"], null, TimeSpan.FromSeconds(90));
        Assert.True(wait.ExitCode == 0, wait + "\n" + Member.Describe());
        Assert.Equal("3 True", await GetAsync(ns, "job/crunch", "{.status.succeeded} {.status.conditions[?(@.type==\"Complete\")].status}"));
        Assert.Equal("", await GetAsync(ns, "job/crunch", "{.status.failed}{.status.active}"));
        Assert.NotEqual("", await GetAsync(ns, "job/crunch", "{.status.completionTime}"));

        // Three pods, all Succeeded; parallelism 2 means the third was only created once one of the first two had
        // finished (each runs 1s: truncated to whole seconds, its creation is not before that finish).
        var pods = (await LinesAsync(["get", "pods", "-n", ns, "-l", "job-name=crunch", "--sort-by=.metadata.creationTimestamp", "-o",
            "jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.metadata.creationTimestamp} {.status.containerStatuses[0].state.terminated.finishedAt}{\"\\n\"}{end}"]))
            .Select(Split).ToList();
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Matches($"^crunch-{SafeChars}{{5}}$", p[0]));
        Assert.All(pods, p => Assert.Equal("Succeeded", p[1]));
        var firstFinish = pods.Take(2).Select(p => p[3]).Min(StringComparer.Ordinal)!;
        Assert.True(string.CompareOrdinal(pods[2][2], firstFinish) >= 0,
            $"the third pod was created at {pods[2][2]}, before either of the first two finished (first finish {firstFinish})");
    }

    [Fact]
    public async Task Services_get_a_ClusterIP_Endpoints_EndpointSlices_and_a_LoadBalancer_ingress()
    {
        const string ns = "sim-svc";
        await K.OkAsync("create", "namespace", ns);
        await K.OkAsync("create", "deployment", "web", "--image=nginx:1.25.3", "--replicas", "2", "-n", ns);
        await UntilAsync(async () => await GetAsync(ns, "deployment/web", "{.status.readyReplicas}") == "2", "deployment web is 2/2 ready");
        await K.OkAsync("create", "service", "clusterip", "web", "--tcp=80:8080", "-n", ns);

        var clusterIp = await GetAsync(ns, "service/web", "{.spec.clusterIP}");
        Assert.Matches(@"^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$", clusterIp);
        Assert.Equal("web", await GetAsync(ns, "service/web", "{.spec.selector.app}"));

        await ExpectEndpointsAsync(ns, 2);
        await K.OkAsync("scale", "deployment/web", "--replicas=3", "-n", ns);
        await UntilAsync(async () => await GetAsync(ns, "deployment/web", "{.status.readyReplicas}") == "3", "deployment web is 3/3 ready");
        await ExpectEndpointsAsync(ns, 3);

        await K.OkAsync("create", "service", "loadbalancer", "web-lb", "--tcp=80:8080", "-n", ns);
        await UntilAsync(async () => await GetAsync(ns, "service/web-lb", "{.status.loadBalancer.ingress[0].ip}") is { Length: > 0 },
            "the LoadBalancer service gets an ingress IP");
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", await GetAsync(ns, "service/web-lb", "{.status.loadBalancer.ingress[0].ip}"));
        Assert.Matches(@"^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$", await GetAsync(ns, "service/web-lb", "{.spec.clusterIP}"));
        Assert.NotEqual(clusterIp, await GetAsync(ns, "service/web-lb", "{.spec.clusterIP}"));
        var nodePort = int.Parse(await GetAsync(ns, "service/web-lb", "{.spec.ports[0].nodePort}") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(nodePort, 30000, 32767);
        var row = Columns((await LinesAsync(["get", "service", "web-lb", "-n", ns]))[1]);
        Assert.Equal("LoadBalancer", row[1]);
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", row[3]); // EXTERNAL-IP
    }

    /// <summary>The Endpoints and the EndpointSlice of service web list exactly the ready pods' IPs, on target port 8080.</summary>
    private async Task ExpectEndpointsAsync(string ns, int count)
    {
        string[] podIps = [];
        await UntilAsync(async () =>
        {
            var pods = await PodsAsync(ns, "app=web");
            podIps = pods.Where(p => p.Ready == "True").Select(p => p.Ip).Order(StringComparer.Ordinal).ToArray();
            var endpoints = Split(await GetAsync(ns, "endpoints/web", "{.subsets[*].addresses[*].ip}") ?? "").Order(StringComparer.Ordinal);
            return pods.Count == count && podIps.Length == count && endpoints.SequenceEqual(podIps);
        }, $"endpoints/web lists the {count} ready pods");
        Assert.Equal("8080 TCP", await GetAsync(ns, "endpoints/web", "{.subsets[0].ports[0].port} {.subsets[0].ports[0].protocol}"));
        Assert.Equal("", await GetAsync(ns, "endpoints/web", "{.subsets[*].notReadyAddresses[*].ip}"));

        await UntilAsync(async () =>
        {
            var slices = await LinesAsync(["get", "endpointslices.v1.discovery.k8s.io", "-n", ns, "-l", "kubernetes.io/service-name=web", "-o",
                "jsonpath={range .items[*]}{.addressType}|{.ports[0].port}|{range .endpoints[?(@.conditions.ready==true)]}{.addresses[0]} {end}{\"\\n\"}{end}"]);
            if (slices.Length != 1) return false;
            var parts = slices[0].Split('|');
            return parts[0] == "IPv4" && parts[1] == "8080" && Split(parts[2]).Order(StringComparer.Ordinal).SequenceEqual(podIps);
        }, "one discovery.k8s.io/v1 EndpointSlice for service web lists the ready pods");
    }

    [Fact]
    public async Task Fail_pods_makes_matching_pods_unready_until_heal_pods()
    {
        const string ns = "sim-faults";
        await K.OkAsync("create", "namespace", ns);
        await K.OkAsync("create", "deployment", "crashy", "--image=nginx:1.25.3", "--replicas", "2", "-n", ns);
        await K.OkAsync("create", "deployment", "steady", "--image=nginx:1.25.3", "--replicas", "1", "-n", ns);
        await UntilAsync(async () => await GetAsync(ns, "deployment/crashy", "{.status.readyReplicas}") == "2"
            && await GetAsync(ns, "deployment/steady", "{.status.readyReplicas}") == "1", "both deployments are ready");
        var before = (await PodsAsync(ns, "app=crashy")).Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

        try
        {
            var fail = await Member.SimAsync("fail-pods", "--selector", "app=crashy");
            Assert.True(fail.ExitCode == 0, fail.ToString());
            await UntilAsync(async () => await GetAsync(ns, "deployment/crashy", "{.status.readyReplicas}") is "" or "0"
                && await GetAsync(ns, "deployment/crashy", "{.status.unavailableReplicas}") == "2", "crashy's pods become unready");
            var crashing = await LinesAsync(["get", "pods", "-n", ns, "-l", "app=crashy", "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.status.conditions[?(@.type==\"Ready\")].status} " +
                "{.status.containerStatuses[0].state.waiting.reason} {.status.containerStatuses[0].restartCount}{\"\\n\"}{end}"]);
            Assert.Equal(before, crashing.Select(l => Split(l)[0]).Order(StringComparer.Ordinal)); // the same pods, not replaced
            Assert.All(crashing.Select(Split), c =>
            {
                Assert.Equal(("Running", "False", "CrashLoopBackOff"), (c[1], c[2], c[3]));
                Assert.True(int.Parse(c[4], System.Globalization.CultureInfo.InvariantCulture) >= 1, "restartCount counts up");
            });
            Assert.Equal("False", await GetAsync(ns, "deployment/crashy", "{.status.conditions[?(@.type==\"Available\")].status}"));
            Assert.Equal("1", await GetAsync(ns, "deployment/steady", "{.status.readyReplicas}")); // the selector matched only crashy

            var heal = await Member.SimAsync("heal-pods", "--selector", "app=crashy");
            Assert.True(heal.ExitCode == 0, heal.ToString());
            await UntilAsync(async () => await GetAsync(ns, "deployment/crashy", "{.status.readyReplicas} {.status.conditions[?(@.type==\"Available\")].status}") == "2 True",
                "crashy's pods are ready again");
            Assert.All(await PodsAsync(ns, "app=crashy"), p => Assert.Equal(("Running", "True"), (p.Phase, p.Ready)));
        }
        finally
        {
            await Member.SimAsync("heal-pods");
        }

        var bad = await Member.SimAsync("fail-pods");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("--selector", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outage_refuses_connections_and_recover_brings_back_every_object_unchanged()
    {
        const string ns = "sim-outage";
        await K.OkAsync("create", "namespace", ns);
        await K.OkAsync("create", "deployment", "web", "--image=nginx:1.25.3", "--replicas", "2", "-n", ns);
        await K.OkAsync("create", "service", "clusterip", "web", "--tcp=80:80", "-n", ns);
        await K.OkAsync("create", "configmap", "settings", "--from-literal=colour=blue", "-n", ns);
        await UntilAsync(async () => await GetAsync(ns, "deployment/web", "{.status.readyReplicas}") == "2"
            && Split(await GetAsync(ns, "endpoints/web", "{.subsets[*].addresses[*].ip}") ?? "").Length == 2, "deployment web is ready with endpoints");
        var kubeconfig = await File.ReadAllTextAsync(Member.KubeconfigPath);
        Assert.Contains($"server: https://127.0.0.1:{Member.Port}", kubeconfig, StringComparison.Ordinal);
        var objectsBefore = await UidsAsync(ns);
        foreach (var kind in new[] { "Namespace/" + ns, "Deployment/web", "Service/web", "Endpoints/web", "ConfigMap/settings" })
            Assert.Contains(kind, objectsBefore.Keys);
        Assert.Equal(2, objectsBefore.Keys.Count(k => k.StartsWith("Pod/web-", StringComparison.Ordinal)));
        Assert.Equal(SimulatedMemberFixture.Nodes, objectsBefore.Keys.Count(k => k.StartsWith("Node/", StringComparison.Ordinal)));
        try
        {
            var outage = await Member.SimAsync("outage");
            Assert.True(outage.ExitCode == 0, outage.ToString());

            var refused = await K.RunAsync(["get", "nodes", "--request-timeout=5s"], null, TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("refused", refused.Stderr, StringComparison.Ordinal);
            using (var tcp = new TcpClient())
            {
                var e = await Assert.ThrowsAsync<SocketException>(() => tcp.ConnectAsync("127.0.0.1", Member.Port));
                Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
            }

            var recover = await Member.SimAsync("recover");
            Assert.True(recover.ExitCode == 0, recover.ToString());
        }
        finally
        {
            await Member.SimAsync("recover");
        }

        Assert.Equal("ok", (await K.OkAsync("get", "--raw", "/readyz")).Trim());
        Assert.Equal(kubeconfig, await File.ReadAllTextAsync(Member.KubeconfigPath)); // the same address
        Assert.Equal(objectsBefore, await UidsAsync(ns));
        Assert.Equal("blue", await GetAsync(ns, "configmap/settings", "{.data.colour}"));
        Assert.Equal("2", await GetAsync(ns, "deployment/web", "{.status.readyReplicas}"));

        // Still a working cluster afterwards.
        await K.OkAsync("scale", "deployment/web", "--replicas=3", "-n", ns);
        await UntilAsync(async () => await GetAsync(ns, "deployment/web", "{.status.readyReplicas}") == "3", "deployment web scales to 3 after recovery");
    }

    /// <summary>"kind/name uid" of the namespace, the nodes and every object kubectl lists in it.</summary>
    private async Task<Dictionary<string, string>> UidsAsync(string ns)
    {
        const string path = "jsonpath={range .items[*]}{.kind}/{.metadata.name} {.metadata.uid}{\"\\n\"}{end}";
        var lines = new List<string>();
        lines.AddRange(await LinesAsync(["get", "namespace", ns, "-o", "jsonpath={.kind}/{.metadata.name} {.metadata.uid}"]));
        lines.AddRange(await LinesAsync(["get", "nodes", "-o", path]));
        lines.AddRange(await LinesAsync(["get", "deployments,replicasets,pods,services,configmaps,endpoints", "-n", ns, "-o", path]));
        return lines.Select(Split).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    [Fact]
    public async Task Capacity_changes_node_capacity_and_what_the_scheduler_can_place()
    {
        const string ns = "sim-capacity";
        const string nodeShape = "jsonpath={range .items[*]}{.status.capacity.cpu} {.status.capacity.memory} {.status.capacity.pods} " +
            "{.status.allocatable.cpu} {.status.allocatable.pods} {.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}";
        await K.OkAsync("create", "namespace", ns);
        try
        {
            var capacity = await Member.SimAsync("capacity", "--cpu", "2", "--pods", "5");
            Assert.True(capacity.ExitCode == 0, capacity.ToString());
            await UntilAsync(async () => (await LinesAsync(["get", "nodes", "-o", nodeShape])) is { Length: SimulatedMemberFixture.Nodes } rows
                && rows.All(r => r == "2 16Gi 5 2 5 True"), "every node reports cpu 2 and pods 5 (memory unchanged)");

            // With 2 CPUs a node, pods requesting a whole CPU fit six at a time; the rest stay Pending as Unschedulable.
            var podsBack = await Member.SimAsync("capacity", "--pods", SimulatedMemberFixture.NodePods);
            Assert.True(podsBack.ExitCode == 0, podsBack.ToString());
            await UntilAsync(async () => (await LinesAsync(["get", "nodes", "-o", nodeShape])).All(r => r == "2 16Gi 50 2 50 True"), "pods capacity back to 50");
            await ApplyAsync($$$"""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: hungry, namespace: {{{ns}}}}
                spec:
                  replicas: 8
                  selector: {matchLabels: {app: hungry}}
                  template:
                    metadata: {labels: {app: hungry}}
                    spec:
                      containers:
                      - name: main
                        image: nginx:1.25.3
                        resources: {requests: {cpu: "1"}}
                """);
            await UntilAsync(async () =>
            {
                var pods = await PodsAsync(ns, "app=hungry");
                return pods.Count == 8 && pods.Count(p => p.Ready == "True") == 6 && pods.Count(p => p.Node == "") == 2;
            }, "six hungry pods run, two are pending");
            var pending = await LinesAsync(["get", "pods", "-n", ns, "-l", "app=hungry", "--field-selector=status.phase=Pending", "-o",
                "jsonpath={range .items[*]}{.status.conditions[?(@.type==\"PodScheduled\")].status}|{.status.conditions[?(@.type==\"PodScheduled\")].reason}|{.status.conditions[?(@.type==\"PodScheduled\")].message}{\"\\n\"}{end}"]);
            Assert.Equal(2, pending.Length);
            Assert.All(pending, p => Assert.Equal("False|Unschedulable|0/3 nodes are available: 3 Insufficient cpu.", p));
            Assert.Equal("6", await GetAsync(ns, "deployment/hungry", "{.status.readyReplicas}"));

            // More CPU schedules the pending pods.
            var more = await Member.SimAsync("capacity", "--cpu", SimulatedMemberFixture.NodeCpu);
            Assert.True(more.ExitCode == 0, more.ToString());
            await UntilAsync(async () => await GetAsync(ns, "deployment/hungry", "{.status.readyReplicas}") == "8", "all eight hungry pods run once nodes have 4 CPUs");
        }
        finally
        {
            await Member.SimAsync("capacity", "--cpu", SimulatedMemberFixture.NodeCpu, "--memory", SimulatedMemberFixture.NodeMemory, "--pods", SimulatedMemberFixture.NodePods);
            await K.RunAsync("delete", "namespace", ns, "--wait=false");
        }
        await UntilAsync(async () => (await LinesAsync(["get", "nodes", "-o", nodeShape])).All(r => r == "4 16Gi 50 4 50 True"), "node capacity is restored");

        // Malformed values are refused with the flag named, and change nothing.
        foreach (var (flag, value) in new[] { ("--cpu", "lots"), ("--pods", "abc"), ("--nodes", "many") })
        {
            var bad = await Member.SimAsync("capacity", flag, value);
            Assert.NotEqual(0, bad.ExitCode);
            Assert.Contains($"{flag}: \"{value}\"", bad.Stderr, StringComparison.Ordinal);
        }
        Assert.Equal(Enumerable.Repeat("4 16Gi 50 4 50 True", SimulatedMemberFixture.Nodes), await LinesAsync(["get", "nodes", "-o", nodeShape]));
        var none = await FlotillaProcess.RunCliAsync("sim", "no-such-member", "outage", "--data-dir", Member.DataDir);
        Assert.NotEqual(0, none.ExitCode);
        Assert.Contains("no simulated member named \"no-such-member\"", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatefulSet_and_DaemonSet_become_ready()
    {
        const string ns = "sim-sets";
        await K.OkAsync("create", "namespace", ns);
        await ApplyAsync($$$"""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: {{{ns}}}}
            spec:
              serviceName: db
              replicas: 3
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers: [{name: db, image: "postgres:16"}]
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: {{{ns}}}}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers: [{name: agent, image: "fluent-bit:3.0"}]
            """);
        await UntilAsync(async () => await GetAsync(ns, "statefulset/db", "{.status.readyReplicas}") == "3", "statefulset db is 3/3 ready");
        Assert.Equal(["db-0", "db-1", "db-2"], (await PodsAsync(ns, "app=db")).Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        await UntilAsync(async () => await GetAsync(ns, "daemonset/agent", "{.status.desiredNumberScheduled} {.status.numberReady}") == "3 3",
            "daemonset agent runs a ready pod on each of the 3 nodes");
        var agents = await PodsAsync(ns, "app=agent");
        Assert.Equal(Enumerable.Range(0, 3).Select(i => $"{Name}-node-{i}"), agents.Select(p => p.Node).Order(StringComparer.Ordinal));
        Assert.All(agents, p => Assert.Matches($"^agent-{SafeChars}{{5}}$", p.Name));
    }

    // ---- helpers ----

    private sealed record Pod(string Name, string Phase, string Ready, string Node, string Ip, string Image, string Hash, string OwnerUid);

    private async Task<List<Pod>> PodsAsync(string ns, string selector)
    {
        var lines = await LinesAsync(["get", "pods", "-n", ns, "-l", selector, "-o",
            "jsonpath={range .items[*]}{.metadata.name}|{.status.phase}|{.status.conditions[?(@.type==\"Ready\")].status}|{.spec.nodeName}|" +
            "{.status.podIP}|{.spec.containers[0].image}|{.metadata.labels.pod-template-hash}|{.metadata.ownerReferences[0].uid}|{.metadata.deletionTimestamp}{\"\\n\"}{end}"]);
        return lines.Select(l => l.Split('|'))
            .Where(p => p[8].Length == 0) // not terminating
            .Select(p => new Pod(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7])).ToList();
    }

    /// <summary>One object's jsonpath value ("kind/name"), or null when kubectl fails.</summary>
    private async Task<string?> GetAsync(string ns, string obj, string jsonPath)
    {
        var r = await K.RunAsync("get", obj, "-n", ns, "-o", "jsonpath=" + jsonPath);
        return r.ExitCode == 0 ? r.Stdout.Trim() : null;
    }

    private async Task<string[]> LinesAsync(string[] args) =>
        (await K.OkAsync(args)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task ApplyAsync(string yaml)
    {
        var r = await K.RunAsync(["apply", "-f", "-"], yaml);
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    private async Task UntilAsync(Func<Task<bool>> condition, string because, double seconds = 30)
    {
        try
        {
            await Eventually.UntilAsync(condition, TimeSpan.FromSeconds(seconds), because, TimeSpan.FromMilliseconds(100));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + Member.Describe(), e);
        }
    }

    private static string[] Split(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string[] Columns(string row) => Split(row);

    private static int Int(string s) => int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : -1;
}
