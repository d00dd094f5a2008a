using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.Client.Tests;

public sealed class KubePathsTests
{
    private static readonly GroupVersionResource Pods = new("", "v1", "pods");
    private static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    private static readonly GroupVersionResource Clusters = new("cluster.karmada.io", "v1alpha1", "clusters");

    public static TheoryData<string, GroupVersionResource, string?, string?, string?, string> Paths => new()
    {
        { "core collection in namespace", Pods, "default", null, null, "/api/v1/namespaces/default/pods" },
        { "core across namespaces", Pods, null, null, null, "/api/v1/pods" },
        { "core object", Pods, "default", "web-0", null, "/api/v1/namespaces/default/pods/web-0" },
        { "group object status", Deployments, "prod", "nginx", "status", "/apis/apps/v1/namespaces/prod/deployments/nginx/status" },
        { "group scale", Deployments, "prod", "nginx", "scale", "/apis/apps/v1/namespaces/prod/deployments/nginx/scale" },
        { "cluster-scoped", Clusters, null, "member1", null, "/apis/cluster.karmada.io/v1alpha1/clusters/member1" },
        { "cluster-scoped empty ns", Clusters, "", "member1", "status", "/apis/cluster.karmada.io/v1alpha1/clusters/member1/status" },
        { "escaped name", new("rbac.authorization.k8s.io", "v1", "clusterroles"), null, "system:controller:x", null, "/apis/rbac.authorization.k8s.io/v1/clusterroles/system%3Acontroller%3Ax" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Resource_BuildsPath(string name, GroupVersionResource gvr, string? ns, string? objectName, string? sub, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(expected, KubePaths.Resource(gvr, ns, objectName, sub));
    }

    [Fact]
    public void ListQuery_AllOptions_EncodedInOrder()
    {
        var q = KubePaths.ListQuery(new ListOptions
        {
            LabelSelector = "app=web,tier in (a,b)",
            FieldSelector = "metadata.name=x",
            Limit = 50,
            Continue = "tok/en=",
            ResourceVersion = "123",
            ResourceVersionMatch = "NotOlderThan",
            TimeoutSeconds = 30,
            AllowWatchBookmarks = true,
        }, watch: true);

        Assert.Equal("?watch=true&labelSelector=app%3Dweb%2Ctier%20in%20%28a%2Cb%29&fieldSelector=metadata.name%3Dx&limit=50"
            + "&continue=tok%2Fen%3D&resourceVersion=123&resourceVersionMatch=NotOlderThan&timeoutSeconds=30&allowWatchBookmarks=true", q);
    }

    [Fact]
    public void ListQuery_BookmarksOnlyForWatch()
    {
        Assert.Equal("", KubePaths.ListQuery(new ListOptions { AllowWatchBookmarks = true }, watch: false));
        Assert.Equal("", KubePaths.ListQuery(null, watch: false));
    }

    public static TheoryData<string, WriteOptions?, string> Writes => new()
    {
        { "none", null, "" },
        { "dry run", new WriteOptions { DryRun = true }, "?dryRun=All" },
        { "apply", new WriteOptions { FieldManager = "flotilla", Force = true }, "?fieldManager=flotilla&force=true" },
        { "validation", new WriteOptions { FieldValidation = "Strict", Subresource = "status" }, "?fieldValidation=Strict" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public void WriteQuery_BuildsQuery(string name, WriteOptions? options, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(expected, KubePaths.WriteQuery(options));
    }

    [Fact]
    public void WriteQuery_ForceOnlyForApply() =>
        Assert.Equal("?fieldManager=m", KubePaths.WriteQuery(new WriteOptions { FieldManager = "m", Force = true }, apply: false));

    [Fact]
    public void Resource_SubresourceWithoutName_Throws() =>
        Assert.Throws<ArgumentException>(() => KubePaths.Resource(Pods, "default", null, "status"));
}
