using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.TestKit;

namespace Flotilla.Simulator.Tests;

public sealed class DeploymentControllerTests
{
    [Fact]
    public async Task Deployment_scales_up_and_down_with_kubernetes_names_and_status()
    {
        await using var h = await SimHarness.StartAsync();
        await h.CreateAsync(Res.Deployments, SimHarness.Deployment("web", 3));
        await h.UntilAsync(() => h.DeploymentReadyAsync("web", 3), "web ready 3/3");

        var rs = Assert.Single(await h.ListAsync(Res.ReplicaSets, "default"));
        var hash = rs.Labels()["pod-template-hash"];
        Assert.Equal("web-" + hash, rs.Name());
        Assert.Equal("1", rs.Annotation("deployment.kubernetes.io/revision"));
        var pods = await h.PodsAsync("default", "app=web");
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Matches("^web-" + hash + "-[bcdfghjklmnpqrstvwxz2456789]{5}$", p.Name()));
        Assert.All(pods, p => Assert.Equal("Running", PodUtil.Phase(p)));
        Assert.All(pods, p => Assert.NotNull(PodUtil.NodeName(p)));

        await h.PatchAsync(Res.Deployments, "default", "web", """{"spec":{"replicas":5}}""");
        await h.UntilAsync(() => h.DeploymentReadyAsync("web", 5), "web ready 5/5");
        await h.PatchAsync(Res.Deployments, "default", "web", """{"spec":{"replicas":1}}""");
        await h.UntilAsync(async () => await h.DeploymentReadyAsync("web", 1) && (await h.PodsAsync("default", "app=web")).Count(PodUtil.IsActive) == 1, "web scaled down to 1");
        var d = await h.GetAsync(Res.Deployments, "default", "web");
        var available = ((JsonArray)d!["status"]!["conditions"]!).OfType<JsonObject>().Single(c => c.GetString("type") == "Available");
        Assert.Equal("True", available.GetString("status"));
    }

    [Theory]
    [InlineData(4, "1", "0")]
    [InlineData(4, "0", "1")]
    [InlineData(6, "50%", "25%")]
    public async Task Rolling_update_never_exceeds_surge_or_unavailability_bounds(int replicas, string maxSurge, string maxUnavailable)
    {
        await using var h = await SimHarness.StartAsync();
        static string Q(string v) => v.EndsWith('%') ? $"\"{v}\"" : v;
        var strategy = $$$""","strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":{{{Q(maxSurge)}}},"maxUnavailable":{{{Q(maxUnavailable)}}}}}""";
        await h.CreateAsync(Res.Deployments, SimHarness.Deployment("roll", replicas, "nginx:1", strategy));
        await h.UntilAsync(() => h.DeploymentReadyAsync("roll", replicas), "initial rollout");

        var surge = PodUtil.IntOrPercent(JsonValue.Create(maxSurge), replicas, roundUp: true, 0);
        var unavailable = PodUtil.IntOrPercent(JsonValue.Create(maxUnavailable), replicas, roundUp: false, 0);
        await h.PatchAsync(Res.Deployments, "default", "roll", """{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}""");
        var maxSeenSpec = 0;
        var minSeenReady = int.MaxValue;
        await h.UntilAsync(async () =>
        {
            var sets = await h.ListAsync(Res.ReplicaSets, "default");
            maxSeenSpec = Math.Max(maxSeenSpec, sets.Sum(s => PodUtil.Int(s["spec"]!["replicas"])));
            var ready = (await h.PodsAsync("default", "app=roll")).Count(p => PodUtil.IsActive(p) && PodUtil.IsReady(p));
            minSeenReady = Math.Min(minSeenReady, ready);
            var pods = await h.PodsAsync("default", "app=roll");
            return sets.Count == 2 && await h.DeploymentReadyAsync("roll", replicas)
                && pods.Where(PodUtil.IsActive).All(p => p["spec"]!["containers"]![0]!["image"]!.GetValue<string>() == "nginx:2");
        }, "rollout to nginx:2 complete");
        Assert.InRange(maxSeenSpec, replicas, replicas + surge);
        Assert.True(minSeenReady >= replicas - unavailable, $"ready pods fell to {minSeenReady}, below {replicas} - {unavailable}");
        var sets = await h.ListAsync(Res.ReplicaSets, "default");
        Assert.Contains(sets, s => s.Annotation("deployment.kubernetes.io/revision") == "2" && PodUtil.Int(s["spec"]!["replicas"]) == replicas);
        Assert.Contains(sets, s => s.Annotation("deployment.kubernetes.io/revision") == "1" && PodUtil.Int(s["spec"]!["replicas"], 1) == 0);
    }

    [Fact]
    public async Task Recreate_removes_old_pods_before_creating_new_ones()
    {
        await using var h = await SimHarness.StartAsync();
        await h.CreateAsync(Res.Deployments, SimHarness.Deployment("rec", 3, "nginx:1", ""","strategy":{"type":"Recreate"}"""));
        await h.UntilAsync(() => h.DeploymentReadyAsync("rec", 3), "initial rollout");
        await h.PatchAsync(Res.Deployments, "default", "rec", """{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}""");
        var mixed = false;
        await h.UntilAsync(async () =>
        {
            var images = (await h.PodsAsync("default", "app=rec")).Where(p => !p.IsDeleting())
                .Select(p => p["spec"]!["containers"]![0]!["image"]!.GetValue<string>()).Distinct().ToList();
            if (images.Count > 1) mixed = true;
            return images is ["nginx:2"] && await h.DeploymentReadyAsync("rec", 3);
        }, "recreate rollout complete");
        Assert.False(mixed, "old and new pods ran side by side under Recreate");
    }
}

