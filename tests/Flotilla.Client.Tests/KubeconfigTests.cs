using System.Text;
using Flotilla.Client.Config;

namespace Flotilla.Client.Tests;

public sealed class KubeconfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flotilla-kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string MultiContext = """
        apiVersion: v1
        kind: Config
        current-context: dev
        preferences: {}
        clusters:
        - name: prod
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority-data: Q0EtREFUQQ==
            tls-server-name: api.prod.example
            proxy-url: socks5://127.0.0.1:1080
        - name: dev
          cluster:
            server: https://127.0.0.1:6443
            certificate-authority: certs/ca.crt
            insecure-skip-tls-verify: false
            extensions:
            - name: something
              extension: {a: b}
        - name: lab
          cluster:
            server: https://lab:6443
            insecure-skip-tls-verify: true
        contexts:
        - name: prod
          context: {cluster: prod, user: admin, namespace: kube-system}
        - name: dev
          context:
            cluster: dev
            user: dev-user
        users:
        - name: admin
          user:
            client-certificate-data: Q0VSVA==
            client-key-data: S0VZ
        - name: dev-user
          user:
            tokenFile: secrets/token
        - name: basic
          user: {username: jane, password: s3cret}
        - name: plugin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: aws
        """;

    [Fact]
    public void Parse_MultipleContexts_ReadsEveryField()
    {
        var cfg = Kubeconfig.Parse(MultiContext, "/base");

        Assert.Equal("dev", cfg.CurrentContext);
        Assert.Equal(["prod", "dev", "lab"], cfg.Clusters.Select(c => c.Name));
        var prod = cfg.FindCluster("prod")!;
        Assert.Equal("https://10.0.0.1:6443", prod.Server);
        Assert.Equal("CA-DATA", Encoding.ASCII.GetString(prod.CertificateAuthorityData!));
        Assert.Equal("api.prod.example", prod.TlsServerName);
        Assert.Equal("socks5://127.0.0.1:1080", prod.ProxyUrl);
        Assert.Equal("certs/ca.crt", cfg.FindCluster("dev")!.CertificateAuthority);
        Assert.False(cfg.FindCluster("dev")!.InsecureSkipTlsVerify);
        Assert.True(cfg.FindCluster("lab")!.InsecureSkipTlsVerify);
        Assert.Equal("kube-system", cfg.FindContext("prod")!.Namespace);
        Assert.Equal("CERT", Encoding.ASCII.GetString(cfg.FindUser("admin")!.ClientCertificateData!));
        Assert.Equal("KEY", Encoding.ASCII.GetString(cfg.FindUser("admin")!.ClientKeyData!));
        Assert.Equal("secrets/token", cfg.FindUser("dev-user")!.TokenFile);
        Assert.Equal(("jane", "s3cret"), (cfg.FindUser("basic")!.Username, cfg.FindUser("basic")!.Password));
        Assert.True(cfg.FindUser("plugin")!.HasExec);
    }

    [Fact]
    public void FromKubeconfig_RelativePaths_ResolvedAgainstTheFilesDirectory()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "certs"));
        Directory.CreateDirectory(Path.Combine(_dir, "secrets"));
        File.WriteAllText(Path.Combine(_dir, "certs", "ca.crt"), "PEM-CA");
        File.WriteAllText(Path.Combine(_dir, "secrets", "token"), "file-token\n");
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, MultiContext);

        var rest = RestConfig.FromKubeconfig(Kubeconfig.Load(path));

        Assert.Equal("https://127.0.0.1:6443", rest.Server);
        Assert.Equal("PEM-CA", Encoding.ASCII.GetString(rest.CaData!));
        Assert.Equal(Path.Combine(_dir, "secrets", "token"), rest.TokenFile);
        Assert.Null(rest.Token);
    }

    [Fact]
    public void FromKubeconfig_ContextOverride_UsesThatContext()
    {
        var rest = RestConfig.FromKubeconfig(Kubeconfig.Parse(MultiContext), "prod");

        Assert.Equal("https://10.0.0.1:6443", rest.Server);
        Assert.Equal("api.prod.example", rest.TlsServerName);
        Assert.Equal("socks5://127.0.0.1:1080", rest.ProxyUrl);
        Assert.Equal("CERT", Encoding.ASCII.GetString(rest.ClientCertificateData!));
        Assert.Equal("kube-system", rest.Namespace);
    }

    public static TheoryData<string, string> UnusableContexts => new()
    {
        { "missing", "does not exist" },
        { "exec", "exec credential plugin" },
    };

    [Theory]
    [MemberData(nameof(UnusableContexts))]
    public void FromKubeconfig_UnusableContext_ThrowsClearError(string context, string expected)
    {
        var cfg = Kubeconfig.Parse(MultiContext);
        cfg.Contexts.Add(new KubeconfigContext { Name = "exec", Cluster = "lab", User = "plugin" });

        var e = Assert.Throws<KubeconfigException>(() => RestConfig.FromKubeconfig(cfg, context));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadMerged_FirstFileWins_AsKubectlMerges()
    {
        var a = Path.Combine(_dir, "a");
        var b = Path.Combine(_dir, "b");
        File.WriteAllText(a, """
            clusters:
            - name: shared
              cluster: {server: https://from-a}
            contexts:
            - name: ctx-a
              context: {cluster: shared, user: u}
            users:
            - name: u
              user: {token: token-a}
            """);
        File.WriteAllText(b, """
            current-context: ctx-b
            clusters:
            - name: shared
              cluster: {server: https://from-b}
            - name: only-b
              cluster: {server: https://only-b}
            contexts:
            - name: ctx-b
              context: {cluster: only-b, user: u}
            users:
            - name: u
              user: {token: token-b}
            """);

        var merged = Kubeconfig.LoadPathList(a + Path.PathSeparator + Path.Combine(_dir, "missing") + Path.PathSeparator + b);

        Assert.Equal("ctx-b", merged.CurrentContext); // a has none, so b's wins
        Assert.Equal("https://from-a", merged.FindCluster("shared")!.Server);
        Assert.Equal("https://only-b", merged.FindCluster("only-b")!.Server);
        Assert.Equal("token-a", merged.FindUser("u")!.Token);
        Assert.Equal(["ctx-a", "ctx-b"], merged.Contexts.Select(c => c.Name));
    }

    [Fact]
    public void ToYaml_RoundTrip_KeepsEverything()
    {
        var original = Kubeconfig.Parse(MultiContext);
        original.Users.RemoveAll(u => u.HasExec); // exec is read (to refuse it) but not written

        var again = Kubeconfig.Parse(original.ToYaml());

        Assert.Equal(original.CurrentContext, again.CurrentContext);
        Assert.Equal(original.Clusters.Select(Describe), again.Clusters.Select(Describe));
        Assert.Equal(original.Users.Select(Describe), again.Users.Select(Describe));
        Assert.Equal(original.Contexts, again.Contexts);
    }

    [Fact]
    public void ToYaml_WritesStandardFieldNames()
    {
        var yaml = Kubeconfig.ForToken("member1", "https://127.0.0.1:7443", "CA"u8.ToArray(), "abc", ns: "default").ToYaml();

        Assert.Contains("apiVersion: v1", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: Config", yaml, StringComparison.Ordinal);
        Assert.Contains("current-context: member1", yaml, StringComparison.Ordinal);
        Assert.Contains("certificate-authority-data: Q0E=", yaml, StringComparison.Ordinal);
        Assert.Contains("token: abc", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("insecure-skip-tls-verify", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_ClientCertificateKubeconfig_IsPrivateAndLoadable()
    {
        var path = Path.Combine(_dir, "sub", "member.kubeconfig");
        var cfg = Kubeconfig.ForClientCertificate("m", "https://127.0.0.1:1", "CA"u8.ToArray(), "CERT"u8.ToArray(), "KEY"u8.ToArray());

        await cfg.SaveAsync(path, CancellationToken.None);

        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var rest = RestConfig.FromKubeconfig(Kubeconfig.Load(path));
        Assert.Equal("KEY", Encoding.ASCII.GetString(rest.ClientKeyData!));
        Assert.Equal("CERT", Encoding.ASCII.GetString(rest.ClientCertificateData!));
        Assert.Equal("CA", Encoding.ASCII.GetString(rest.CaData!));
    }

    [Fact]
    public void Parse_BadBase64_ThrowsKubeconfigException()
    {
        const string yaml = "clusters:\n- name: c\n  cluster: {server: https://x, certificate-authority-data: '%%%'}\n";
        var e = Assert.Throws<KubeconfigException>(() => Kubeconfig.Parse(yaml));
        Assert.Contains("certificate-authority-data", e.Message, StringComparison.Ordinal);
    }

    private static string Describe(KubeconfigCluster c) =>
        $"{c.Name}|{c.Server}|{c.CertificateAuthority}|{B64(c.CertificateAuthorityData)}|{c.InsecureSkipTlsVerify}|{c.TlsServerName}|{c.ProxyUrl}";

    private static string Describe(KubeconfigUser u) =>
        $"{u.Name}|{u.Token}|{u.TokenFile}|{B64(u.ClientCertificateData)}|{B64(u.ClientKeyData)}|{u.Username}|{u.Password}";

    private static string B64(byte[]? b) => b is null ? "" : Convert.ToBase64String(b);
}
