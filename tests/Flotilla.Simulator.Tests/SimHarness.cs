using System.Text.Json.Nodes;
using Flotilla.ApiServer.Hosting;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flotilla.Simulator.Tests;

/// <summary>One simulated member in process on the memory store, driven through its in-process client.</summary>
internal sealed class SimHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly Lazy<ServingCertificates> SharedCerts = new(ServingCertificates.CreateEphemeral);

    private SimHarness(SimulatedCluster cluster) => Cluster = cluster;

    public SimulatedCluster Cluster { get; }
    public IKubeClient Client => Cluster.Client;

    public static async Task<SimHarness> StartAsync(Action<MemberOptions>? configure = null, TimeProvider? time = null, string name = "sim")
    {
        var options = new MemberOptions { PodStartupDelay = TimeSpan.FromMilliseconds(30), JobPodDuration = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(options);
        var cluster = await SimulatedCluster.StartAsync(name, options, 0, SharedCerts.Value, NullLoggerFactory.Instance, time, CancellationToken.None)
            .WaitAsync(Timeout);
        var h = new SimHarness(cluster);
        await h.UntilAsync(async () => (await h.ListAsync(Res.Nodes, null)).Count == options.Nodes, "nodes created");
        return h;
    }

    public Task UntilAsync(Func<Task<bool>> condition, string because) => Eventually.UntilAsync(condition, Timeout, because);

    public Task UntilAsync(Func<bool> condition, string because) => Eventually.UntilAsync(condition, Timeout, because);

    public async Task<List<JsonObject>> ListAsync(GroupVersionResource r, string? ns) =>
        (await Client.ListAsync(r, ns, null, CancellationToken.None)).Items;

    public Task<JsonObject?> GetAsync(GroupVersionResource r, string? ns, string name) => Client.GetAsync(r, ns, name, CancellationToken.None);

    public Task<JsonObject> CreateAsync(GroupVersionResource r, string json) => Client.CreateAsync(r, JsonNode.Parse(json)!.AsObject(), null, CancellationToken.None);

    public Task<JsonObject> PatchAsync(GroupVersionResource r, string? ns, string name, string mergePatch) =>
        Client.PatchAsync(r, ns, name, PatchType.Merge, mergePatch, null, CancellationToken.None);

    public async Task<List<JsonObject>> PodsAsync(string ns, string? label = null) =>
        (await ListAsync(Res.Pods, ns)).Where(p => label is null || LabelMatches(p, label)).ToList();

    private static bool LabelMatches(JsonObject p, string kv)
    {
        var (k, v) = (kv[..kv.IndexOf('=', StringComparison.Ordinal)], kv[(kv.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        return p.Labels().TryGetValue(k, out var lv) && lv == v;
    }

    public static string Deployment(string name, int replicas, string image = "nginx:1", string strategy = "", string extraSpec = "") => $$$$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{{name}}}}","namespace":"default"},
         "spec":{"replicas":{{{{replicas}}}},"selector":{"matchLabels":{"app":"{{{{name}}}}"}}{{{{strategy}}}},
           "template":{"metadata":{"labels":{"app":"{{{{name}}}}"}},"spec":{"containers":[{"name":"c","image":"{{{{image}}}}","ports":[{"name":"http","containerPort":8080}]}]{{{{extraSpec}}}} } } } }
        """;

    public async Task<bool> DeploymentReadyAsync(string name, int replicas)
    {
        var d = await GetAsync(Res.Deployments, "default", name);
        var s = d?["status"] as JsonObject;
        return s is not null && PodUtil.Int(s["readyReplicas"]) == replicas && PodUtil.Int(s["updatedReplicas"]) == replicas
            && PodUtil.Int(s["replicas"]) == replicas && PodUtil.Int(s["availableReplicas"]) == replicas
            && PodUtil.Int(s["observedGeneration"]) == PodUtil.Int(d!["metadata"]!["generation"]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.DisposeAsync().AsTask().WaitAsync(Timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException("the simulated cluster did not stop within " + Timeout, e);
        }
    }
}

internal static class Res
{
    public static readonly GroupVersionResource Nodes = new("", "v1", "nodes");
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");
    public static readonly GroupVersionResource Services = new("", "v1", "services");
    public static readonly GroupVersionResource Endpoints = new("", "v1", "endpoints");
    public static readonly GroupVersionResource Namespaces = new("", "v1", "namespaces");
    public static readonly GroupVersionResource ServiceAccounts = new("", "v1", "serviceaccounts");
    public static readonly GroupVersionResource ConfigMaps = new("", "v1", "configmaps");
    public static readonly GroupVersionResource ResourceQuotas = new("", "v1", "resourcequotas");
    public static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    public static readonly GroupVersionResource ReplicaSets = new("apps", "v1", "replicasets");
    public static readonly GroupVersionResource StatefulSets = new("apps", "v1", "statefulsets");
    public static readonly GroupVersionResource DaemonSets = new("apps", "v1", "daemonsets");
    public static readonly GroupVersionResource Jobs = new("batch", "v1", "jobs");
    public static readonly GroupVersionResource CronJobs = new("batch", "v1", "cronjobs");
    public static readonly GroupVersionResource EndpointSlices = new("discovery.k8s.io", "v1", "endpointslices");
}
