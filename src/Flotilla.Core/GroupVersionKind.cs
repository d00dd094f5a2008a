namespace Flotilla.Core;

/// <summary>A Kubernetes group/version/kind. The core group is the empty string.</summary>
public readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary>"v1" for the core group, otherwise "group/version".</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public GroupVersion GroupVersion => new(Group, Version);

    public static GroupVersionKind From(string apiVersion, string kind)
    {
        var gv = GroupVersion.Parse(apiVersion);
        return new GroupVersionKind(gv.Group, gv.Version, kind);
    }

    public override string ToString() => ApiVersion + ", Kind=" + Kind;
}

/// <summary>A Kubernetes group/version.</summary>
public readonly record struct GroupVersion(string Group, string Version)
{
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>Parses "v1" or "apps/v1".</summary>
    public static GroupVersion Parse(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new GroupVersion("", apiVersion) : new GroupVersion(apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    public override string ToString() => ApiVersion;
}

/// <summary>A Kubernetes group/version/resource (resource = lower-case plural, e.g. "deployments").</summary>
public readonly record struct GroupVersionResource(string Group, string Version, string Resource)
{
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public override string ToString() => Group.Length == 0 ? $"{Resource}.{Version}" : $"{Resource}.{Version}.{Group}";
}
