using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Simulator;

/// <summary>Small helpers the simulated controllers share (owner references, pod state, requests, naming).</summary>
internal static class PodUtil
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Kubernetes' random name suffix (apimachinery's rand.String alphabet).</summary>
    public static string RandomSuffix(int n = 5)
    {
        Span<char> buf = stackalloc char[n];
        for (var i = 0; i < n; i++) buf[i] = SafeAlphabet[RandomNumberGenerator.GetInt32(SafeAlphabet.Length)];
        return new string(buf);
    }

    /// <summary>A pod-template-hash: FNV-1a-32 of the template's JSON, safe-encoded like Kubernetes' ComputeHash.</summary>
    public static string TemplateHash(JsonNode? template)
    {
        var bytes = Encoding.UTF8.GetBytes(template?.ToJsonString() ?? "{}");
        uint h = 2166136261;
        foreach (var b in bytes) { h ^= b; h *= 16777619; }
        var dec = h.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(dec.Length);
        foreach (var c in dec) sb.Append(SafeAlphabet[c % SafeAlphabet.Length]);
        return sb.ToString();
    }

    public static JsonObject OwnerRef(JsonObject owner) => new()
    {
        ["apiVersion"] = owner.ApiVersion(),
        ["kind"] = owner.Kind(),
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>The controlling owner reference's uid, or null.</summary>
    public static string? ControllerUid(JsonObject obj) => ControllerRef(obj)?.GetString("uid");

    public static JsonObject? ControllerRef(JsonObject obj)
    {
        if ((obj["metadata"] as JsonObject)?["ownerReferences"] is not JsonArray refs) return null;
        foreach (var r in refs)
            if (r is JsonObject o && o["controller"] is JsonValue v && v.TryGetValue<bool>(out var c) && c) return o;
        return null;
    }

    /// <summary>Maps an owned object to its controller's key when the controller is of <paramref name="kind"/>.</summary>
    public static IEnumerable<ObjectKey> OwnerKey(JsonObject obj, string kind)
    {
        var r = ControllerRef(obj);
        if (r is not null && r.GetString("kind") == kind && r.GetString("name") is { } name)
            yield return new ObjectKey(obj.Namespace() ?? "", name);
    }

    public static string Phase(JsonObject pod) => (pod["status"] as JsonObject).GetString("phase") ?? "Pending";

    public static bool IsTerminal(JsonObject pod) => Phase(pod) is "Succeeded" or "Failed";

    /// <summary>Counts towards a controller's replicas: not finished, not being deleted.</summary>
    public static bool IsActive(JsonObject pod) => !IsTerminal(pod) && !pod.IsDeleting();

    public static bool IsReady(JsonObject pod)
    {
        if ((pod["status"] as JsonObject)?["conditions"] is not JsonArray conds) return false;
        foreach (var c in conds)
            if (c is JsonObject o && o.GetString("type") == "Ready") return o.GetString("status") == "True";
        return false;
    }

    public static string? NodeName(JsonObject pod) => (pod["spec"] as JsonObject).GetString("nodeName");

    /// <summary>Σ container requests (limits stand in where requests are missing), plus the pod itself.</summary>
    public static Dictionary<string, Quantity> Requests(JsonObject podSpec)
    {
        var total = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        if (podSpec["containers"] is JsonArray containers)
        {
            foreach (var c in containers.OfType<JsonObject>())
            {
                var res = c["resources"] as JsonObject;
                var req = res?["requests"] as JsonObject;
                var lim = res?["limits"] as JsonObject;
                var names = new HashSet<string>(StringComparer.Ordinal);
                if (req is not null) foreach (var (k, _) in req) names.Add(k);
                if (lim is not null) foreach (var (k, _) in lim) names.Add(k);
                foreach (var name in names)
                {
                    var text = req.GetString(name) ?? ValueText(req?[name]) ?? lim.GetString(name) ?? ValueText(lim?[name]);
                    if (!Quantity.TryParse(text, out var q)) continue;
                    total[name] = total.TryGetValue(name, out var t) ? t + q : q;
                }
            }
        }
        return total;
    }

    private static string? ValueText(JsonNode? n) => n is JsonValue v ? v.ToJsonString().Trim('"') : null;

    /// <summary>Resolves an int-or-percent against <paramref name="total"/> (Kubernetes' GetScaledValueFromIntOrPercent).</summary>
    public static int IntOrPercent(JsonNode? value, int total, bool roundUp, int fallback)
    {
        if (value is not JsonValue v) return fallback;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<string>(out var s))
        {
            if (s.EndsWith('%') && int.TryParse(s[..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p))
            {
                var exact = (double)p * total / 100.0;
                return roundUp ? (int)Math.Ceiling(exact) : (int)Math.Floor(exact);
            }
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        }
        return fallback;
    }

    public static int Int(JsonNode? n, int fallback = 0) =>
        n is JsonValue v && v.TryGetValue<int>(out var i) ? i : n is JsonValue v2 && v2.TryGetValue<long>(out var l) ? (int)l : fallback;

    /// <summary>A new pod from a template, owned by <paramref name="owner"/>.</summary>
    public static JsonObject NewPod(JsonObject owner, JsonObject template, string name, IEnumerable<KeyValuePair<string, string>>? extraLabels = null)
    {
        var meta = (template["metadata"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        meta.Remove("creationTimestamp");
        meta["name"] = name;
        meta["namespace"] = owner.Namespace();
        if (extraLabels is not null)
        {
            if (meta["labels"] is not JsonObject labels) meta["labels"] = labels = new JsonObject();
            foreach (var (k, v) in extraLabels) labels[k] = v;
        }
        meta["ownerReferences"] = new JsonArray(OwnerRef(owner));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = meta,
            ["spec"] = (template["spec"] as JsonObject)?.DeepClone() ?? new JsonObject(),
            ["status"] = new JsonObject { ["phase"] = "Pending" },
        };
    }

    public static bool SameJson(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
