using Flotilla.Core;

namespace Flotilla.Controllers.Detector;

/// <summary>
/// Karmada's --skipped-propagating-apis (util.SkippedResourceConfig.Parse): entries separated by ';' (or given as
/// separate list items), each <c>group</c>, <c>group/version</c>, <c>group/version/Kind[,Kind...]</c>, or for the core
/// group <c>v1/Kind[,Kind...]</c>. A bare name is always a group, so <c>v1</c> alone skips nothing of the core group.
/// </summary>
public sealed class SkippedPropagatingApis
{
    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);
    private readonly HashSet<GroupVersion> _groupVersions = [];
    private readonly HashSet<GroupVersionKind> _kinds = [];

    /// <summary>Parses the entries; throws <see cref="FormatException"/> for one with more than two '/'.</summary>
    public static SkippedPropagatingApis Parse(IEnumerable<string> entries)
    {
        var result = new SkippedPropagatingApis();
        foreach (var entry in entries)
            foreach (var token in entry.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                result.Add(token);
        return result;
    }

    private void Add(string token)
    {
        switch (token.Count(c => c == '/'))
        {
            case 0:
                _groups.Add(token);
                break;
            case 1 when token.StartsWith("v1", StringComparison.Ordinal):
                foreach (var k in token.Split(','))
                    _kinds.Add(new GroupVersionKind("", "v1", k.Contains('/', StringComparison.Ordinal) ? k.Split('/')[1] : k));
                break;
            case 1:
                var gv = token.Split('/');
                _groupVersions.Add(new GroupVersion(gv[0], gv[1]));
                break;
            case 2:
                string group = "", version = "";
                foreach (var k in token.Split(','))
                {
                    if (k.Contains('/', StringComparison.Ordinal))
                    {
                        var parts = k.Split('/');
                        if (parts.Length != 3) throw new FormatException($"invalid --skipped-propagating-apis entry: {token}");
                        (group, version) = (parts[0], parts[1]);
                        _kinds.Add(new GroupVersionKind(group, version, parts[2]));
                    }
                    else
                    {
                        _kinds.Add(new GroupVersionKind(group, version, k));
                    }
                }
                break;
            default:
                throw new FormatException($"invalid --skipped-propagating-apis entry: {token}");
        }
    }

    /// <summary>Whether the resource's group, group/version or kind is listed.</summary>
    public bool Skips(ApiResource r) =>
        _groups.Contains(r.Group) || _groupVersions.Contains(new GroupVersion(r.Group, r.Version)) || _kinds.Contains(r.Gvk);
}
