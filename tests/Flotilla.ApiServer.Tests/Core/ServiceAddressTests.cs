using System.Net;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.ApiServer.Tests.Core;

/// <summary>Services get their ClusterIP and node ports from the API server, as from kube-apiserver's Service registry.</summary>
public sealed class ServiceAddressTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static JsonObject Service(string name, string? type = null, string? clusterIp = null, int? nodePort = null)
    {
        var port = new JsonObject { ["port"] = 80 };
        if (nodePort is { } np) port["nodePort"] = np;
        var spec = new JsonObject { ["ports"] = new JsonArray(port), ["selector"] = new JsonObject { ["app"] = name } };
        if (type is not null) spec["type"] = type;
        if (clusterIp is not null) spec["clusterIP"] = clusterIp;
        return new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["spec"] = spec,
        };
    }

    private static uint Address(string ip)
    {
        var b = IPAddress.Parse(ip).GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    [Fact]
    public async Task Create_AllocatesClusterIpAndNodePorts_FromTheirRanges()
    {
        await using var t = await TestApi.StartAsync();
        var services = t.R("", "v1", "services");
        var ips = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            var spec = (await t.CreateAsync(services, Service("s" + i, type: i % 2 == 0 ? "NodePort" : null))).ToObject()["spec"]!;
            var ip = spec["clusterIP"]!.GetValue<string>();
            Assert.True(ips.Add(ip), "unique " + ip);
            // 10.96.0.0/12, above the statically assigned band of 256 addresses
            Assert.InRange(Address(ip), Address("10.96.1.0"), Address("10.111.255.254"));
            Assert.Equal("[\"" + ip + "\"]", spec["clusterIPs"]!.ToJsonString());
            Assert.Equal("[\"IPv4\"]", spec["ipFamilies"]!.ToJsonString());
            Assert.Equal("SingleStack", spec["ipFamilyPolicy"]!.GetValue<string>());
            if (i % 2 == 0) Assert.InRange(spec["ports"]![0]!["nodePort"]!.GetValue<int>(), 30000, 32767);
            else Assert.Null(spec["ports"]![0]!["nodePort"]);
        }
        var headless = (await t.CreateAsync(services, Service("hl", clusterIp: "None"))).ToObject()["spec"]!;
        Assert.Equal("None", headless["clusterIP"]!.GetValue<string>());
        var external = Service("ex", type: "ExternalName");
        external["spec"]!["externalName"] = "db.example.com";
        Assert.Null((await t.CreateAsync(services, external)).ToObject()["spec"]!["clusterIP"]);
    }

    [Fact]
    public async Task RequestedAddresses_InUseOrOutOfRange_AreInvalid_AndChangeNothing()
    {
        await using var t = await TestApi.StartAsync();
        var services = t.R("", "v1", "services");
        await t.CreateAsync(services, Service("a", type: "NodePort", clusterIp: "10.96.0.10", nodePort: 30010));
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => t.CreateAsync(services, Service("b", clusterIp: "10.96.0.10")));
        Assert.Equal(422, e.Code);
        Assert.Equal("spec.clusterIPs", Assert.Single(e.Details!.Causes!).Field);
        Assert.Equal("Invalid value: []string{\"10.96.0.10\"}: failed to allocate IP 10.96.0.10: provided IP is already allocated", e.Details!.Causes![0].Message);
        e = await Assert.ThrowsAsync<ApiStatusException>(() => t.CreateAsync(services, Service("c", type: "NodePort", clusterIp: "192.168.0.1", nodePort: 30010)));
        Assert.Equal(
            ["spec.clusterIPs: Invalid value: []string{\"192.168.0.1\"}: failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
             "spec.ports[0].nodePort: Invalid value: 30010: provided port is already allocated"],
            e.Details!.Causes!.Select(c => c.Field + ": " + c.Message));
        e = await Assert.ThrowsAsync<ApiStatusException>(() => t.CreateAsync(services, Service("d", type: "NodePort", nodePort: 80)));
        Assert.Equal("Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767", Assert.Single(e.Details!.Causes!).Message);
        Assert.Null(await t.GetAsync(services, "default", "c"));

        // a refused create gave back what it took: the same addresses can be asked for again
        Assert.Equal("10.96.0.11", (await t.CreateAsync(services, Service("e", type: "NodePort", clusterIp: "10.96.0.11", nodePort: 30011))).ToObject()["spec"]!["clusterIP"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_KeepsAllocatedAddresses_TypeChangesAllocateAndFree_DeleteFrees()
    {
        await using var t = await TestApi.StartAsync();
        var services = t.R("", "v1", "services");
        await t.CreateAsync(services, Service("a", type: "NodePort", clusterIp: "10.96.0.20", nodePort: 30020));
        // a PUT that leaves the addresses out keeps them (kubectl replace of the manifest)
        var replaced = (await t.Api.UpdateAsync(services, "default", "a", Service("a", type: "NodePort"), null, new WriteParams(), None)).ToObject()["spec"]!;
        Assert.Equal("10.96.0.20 30020", replaced["clusterIP"] + " " + replaced["ports"]![0]!["nodePort"]);

        var toClusterIp = """{"spec":{"type":"ClusterIP","externalTrafficPolicy":null,"ports":[{"port":80,"protocol":"TCP","targetPort":80,"nodePort":null}]}}"""u8.ToArray();
        var patched = (await t.Api.PatchAsync(services, "default", "a", PatchType.Merge, toClusterIp, null, new WriteParams(), None)).ToObject()["spec"]!;
        Assert.Null(patched["ports"]![0]!["nodePort"]);
        // the node port is free again, and the ClusterIP once the Service is gone
        await t.CreateAsync(services, Service("b", type: "NodePort", nodePort: 30020));
        await t.Api.DeleteAsync(services, "default", "a", new DeleteParams(), None);
        await t.CreateAsync(services, Service("c", clusterIp: "10.96.0.20"));
    }

    [Fact]
    public async Task AddressesInUse_AreKnownAfterARestart()
    {
        var storage = new Flotilla.Storage.Memory.MemoryStorageBackend(new Flotilla.Storage.Memory.MemoryStorageOptions());
        await using (var first = new KubeApi(storage, new KubeApiOptions()))
        {
            await first.StartAsync(None);
            var services = first.Registry.Find(new GroupVersionResource("", "v1", "services"))!;
            await first.CreateAsync(services, "default", Service("a", type: "NodePort", clusterIp: "10.96.0.30", nodePort: 30030), new WriteParams(), None);
        }
        await using var second = new KubeApi(storage, new KubeApiOptions());
        await second.StartAsync(None);
        var svc = second.Registry.Find(new GroupVersionResource("", "v1", "services"))!;
        var e = await Assert.ThrowsAsync<ApiStatusException>(() => second.CreateAsync(svc, "default", Service("b", type: "NodePort", clusterIp: "10.96.0.30", nodePort: 30030), new WriteParams(), None));
        Assert.Equal(["spec.clusterIPs", "spec.ports[0].nodePort"], e.Details!.Causes!.Select(c => c.Field));
        await storage.DisposeAsync();
    }
}