public sealed class SchedulerTests
{
    [Fact]
    public async Task Pod_that_fits_nowhere_is_unschedulable_until_capacity_grows()
    {
        await using var h = await SimHarness.StartAsync(o => o.NodeCpu = Quantity.Parse("2"));
        await h.CreateAsync(Res.Pods, """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"big","namespace":"default"},
             "spec":{"containers":[{"name":"c","image":"x","resources":{"requests":{"cpu":"4"}}}]}}
            """);
        string? message = null;
        await h.UntilAsync(async () =>
        {
            var p = await h.GetAsync(Res.Pods, "default", "big");
            var c = (p?["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == "PodScheduled");
            message = c?.GetString("message");
            return c?.GetString("status") == "False" && c.GetString("reason") == "Unschedulable";
        }, "PodScheduled=False/Unschedulable");
        Assert.Equal("0/3 nodes are available: 3 Insufficient cpu.", message);
        Assert.Equal("Pending", PodUtil.Phase((await h.GetAsync(Res.Pods, "default", "big"))!));

        h.Cluster.SetCapacity(Quantity.Parse("8"), null, null);
        await h.UntilAsync(async () =>
        {
            var p = await h.GetAsync(Res.Pods, "default", "big");
            return p is not null && PodUtil.NodeName(p) is not null && PodUtil.IsReady(p);
        }, "pod scheduled and ready after capacity grows");
        var node = (await h.ListAsync(Res.Nodes, null))[0];
        Assert.Equal("8", node["status"]!["allocatable"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pods_count_limit_leaves_extra_pods_pending()
    {
        await using var h = await SimHarness.StartAsync(o => { o.Nodes = 1; o.NodePods = 2; });
        await h.CreateAsync(Res.Deployments, SimHarness.Deployment("many", 3));
        await h.UntilAsync(async () =>
        {
            var pods = await h.PodsAsync("default", "app=many");
            return pods.Count == 3 && pods.Count(PodUtil.IsReady) == 2
                && pods.Any(p => p["status"]?["conditions"]?.ToJsonString().Contains("0/1 nodes are available: 1 Too many pods.", StringComparison.Ordinal) == true);
        }, "two pods run, the third is pending with Too many pods");

        // a running pod goes (the ReplicaSet replaces it): its slot frees, so every pod still runs on the one node
        var running = (await h.PodsAsync("default", "app=many")).First(PodUtil.IsReady);
        await h.Client.DeleteAsync(Res.Pods, "default", running.Name()!, new Flotilla.Core.Client.DeleteOptions { GracePeriodSeconds = 0 }, CancellationToken.None);
        await h.UntilAsync(async () =>
        {
            var pods = await h.PodsAsync("default", "app=many");
            return pods.All(p => p.Name() != running.Name()) && pods.Count(PodUtil.IsReady) == 2;
        }, "the freed slot is used again");
    }

    [Fact]
    public async Task NodeSelector_and_taints_are_honoured()
    {
        await using var h = await SimHarness.StartAsync();
        await h.CreateAsync(Res.Pods, """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pinned","namespace":"default"},
             "spec":{"nodeSelector":{"kubernetes.io/hostname":"sim-node-2"},"containers":[{"name":"c","image":"x"}]}}
            """);
        await h.UntilAsync(async () => (await h.GetAsync(Res.Pods, "default", "pinned")) is { } p && PodUtil.NodeName(p) == "sim-node-2", "pinned to node 2");

        foreach (var n in await h.ListAsync(Res.Nodes, null))
            await h.PatchAsync(Res.Nodes, null, n.Name()!, """{"spec":{"taints":[{"key":"dedicated","value":"gpu","effect":"NoSchedule"}]}}""");
        // the scheduler decides from its informer cache: wait until it has seen the taints
        await h.UntilAsync(() => h.Cluster.Informers!.Get(Res.Nodes).Cache.List().All(n => n["spec"]?["taints"] is JsonArray { Count: 1 }), "taints cached");
        await h.CreateAsync(Res.Pods, """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"plain","namespace":"default"},"spec":{"containers":[{"name":"c","image":"x"}]}}""");
        await h.CreateAsync(Res.Pods, """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"tolerant","namespace":"default"},
             "spec":{"tolerations":[{"key":"dedicated","operator":"Equal","value":"gpu","effect":"NoSchedule"}],"containers":[{"name":"c","image":"x"}]}}
            """);
        await h.CreateAsync(Res.Pods, """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nowhere","namespace":"default"},
             "spec":{"nodeSelector":{"disk":"ssd"},"tolerations":[{"operator":"Exists"}],"containers":[{"name":"c","image":"x"}]}}
            """);
        await h.UntilAsync(async () => (await h.GetAsync(Res.Pods, "default", "tolerant")) is { } p && PodUtil.IsReady(p), "tolerant pod runs");
        await h.UntilAsync(async () => (await h.GetAsync(Res.Pods, "default", "plain"))?["status"]?.ToJsonString()
            .Contains("0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}.", StringComparison.Ordinal) == true,
            "plain pod rejected by the taint");
        string? nowhere = null;
        await h.UntilAsync(async () => (nowhere = (await h.GetAsync(Res.Pods, "default", "nowhere"))?["status"]?["conditions"]?[0]?["message"]?.GetValue<string>())?
            .Contains("3 node(s) didn't match Pod's node affinity/selector", StringComparison.Ordinal) == true, "selector matches no node");
        Assert.NotNull(nowhere);
        Assert.Null(PodUtil.NodeName((await h.GetAsync(Res.Pods, "default", "plain"))!));
    }
}
