using System.Text.Json.Nodes;
using Flotilla.ApiServer.Schema;
using Flotilla.Core;

namespace Flotilla.Simulator;

/// <summary>
/// What a real API server's Service registry does at write time: allocates a ClusterIP from 10.96.0.0/12 and node
/// ports from 30000-32767 when a Service is created (so the create response already carries them), and keeps them
/// when an update omits them. Everything else goes to the wrapped admission.
/// </summary>
public sealed class ServiceIpAdmission(IAdmission inner) : IAdmission
{
    private readonly object _gate = new();
    private readonly HashSet<string> _ips = new(StringComparer.Ordinal);
    private readonly HashSet<int> _nodePorts = [];
    private int _nextIp = 10;
    private int _nextPort = 30000;

    public IReadOnlyList<string> Decode(AdmissionRequest request) => inner.Decode(request);

    public IReadOnlyList<string> Admit(AdmissionRequest request)
    {
        var warnings = inner.Admit(request);
        var r = request.Resource;
        if (r.Group.Length != 0 || r.Plural != "services" || request.Subresource is not null) return warnings;
        if (request.Object["spec"] is not JsonObject spec) return warnings;
        var type = spec.GetString("type") ?? "ClusterIP";
        if (request.Operation == AdmissionOperation.Update && request.OldObject?["spec"] is JsonObject old)
        {
            if (string.IsNullOrEmpty(spec.GetString("clusterIP")) && old["clusterIP"] is { } ip)
            {
                spec["clusterIP"] = ip.DeepClone();
                if (old["clusterIPs"] is { } ips) spec["clusterIPs"] = ips.DeepClone();
            }
            CopyNodePorts(old, spec);
        }
        if (request.Operation is not (AdmissionOperation.Create or AdmissionOperation.Update)) return warnings;
        lock (_gate)
        {
            if (type != "ExternalName" && string.IsNullOrEmpty(spec.GetString("clusterIP")))
            {
                var ip = NextIp();
                spec["clusterIP"] = ip;
                spec["clusterIPs"] = new JsonArray(ip);
                spec["ipFamilies"] ??= new JsonArray("IPv4");
                spec["ipFamilyPolicy"] ??= "SingleStack";
            }
            if (type is "NodePort" or "LoadBalancer" && spec["ports"] is JsonArray ports)
                foreach (var p in ports.OfType<JsonObject>())
                    if (p["nodePort"] is null) p["nodePort"] = NextPort();
        }
        return warnings;
    }

    private static void CopyNodePorts(JsonObject old, JsonObject spec)
    {
        if (old["ports"] is not JsonArray oldPorts || spec["ports"] is not JsonArray ports) return;
        foreach (var p in ports.OfType<JsonObject>())
        {
            if (p["nodePort"] is not null) continue;
            var match = oldPorts.OfType<JsonObject>().FirstOrDefault(o => JsonNode.DeepEquals(o["port"], p["port"]) && o.GetString("protocol") == (p.GetString("protocol") ?? "TCP"));
            if (match?["nodePort"] is { } np) p["nodePort"] = np.DeepClone();
        }
    }

    private string NextIp()
    {
        while (true)
        {
            var n = _nextIp++;
            var ip = $"10.{96 + (n >> 16) % 16}.{(n >> 8) & 255}.{n & 255}";
            if ((n & 255) is 0 or 255) continue;
            if (_ips.Add(ip)) return ip;
        }
    }

    private int NextPort()
    {
        for (var i = 0; i < 2768; i++)
        {
            var p = _nextPort;
            _nextPort = _nextPort >= 32767 ? 30000 : _nextPort + 1;
            if (_nodePorts.Add(p)) return p;
        }
        throw new ApiStatusException(422, StatusReasons.Invalid, "spec.ports.nodePort: range is full");
    }
}
