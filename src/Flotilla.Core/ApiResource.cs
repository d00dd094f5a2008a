namespace Flotilla.Core;

/// <summary>
/// What the API server knows about one served resource: the discovery entry plus the few facts the
/// generic REST layer needs (scope, subresources). Built-in kinds, Karmada's kinds and CRDs all use it.
/// </summary>
public sealed record ApiResource
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Kind { get; init; }
    /// <summary>Lower-case plural, the URL segment ("deployments").</summary>
    public required string Plural { get; init; }
    public required string Singular { get; init; }
    public required bool Namespaced { get; init; }
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Verbs { get; init; } = StandardVerbs;
    /// <summary>Has a /status subresource: writes to the main resource keep status, /status writes change only status.</summary>
    public bool HasStatus { get; init; }
    /// <summary>Has a /scale subresource; paths are JSON paths such as ".spec.replicas".</summary>
    public ScaleSubresource? Scale { get; init; }
    /// <summary>The kind's list kind ("DeploymentList").</summary>
    public string ListKind => Kind + "List";
    /// <summary>The storage version when the kind is served in several versions (e.g. work.karmada.io v1alpha2).</summary>
    public string? StorageVersion { get; init; }

    public GroupVersionKind Gvk => new(Group, Version, Kind);
    public GroupVersionResource Gvr => new(Group, Version, Plural);
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;
    /// <summary>"deployments.apps", or "pods" for the core group: the name RBAC and error messages use.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : Plural + "." + Group;

    public static readonly IReadOnlyList<string> StandardVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}

public sealed record ScaleSubresource(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);
