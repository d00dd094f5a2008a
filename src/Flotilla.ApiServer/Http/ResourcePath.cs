using Flotilla.Core;

namespace Flotilla.ApiServer.Http;

/// <summary>A parsed resource URL: /api/v1/..., /apis/&lt;group&gt;/&lt;version&gt;/... with optional watch/ prefix,
/// namespaces/&lt;ns&gt;/, resource, name and subresource.</summary>
internal readonly record struct ResourcePath(string Group, string Version, string? Namespace, string Resource, string? Name,
    string? Subresource, bool WatchPrefix)
{
    /// <summary>Parses the segments after the group/version; null when this is not a resource path.</summary>
    public static ResourcePath? Parse(string group, string version, ReadOnlySpan<string> segs)
    {
        if (segs.Length == 0) return null;
        var watch = false;
        if (segs[0] == "watch") { watch = true; segs = segs[1..]; if (segs.Length == 0) return null; }
        string? ns = null;
        if (segs[0] == "namespaces" && segs.Length >= 3 && !(group.Length == 0 && segs.Length == 3 && segs[2] is "status" or "finalize"))
        {
            ns = segs[1];
            segs = segs[2..];
        }
        var resource = segs[0];
        var name = segs.Length > 1 ? segs[1] : null;
        string? sub = segs.Length > 2 ? string.Join('/', segs[2..].ToArray()) : null;
        if (name is "") throw ApiErrors.NotFound(resource, "");
        return new ResourcePath(group, version, ns, resource, name, sub, watch);
    }
}
