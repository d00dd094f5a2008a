using System.Text.Json.Nodes;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Clusters;

/// <summary>One argument of <c>taint clusters NAME ...</c>: <c>key=value:Effect</c> / <c>key:Effect</c> to add,
/// <c>key:Effect-</c> / <c>key-</c> to remove (kubectl taint syntax).</summary>
public sealed record TaintSpec(string Key, string? Value, string? Effect, bool Remove)
{
    private static readonly string[] Effects = [TaintEffects.NoSchedule, TaintEffects.PreferNoSchedule, TaintEffects.NoExecute];

    /// <summary>Parses one argument; throws <see cref="FormatException"/> with a user-facing message.</summary>
    public static TaintSpec Parse(string arg)
    {
        ArgumentNullException.ThrowIfNull(arg);
        var remove = arg.EndsWith('-');
        var body = remove ? arg[..^1] : arg;
        string keyValue;
        string? effect = null;
        var colon = body.LastIndexOf(':');
        if (colon >= 0)
        {
            keyValue = body[..colon];
            effect = body[(colon + 1)..];
            if (!Effects.Contains(effect, StringComparer.Ordinal))
                throw new FormatException($"invalid taint effect: {effect}, unsupported taint effect (must be one of NoSchedule, PreferNoSchedule, NoExecute)");
        }
        else
        {
            if (!remove) throw new FormatException($"invalid taint spec: {arg}: an effect is required (key=value:Effect)");
            keyValue = body;
        }
        string key;
        string? value = null;
        var eq = keyValue.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0)
        {
            key = keyValue[..eq];
            value = keyValue[(eq + 1)..];
            if (remove && value.Length > 0) throw new FormatException($"invalid taint spec: {arg}: a taint to remove takes no value");
        }
        else key = keyValue;
        if (!IsQualifiedName(key)) throw new FormatException($"invalid taint spec: {arg}: invalid key \"{key}\"");
        if (value is { Length: > 63 }) throw new FormatException($"invalid taint spec: {arg}: the value must be no more than 63 characters");
        return new TaintSpec(key, string.IsNullOrEmpty(value) ? null : value, effect, remove);
    }

    /// <summary>Applies the spec to a Cluster: returns true when spec.taints changed. Adding a taint whose key and
    /// effect exist with another value needs <paramref name="overwrite"/> (else <see cref="InvalidOperationException"/>);
    /// removing one that does not exist throws <see cref="KeyNotFoundException"/>.</summary>
    public bool ApplyTo(JsonObject cluster, DateTimeOffset now, bool overwrite)
    {
        if (Remove)
        {
            if (!ClusterTaints.RemoveTaint(cluster, Key, Effect))
                throw new KeyNotFoundException($"taint \"{Key}{(Effect is null ? "" : ":" + Effect)}\" not found");
            return true;
        }
        var existing = ((cluster["spec"] as JsonObject)?["taints"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(t => (string?)t["key"] == Key && (string?)t["effect"] == Effect);
        if (existing is not null && ((string?)existing["value"] ?? "") != (Value ?? "") && !overwrite)
            throw new InvalidOperationException($"the cluster already has a taint with key ({Key}) and effect ({Effect}), and --overwrite is false");
        return ClusterTaints.AddTaint(cluster, Key, Value, Effect!, now, overwrite: true);
    }

    private static bool IsQualifiedName(string key)
    {
        if (key.Length == 0) return false;
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        if (slash >= 0 && (slash == 0 || slash > 253)) return false;
        if (name.Length is 0 or > 63) return false;
        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1])) return false;
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
    }
}
