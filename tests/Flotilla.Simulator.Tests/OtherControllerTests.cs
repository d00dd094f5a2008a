using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.TestKit.Fakes;

namespace Flotilla.Simulator.Tests;

public sealed class StatefulSetAndDaemonSetTests
{
    [Fact]
    public async Task StatefulSet_creates_ordinals_in_order_and_scales_down_from_the_top()
    {
        await using var h = await SimHarness.StartAsync(o => o.PodStartupDelay = TimeSpan.FromMilliseconds(150));
        await h.CreateAsync(Res.StatefulSets, """
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"default"},
             "spec":{"replicas":3,"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
               "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"c","image":"pg"}]}}}}
            """);
        var orderViolated = false;
        await h.UntilAsync(async () =>
        {
            var pods = (await h.PodsAsync("default", "app=db")).ToDictionary(p => p.Name()!);
            for (var i = 1; i < 3; i++)
                if (pods.ContainsKey($"db-{i}") && !(pods.TryGetValue($"db-{i - 1}", out var prev) && PodUtil.IsReady(prev))) orderViolated = true;
            return pods.Count == 3 && pods.Values.All(PodUtil.IsReady);
        }, "db-0..2 ready");
        Assert.False(orderViolated, "a higher ordinal existed before the previous one was ready");
        Assert.Equal("db-1", (await h.GetAsync(Res.Pods, "default", "db-1"))!["spec"]!["hostname"]!.GetValue<string>());
        await h.UntilAsync(async () => PodUtil.Int((await h.GetAsync(Res.StatefulSets, "default", "db"))?["status"]?["readyReplicas"]) == 3, "status 3 ready");

        await h.PatchAsync(Res.StatefulSets, "default", "db", """{"spec":{"replicas":1}}""");
        await h.UntilAsync(async () => (await h.PodsAsync("default", "app=db")).Select(p => p.Name()).SequenceEqual(["db-0"]), "only db-0 left");
    }

    [Fact]
    public async Task DaemonSet_runs_one_pod_per_node_and_follows_new_nodes()
    {
        await using var h = await SimHarness.StartAsync();
        await h.CreateAsync(Res.DaemonSets, """
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"default"},
             "spec":{"selector":{"matchLabels":{"app":"agent"}},
               "template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"name":"c","image":"agent"}]}}}}
            """);
        await h.UntilAsync(async () =>
        {
            var pods = (await h.PodsAsync("default", "app=agent")).Where(PodUtil.IsReady).ToList();
            return pods.Count == 3 && pods.Select(PodUtil.NodeName).Distinct().Count() == 3;
        }, "one ready pod on each of 3 nodes");
        h.Cluster.SetNodeCount(4);
        await h.UntilAsync(async () =>
        {
            var pods = (await h.PodsAsync("default", "app=agent")).Where(PodUtil.IsReady).ToList();
            return pods.Count == 4 && pods.Select(PodUtil.NodeName).Distinct().Count() == 4;
        }, "one ready pod on each of 4 nodes");
        await h.UntilAsync(async () => PodUtil.Int((await h.GetAsync(Res.DaemonSets, "default", "agent"))?["status"]?["desiredNumberScheduled"]) == 4, "status desired 4");
    }
}

public sealed class JobAndCronJobTests
{
    [Fact]
    public async Task Job_completes_with_completions_and_never_exceeds_parallelism()
    {
        await using var h = await SimHarness.StartAsync(o => o.JobPodDuration = TimeSpan.FromMilliseconds(400));
        await h.CreateAsync(Res.Jobs, """
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi","namespace":"default"},
             "spec":{"completions":5,"parallelism":2,"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"perl"}]}}}}
            """);
        var maxActive = 0;
        await h.UntilAsync(async () =>
        {
            var pods = await h.PodsAsync("default", "job-name=pi");
            maxActive = Math.Max(maxActive, pods.Count(PodUtil.IsActive));
            var job = await h.GetAsync(Res.Jobs, "default", "pi");
            return JobCondition(job, "Complete") == "True";
        }, "job complete");
        Assert.InRange(maxActive, 1, 2);
        var status = (await h.GetAsync(Res.Jobs, "default", "pi"))!["status"]!;
        Assert.Equal(5, PodUtil.Int(status["succeeded"]));
        Assert.NotNull(status["completionTime"]);
        Assert.Equal(5, (await h.PodsAsync("default", "job-name=pi")).Count(p => PodUtil.Phase(p) == "Succeeded"));
    }

