using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Client.Config;
using Flotilla.Client.Tests.Infrastructure;
using Flotilla.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Flotilla.Client.Tests;

/// <summary>
/// The real kubectl (client-go) as an independent party: it must read the kubeconfigs we write and trust/present the
/// same certificates, and we must read the kubeconfigs it writes.
/// </summary>
[Trait("Category", "Kubectl")]
public sealed class KubectlCompatibilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flotilla-kubectl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Kubectl_UsesOurClientCertificateKubeconfig_AgainstTlsServer()
    {
        await using var server = await MockApiServer.StartAsync(clientCertificates: ClientCertificateMode.RequireCertificate);
        server.Handler = ctx => ctx.Request.Path.Value == "/version"
            ? MockApiServer.JsonAsync(ctx, """{"major":"1","minor":"30","gitVersion":"v1.30.0"}""")
            : MockApiServer.JsonAsync(ctx, """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"from-mock"}}""");
        var pki = TestPki.Instance;
        var path = Path.Combine(_dir, "member.kubeconfig");
        await Kubeconfig.ForClientCertificate("member1", server.Url, pki.CaPem, TestPki.Pem(pki.ClientEc), Encoding.ASCII.GetBytes(pki.ClientEcKeyPem))
            .SaveAsync(path, CancellationToken.None);

        var output = await KubectlAsync("--kubeconfig", path, "get", "--raw", "/api/v1/namespaces/from-mock");

        Assert.Equal("from-mock", KubeObject.Parse(output).Name());
        Assert.Contains(server.Requests, r => r.Path == "/api/v1/namespaces/from-mock" && r.ClientCertificateSubject == pki.ClientEc.Subject);
    }

    [Fact]
    public async Task Kubectl_ReadsOurKubeconfig_FieldByField()
    {
        var path = Path.Combine(_dir, "config");
        var cfg = new Kubeconfig
        {
            Clusters = [new KubeconfigCluster { Name = "c", Server = "https://10.1.2.3:6443", CertificateAuthorityData = "CA"u8.ToArray(), TlsServerName = "api.internal", ProxyUrl = "http://proxy:3128" }],
            Users = [new KubeconfigUser { Name = "u", Token = "tok" }, new KubeconfigUser { Name = "b", Username = "jane", Password = "pw" }],
            Contexts = [new KubeconfigContext { Name = "x", Cluster = "c", User = "u", Namespace = "ns1" }],
            CurrentContext = "x",
        };
        await cfg.SaveAsync(path, CancellationToken.None);

        var view = (JsonObject)JsonNode.Parse(await KubectlAsync("config", "view", "--raw", "-o", "json", "--kubeconfig", path))!;

        Assert.Equal("x", view.GetString("current-context"));
        var cluster = (JsonObject)view["clusters"]![0]!["cluster"]!;
        Assert.Equal("https://10.1.2.3:6443", cluster.GetString("server"));
        Assert.Equal("Q0E=", cluster.GetString("certificate-authority-data"));
        Assert.Equal("api.internal", cluster.GetString("tls-server-name"));
        Assert.Equal("http://proxy:3128", cluster.GetString("proxy-url"));
        Assert.Equal("ns1", ((JsonObject)view["contexts"]![0]!["context"]!).GetString("namespace"));
        var users = ((JsonArray)view["users"]!).OfType<JsonObject>().ToDictionary(u => u.GetString("name")!, u => (JsonObject)u["user"]!);
        Assert.Equal("tok", users["u"].GetString("token"));
        Assert.Equal("pw", users["b"].GetString("password"));
    }

    [Fact]
    public async Task OurLoader_ReadsKubectlWrittenKubeconfig()
    {
        var path = Path.Combine(_dir, "written-by-kubectl");
        var ca = Path.Combine(_dir, "ca.crt");
        await File.WriteAllBytesAsync(ca, TestPki.Instance.CaPem);
        await KubectlAsync("config", "set-cluster", "edge", "--server=https://127.0.0.1:9443", "--certificate-authority=" + ca, "--embed-certs=true", "--kubeconfig", path);
        await KubectlAsync("config", "set-credentials", "robot", "--token=t0k3n", "--kubeconfig", path);
        await KubectlAsync("config", "set-context", "edge", "--cluster=edge", "--user=robot", "--namespace=apps", "--kubeconfig", path);
        await KubectlAsync("config", "use-context", "edge", "--kubeconfig", path);

        var rest = RestConfig.FromKubeconfig(Kubeconfig.Load(path));

        Assert.Equal("https://127.0.0.1:9443", rest.Server);
        Assert.Equal(TestPki.Instance.CaPem, rest.CaData);
        Assert.Equal("t0k3n", rest.Token);
        Assert.Equal("apps", rest.Namespace);
    }

    private static async Task<string> KubectlAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["KUBECONFIG"] = "/nonexistent"; // never the developer's own config
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("kubectl did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("these tests need the real kubectl on PATH (the machine image provides it): " + e.Message, e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cts.Token);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
            return await stdout;
        }
    }
}
