using System.Text.Json.Nodes;
using Flotilla.ApiServer;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Storage.Memory;

namespace Flotilla.ApiServer.Tests.Core;

/// <summary>A started KubeApi over the memory backend, with helpers to build objects.</summary>
internal sealed class TestApi : IAsyncDisposable
{
    private TestApi(KubeApi api, MemoryStorageBackend storage)
    {
        Api = api;
        Storage = storage;
    }

    public KubeApi Api { get; }
    public MemoryStorageBackend Storage { get; }

    public static async Task<TestApi> StartAsync(Action<KubeApiOptions>? configure = null, int retainedRevisions = 0)
    {
        var storage = new MemoryStorageBackend(new MemoryStorageOptions { RetainedRevisions = retainedRevisions });
        var options = new KubeApiOptions();
        configure?.Invoke(options);
        var api = new KubeApi(storage, options);
        await api.StartAsync(CancellationToken.None);
        return new TestApi(api, storage);
    }

    public ServedResource R(string group, string version, string plural) =>
        Api.Registry.Find(new GroupVersionResource(group, version, plural)) ?? throw new InvalidOperationException($"{plural} not served");

    public ServedResource ConfigMaps => R("", "v1", "configmaps");
    public ServedResource Namespaces => R("", "v1", "namespaces");
    public ServedResource Deployments => R("apps", "v1", "deployments");

    public static JsonObject ConfigMap(string name, string ns = "default", Dictionary<string, string>? labels = null, JsonObject? data = null)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (labels is not null)
        {
            var l = new JsonObject();
            foreach (var (k, v) in labels) l[k] = v;
            meta["labels"] = l;
        }
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = meta, ["data"] = data ?? new JsonObject { ["k"] = "v" } };
    }

    public static JsonObject Deployment(string name, int replicas = 1, string ns = "default") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
            },
        },
    };

    public Task<StoredObject> CreateAsync(ServedResource r, JsonObject obj) =>
        Api.CreateAsync(r, r.Namespaced ? obj.Namespace() : null, obj, new WriteParams(), CancellationToken.None);

    public async Task<JsonObject?> GetAsync(ServedResource r, string? ns, string name) =>
        (await Api.TryGetAsync(r, ns, name, CancellationToken.None))?.ToObject();

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
