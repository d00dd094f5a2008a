using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Schema;
using Flotilla.Core;

namespace Flotilla.ApiServer.Store;

/// <summary>
/// What kube-apiserver's Service registry does with addresses: allocates a ClusterIP from the service CIDR (random, in
/// the upper part of the range as the dynamic allocator does; the first address is the kubernetes Service's) and node
/// ports from 30000-32767 when a Service is written without them, keeps allocated values an update leaves out, and
/// refuses a requested IP or port that is outside its range or already in use (422). The set of addresses in use is
/// built from the stored Services, so it survives restarts.
/// </summary>
internal sealed class ServiceAddresses
{
    public const int NodePortMin = 30000;
    public const int NodePortMax = 32767;

    private readonly Lock _gate = new();
    private readonly HashSet<uint> _ips = [];
    private readonly HashSet<int> _ports = [];
    private readonly uint _first;
    private readonly uint _size;
    private readonly string _cidr;

    private ServiceAddresses(uint first, uint size, string cidr)
    {
        _first = first;
        _size = size;
        _cidr = cidr;
    }

    /// <summary>An IPv4 CIDR such as "10.96.0.0/12" (the default of karmada-apiserver's --service-cluster-ip-range).</summary>
    public static ServiceAddresses Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out var ip) || ip.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits) || bits is < 8 or > 28)
            throw new ArgumentException($"not an IPv4 CIDR between /8 and /28: {cidr}", nameof(cidr));
        var size = 1u << (32 - bits);
        var first = ToUInt(ip) & ~(size - 1);
        return new ServiceAddresses(first, size, $"{FromUInt(first)}/{bits}");
    }

    /// <summary>Records the addresses of a stored Service.</summary>
    public void Observe(JsonObject service)
    {
        lock (_gate)
        {
            foreach (var ip in ClusterIps(service)) _ips.Add(ip);
            foreach (var (_, port) in NodePorts(service)) _ports.Add(port);
        }
    }

    /// <summary>Frees the addresses of a deleted Service (or of one whose write failed).</summary>
    public void Release(JsonObject service)
    {
        lock (_gate)
        {
            foreach (var ip in ClusterIps(service)) _ips.Remove(ip);
            foreach (var (_, port) in NodePorts(service)) _ports.Remove(port);
        }
    }

    /// <summary>After an update: frees what <paramref name="old"/> held and <paramref name="next"/> no longer does.</summary>
    public void ReleaseDropped(JsonObject old, JsonObject next)
    {
        lock (_gate)
        {
            var keptIps = ClusterIps(next).ToHashSet();
            foreach (var ip in ClusterIps(old)) if (!keptIps.Contains(ip)) _ips.Remove(ip);
            var keptPorts = NodePorts(next).Select(p => p.Port).ToHashSet();
            foreach (var (_, port) in NodePorts(old)) if (!keptPorts.Contains(port)) _ports.Remove(port);
        }
    }

    /// <summary>An update that leaves allocated values out keeps them (kube-apiserver's patchAllocatedValues).</summary>
    public static void KeepAllocated(JsonObject old, JsonObject next)
    {
        if (old["spec"] is not JsonObject oldSpec || next["spec"] is not JsonObject spec) return;
        if (Type(spec) != "ExternalName" && string.IsNullOrEmpty(spec.Str("clusterIP")) && oldSpec.Str("clusterIP") is { Length: > 0 } ip)
        {
            spec["clusterIP"] = ip;
            if (spec["clusterIPs"] is null && oldSpec["clusterIPs"] is { } ips) spec["clusterIPs"] = ips.DeepClone();
            if (spec["ipFamilies"] is null && oldSpec["ipFamilies"] is { } families) spec["ipFamilies"] = families.DeepClone();
            if (spec["ipFamilyPolicy"] is null && oldSpec["ipFamilyPolicy"] is { } policy) spec["ipFamilyPolicy"] = policy.DeepClone();
        }
        if (!NeedsNodePorts(spec) || oldSpec["ports"] is not JsonArray oldPorts || spec["ports"] is not JsonArray ports) return;
        foreach (var p in ports.OfType<JsonObject>())
        {
            if (p["nodePort"] is not null) continue;
            var match = oldPorts.OfType<JsonObject>().FirstOrDefault(o =>
                JsonNode.DeepEquals(o["port"], p["port"]) && (o.Str("protocol") ?? "TCP") == (p.Str("protocol") ?? "TCP"));
            if (match?["nodePort"] is { } np) p["nodePort"] = np.DeepClone();
        }
    }

    /// <summary>
    /// Allocates the ClusterIP and node ports <paramref name="service"/> lacks and checks the ones it asks for
    /// (<paramref name="old"/> is the stored Service on update: its own addresses are not conflicts).
    /// </summary>
    /// <exception cref="ApiStatusException">422 naming spec.clusterIPs or spec.ports[i].nodePort.</exception>
    public void Assign(JsonObject service, JsonObject? old)
    {
        if (service["spec"] is not JsonObject spec) return;
        var type = Type(spec);
        var mine = old is null ? [] : ClusterIps(old).ToHashSet();
        var myPorts = old is null ? [] : NodePorts(old).Select(p => p.Port).ToHashSet();
        var errs = new FieldErrors();
        var added = new List<uint>();
        var addedPorts = new List<int>();
        lock (_gate)
        {
            if (type != "ExternalName")
            {
                var requested = spec.Str("clusterIP");
                if (string.IsNullOrEmpty(requested))
                {
                    var ip = NextIp();
                    _ips.Add(ip);
                    added.Add(ip);
                    spec["clusterIP"] = FromUInt(ip);
                    spec["clusterIPs"] = new JsonArray(FromUInt(ip));
                }
                else if (requested != "None" && IPAddress.TryParse(requested, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetwork)
                {
                    var ip = ToUInt(parsed);
                    var rendered = "[]string{\"" + requested + "\"}";
                    if (ip - _first >= _size)
                        errs.InvalidRaw("spec.clusterIPs", rendered,
                            $"failed to allocate IP {requested}: the provided IP ({requested}) is not in the valid range. The range of valid IPs is {_cidr}");
                    else if (!mine.Contains(ip) && _ips.Contains(ip))
                        errs.InvalidRaw("spec.clusterIPs", rendered, $"failed to allocate IP {requested}: provided IP is already allocated");
                    else if (_ips.Add(ip)) added.Add(ip);
                    spec["clusterIPs"] ??= new JsonArray(requested);
                }
                else if (requested == "None") spec["clusterIPs"] ??= new JsonArray("None");
                spec["ipFamilies"] ??= new JsonArray("IPv4");
                spec["ipFamilyPolicy"] ??= "SingleStack";
            }
            if (NeedsNodePorts(spec) && spec["ports"] is JsonArray ports)
            {
                for (var i = 0; i < ports.Count; i++)
                {
                    if (ports[i] is not JsonObject p) continue;
                    if (p["nodePort"] is null)
                    {
                        var port = NextPort();
                        if (port < 0)
                        {
                            errs.InvalidRaw($"spec.ports[{i}].nodePort", "0", "range is full");
                            continue;
                        }
                        _ports.Add(port);
                        addedPorts.Add(port);
                        p["nodePort"] = port;
                    }
                    else if (JsonAccess.AsLong(p["nodePort"]) is { } requested and > 0)
                    {
                        var port = (int)requested;
                        if (port is < NodePortMin or > NodePortMax)
                            errs.Invalid($"spec.ports[{i}].nodePort", requested,
                                $"provided port is not in the valid range. The range of valid ports is {NodePortMin}-{NodePortMax}");
                        else if (!myPorts.Contains(port) && (_ports.Contains(port) || addedPorts.Contains(port)))
                            errs.Invalid($"spec.ports[{i}].nodePort", requested, "provided port is already allocated");
                        else if (_ports.Add(port)) addedPorts.Add(port);
                    }
                }
            }
            if (errs.Count > 0)
            {
                foreach (var ip in added) _ips.Remove(ip);
                foreach (var port in addedPorts) _ports.Remove(port);
            }
        }
        if (errs.Count > 0) throw ApiErrors.Invalid("Service", "", service.Name() ?? "", errs.Causes);
    }

    private static string Type(JsonObject spec) => spec.Str("type") ?? "ClusterIP";

    private static bool NeedsNodePorts(JsonObject spec) =>
        Type(spec) switch
        {
            "NodePort" => true,
            "LoadBalancer" => spec["allocateLoadBalancerNodePorts"] is not JsonValue v || !v.TryGetValue<bool>(out var b) || b,
            _ => false,
        };

    private IEnumerable<uint> ClusterIps(JsonObject service)
    {
        if (service["spec"] is not JsonObject spec) yield break;
        var ips = spec["clusterIPs"] is JsonArray a ? a.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : null) : [spec.Str("clusterIP")];
        foreach (var s in ips)
            if (s is not null && IPAddress.TryParse(s, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && ToUInt(ip) - _first < _size)
                yield return ToUInt(ip);
    }

    private static IEnumerable<(int Index, int Port)> NodePorts(JsonObject service)
    {
        if (service["spec"] is not JsonObject spec || spec["ports"] is not JsonArray ports) yield break;
        for (var i = 0; i < ports.Count; i++)
            if (ports[i] is JsonObject p && JsonAccess.AsLong(p["nodePort"]) is { } n and >= NodePortMin and <= NodePortMax)
                yield return (i, (int)n);
    }

    // kube-apiserver's dynamic allocation avoids the lower band of the range (min(max(16, size/16), 256) addresses),
    // kept for static assignment; the network and broadcast addresses are never used.
    private uint NextIp()
    {
        var reserved = Math.Min(Math.Max(16u, _size / 16), 256u);
        var span = _size - reserved - 1;
        for (var attempt = 0; attempt < 4096; attempt++)
        {
            var ip = _first + reserved + (uint)Random.Shared.NextInt64(span);
            if (!_ips.Contains(ip)) return ip;
        }
        for (var ip = _first + 1; ip < _first + _size - 1; ip++)
            if (!_ips.Contains(ip)) return ip;
        throw new ApiStatusException(500, StatusReasons.InternalError, "Internal error occurred: failed to allocate a serviceIP: range is full");
    }

    private int NextPort()
    {
        const int Size = NodePortMax - NodePortMin + 1;
        var reserved = Math.Min(Math.Max(16, Size / 32), 128);
        for (var attempt = 0; attempt < 512; attempt++)
        {
            var port = NodePortMin + reserved + Random.Shared.Next(Size - reserved);
            if (!_ports.Contains(port)) return port;
        }
        for (var port = NodePortMin; port <= NodePortMax; port++)
            if (!_ports.Contains(port)) return port;
        return -1;
    }

    private static uint ToUInt(IPAddress ip)
    {
        var b = ip.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    private static string FromUInt(uint v) =>
        string.Create(CultureInfo.InvariantCulture, $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}");
}