    [Fact]
    public async Task Job_whose_pods_never_succeed_stays_active()
    {
        await using var h = await SimHarness.StartAsync();
        h.Cluster.FailPods("app=crash");
        await h.CreateAsync(Res.Jobs, """
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"crash","namespace":"default"},
             "spec":{"template":{"metadata":{"labels":{"app":"crash"}},"spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"x"}]}}}}
            """);
        await h.UntilAsync(async () => (await h.PodsAsync("default", "app=crash")).Any(p =>
            p["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"]?.GetValue<string>() == "CrashLoopBackOff"), "crash-looping pod");
        Assert.Null(JobCondition(await h.GetAsync(Res.Jobs, "default", "crash"), "Complete"));
        h.Cluster.HealPods(null);
        await h.UntilAsync(async () => JobCondition(await h.GetAsync(Res.Jobs, "default", "crash"), "Complete") == "True", "job completes once healed");
    }

    [Fact]
    public async Task CronJob_creates_a_job_when_its_schedule_fires()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 30, TimeSpan.Zero));
        await using var h = await SimHarness.StartAsync(time: time);
        await h.CreateAsync(Res.CronJobs, """
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"tick","namespace":"default"},
             "spec":{"schedule":"*/1 * * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"x"}]}}}}}}
            """);
        // nothing before the first minute boundary
        await h.UntilAsync(async () => (await h.GetAsync(Res.CronJobs, "default", "tick")) is not null, "cronjob stored");
        Assert.Empty(await h.ListAsync(Res.Jobs, "default"));
        await h.UntilAsync(async () =>
        {
            time.Advance(TimeSpan.FromSeconds(5));
            return (await h.ListAsync(Res.Jobs, "default")).Count > 0;
        }, "a job created after the schedule fires");
        var job = Assert.Single(await h.ListAsync(Res.Jobs, "default"));
        var expected = new DateTimeOffset(2026, 3, 1, 10, 1, 0, TimeSpan.Zero);
        Assert.Equal("tick-" + (expected.ToUnixTimeSeconds() / 60), job.Name());
        Assert.Equal("2026-03-01T10:01:00Z", job.Annotation("batch.kubernetes.io/cronjob-scheduled-timestamp"));
        Assert.Equal("CronJob", PodUtil.ControllerRef(job)!.GetString("kind"));
        await h.UntilAsync(async () => (await h.GetAsync(Res.CronJobs, "default", "tick"))?["status"]?["lastScheduleTime"]?.GetValue<string>() == "2026-03-01T10:01:00Z",
            "lastScheduleTime recorded");
    }

    private static string? JobCondition(JsonObject? job, string type) =>
        (job?["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == type)?.GetString("status");
}

public sealed class ServiceAndNamespaceTests
{
    [Fact]
    public async Task Endpoints_follow_ready_pods_and_fail_pods()
    {
        await using var h = await SimHarness.StartAsync();
        await h.CreateAsync(Res.Deployments, SimHarness.Deployment("web", 2));
        var svc = await h.CreateAsync(Res.Services, """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},
             "spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"}]}}
            """);
        Assert.StartsWith("10.", svc["spec"]!["clusterIP"]!.GetValue<string>());
        await h.UntilAsync(async () => Addresses(await h.GetAsync(Res.Endpoints, "default", "web"), "addresses") == 2, "2 ready endpoints");
        var ep = await h.GetAsync(Res.Endpoints, "default", "web");
        Assert.Equal(8080, PodUtil.Int(ep!["subsets"]![0]!["ports"]![0]!["port"]));
        var slice = Assert.Single(await h.ListAsync(Res.EndpointSlices, "default"), s => s.Labels().GetValueOrDefault("kubernetes.io/service-name") == "web");
        Assert.Equal(2, ((JsonArray)slice["endpoints"]!).Count);

        h.Cluster.FailPods("app=web");
        await h.UntilAsync(async () =>
        {
            var e = await h.GetAsync(Res.Endpoints, "default", "web");
            return Addresses(e, "addresses") == 0 && Addresses(e, "notReadyAddresses") == 2;
        }, "endpoints not ready after fail-pods");
        await h.UntilAsync(async () => !await h.DeploymentReadyAsync("web", 2), "deployment not ready");
        h.Cluster.HealPods("app=web");
        await h.UntilAsync(async () => Addresses(await h.GetAsync(Res.Endpoints, "default", "web"), "addresses") == 2, "ready again after heal");
    }

    [Fact]
    public async Task LoadBalancer_gets_an_ingress_ip_and_node_ports()
    {
        await using var h = await SimHarness.StartAsync();
        var svc = await h.CreateAsync(Res.Services, """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"lb","namespace":"default"},
             "spec":{"type":"LoadBalancer","selector":{"app":"lb"},"ports":[{"port":80}]}}
            """);
        Assert.InRange(PodUtil.Int(svc["spec"]!["ports"]![0]!["nodePort"]), 30000, 32767);
        await h.UntilAsync(async () => (await h.GetAsync(Res.Services, "default", "lb"))?["status"]?["loadBalancer"]?["ingress"]?[0]?["ip"] is not null, "ingress ip");
    }

    [Fact]
    public async Task ResourceQuota_reports_used()
    {
        await using var h = await SimHarness.StartAsync();
        await h.CreateAsync(Res.ResourceQuotas, """
            {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q","namespace":"default"},
             "spec":{"hard":{"pods":"10","requests.cpu":"4","services":"5"}}}
            """);
        for (var i = 0; i < 2; i++)
            await h.CreateAsync(Res.Pods, $$$$"""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p{{{{i}}}}","namespace":"default"},
                 "spec":{"containers":[{"name":"c","image":"x","resources":{"requests":{"cpu":"250m"}}}]}}
                """);
        await h.UntilAsync(async () =>
        {
            var used = (await h.GetAsync(Res.ResourceQuotas, "default", "q"))?["status"]?["used"] as JsonObject;
            return used.GetString("pods") == "2" && used.GetString("requests.cpu") == "500m" && used.GetString("services") is not null;
        }, "quota used pods=2 requests.cpu=500m");
        var status = (await h.GetAsync(Res.ResourceQuotas, "default", "q"))!["status"]!;
        Assert.Equal("10", status["hard"]!["pods"]!.GetValue<string>());
    }

    [Fact]
    public async Task Namespace_gets_defaults_and_deleting_it_removes_its_contents()
    {
        await using var h = await SimHarness.StartAsync();
        await h.CreateAsync(Res.Namespaces, """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}""");
        await h.UntilAsync(async () => await h.GetAsync(Res.ServiceAccounts, "team", "default") is not null
            && (await h.GetAsync(Res.ConfigMaps, "team", "kube-root-ca.crt"))?["data"]?["ca.crt"] is not null, "default SA and kube-root-ca.crt");
        var ca = (await h.GetAsync(Res.ConfigMaps, "team", "kube-root-ca.crt"))!["data"]!["ca.crt"]!.GetValue<string>();
        Assert.Equal(h.Cluster.Certificates.CaPem.Trim(), ca.Trim());
        await h.CreateAsync(Res.ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"team"},"data":{"a":"b"}}""");
        await h.CreateAsync(Res.Deployments, SimHarness.Deployment("web", 1).Replace("\"default\"", "\"team\"", StringComparison.Ordinal));
        await h.UntilAsync(async () => (await h.PodsAsync("team")).Count == 1, "pod in team");

        await h.Client.DeleteAsync(Res.Namespaces, null, "team", null, CancellationToken.None);
        await h.UntilAsync(async () => await h.GetAsync(Res.Namespaces, null, "team") is null, "namespace gone");
        Assert.Empty(await h.ListAsync(Res.ConfigMaps, "team"));
        Assert.Empty(await h.PodsAsync("team"));
        Assert.Empty(await h.ListAsync(Res.Deployments, "team"));
    }

    private static int Addresses(JsonObject? ep, string field) =>
        (ep?["subsets"] as JsonArray)?.OfType<JsonObject>().Sum(s => (s[field] as JsonArray)?.Count ?? 0) ?? 0;
}
