using Flotilla.Core;

namespace Flotilla.Client.Tests;

public sealed class DiscoveryParsingTests
{
    private const string AppsV1 = """
        {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1","resources":[
          {"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment",
           "verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["deploy"],"categories":["all"]},
          {"name":"deployments/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]},
          {"name":"deployments/status","singularName":"","namespaced":true,"kind":"Deployment","verbs":["get","patch","update"]},
          {"name":"controllerrevisions","singularName":"","namespaced":true,"kind":"ControllerRevision","verbs":["get","list"]}
        ]}
        """;

    [Fact]
    public void ParseResourceList_SkipsSubresourcesButRecordsThem()
    {
        var list = KubeRestClient.ParseResourceList("apps", "v1", KubeObject.Parse(AppsV1));

        Assert.Equal(["deployments", "controllerrevisions"], list.Select(r => r.Plural));
        var d = list[0];
        Assert.Equal(new GroupVersionKind("apps", "v1", "Deployment"), d.Gvk);
        Assert.True(d.Namespaced);
        Assert.True(d.HasStatus);
        Assert.NotNull(d.Scale);
        Assert.Equal(["deploy"], d.ShortNames);
        Assert.Equal(["all"], d.Categories);
        Assert.Equal("deployment", d.Singular);
        Assert.Contains("watch", d.Verbs);
        var cr = list[1];
        Assert.False(cr.HasStatus);
        Assert.Null(cr.Scale);
        Assert.Equal("controllerrevision", cr.Singular); // empty singularName falls back to the kind
        Assert.Equal(["get", "list"], cr.Verbs);
    }

    [Fact]
    public void ParseResourceList_ClusterScoped_NotNamespaced()
    {
        var list = KubeRestClient.ParseResourceList("cluster.karmada.io", "v1alpha1", KubeObject.Parse("""
            {"groupVersion":"cluster.karmada.io/v1alpha1","resources":[
              {"name":"clusters","singularName":"cluster","namespaced":false,"kind":"Cluster","verbs":["get"]},
              {"name":"clusters/status","namespaced":false,"kind":"Cluster","verbs":["get"]},
              {"name":"clusters/proxy","namespaced":false,"kind":"ClusterProxyOptions","verbs":["create","get"]}]}
            """));

        var c = Assert.Single(list);
        Assert.False(c.Namespaced);
        Assert.True(c.HasStatus);
        Assert.Equal("clusters.cluster.karmada.io", c.GroupResource);
    }
}
