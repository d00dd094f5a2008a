using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Controllers.Members;
using Flotilla.Core;

namespace Flotilla.Controllers.Tests.Members;

public sealed class ClusterMemberClientProviderTests
{
    private static JsonObject Secret(params (string Key, string Value)[] data)
    {
        var d = new JsonObject();
        foreach (var (k, v) in data) d[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(v));
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "s" }, ["data"] = d };
    }

    [Fact]
    public void BuildConfig_TokenAndEndpoint()
    {
        var spec = KubeObject.Parse("""{"apiEndpoint":"https://127.0.0.1:6443","proxyURL":"http://127.0.0.1:3128"}""");
        var config = ClusterMemberClientProvider.BuildConfig("m1", spec, Secret(("token", "abc")));
        Assert.Equal("https://127.0.0.1:6443", config.Server);
        Assert.Equal("abc", config.Token);
        Assert.Equal("http://127.0.0.1:3128", config.ProxyUrl);
        Assert.False(config.Insecure);
    }

    [Fact]
    public void BuildConfig_KubeconfigKey_WithInsecureSkip()
    {
        const string kubeconfig = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:7443
            users:
            - name: u
              user:
                token: from-kubeconfig
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """;
        var spec = KubeObject.Parse("""{"apiEndpoint":"https://127.0.0.1:8443","insecureSkipTLSVerification":true}""");
        var config = ClusterMemberClientProvider.BuildConfig("aks-cluster", spec, Secret(("kubeconfig", kubeconfig)));
        Assert.Equal("https://127.0.0.1:8443", config.Server);
        Assert.Equal("from-kubeconfig", config.Token);
        Assert.True(config.Insecure);
    }

    [Fact]
    public void BuildConfig_NoTokenNoKubeconfig_Throws()
    {
        var spec = KubeObject.Parse("""{"apiEndpoint":"https://127.0.0.1:6443"}""");
        Assert.Throws<MemberClusterUnavailableException>(() => ClusterMemberClientProvider.BuildConfig("m1", spec, Secret()));
    }
}
