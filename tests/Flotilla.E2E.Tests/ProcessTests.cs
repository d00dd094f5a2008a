using System.Net;
using System.Text;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests;

/// <summary>Tests that own their server process: restart on the same data, kill -9 durability, auth, CLI usage.</summary>
[Trait("Category", "E2E")]
public sealed class ProcessTests
{
    [Fact]
    public async Task Restart_KeepsData()
    {
        await using var server = await FlotillaProcess.StartAsync(store: "sqlite");
        var k = new Kubectl(server.KubeconfigPath);
        await k.OkAsync("create", "namespace", "persist");
        await k.OkAsync("create", "cm", "kept", "-n", "persist", "--from-literal=x=y");
        await server.RestartAsync();
        var json = await k.OkAsync("get", "cm", "kept", "-n", "persist", "-o", "jsonpath={.data.x}");
        Assert.Equal("y", json);
    }

    [Fact]
    public async Task KillDashNine_MidStream_LosesNoAcknowledgedWrite()
    {
        await using var server = await FlotillaProcess.StartAsync(store: "sqlite");
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var cts = new CancellationTokenSource();
        async Task WriterAsync(int id)
        {
            using var client = server.CreateHttpClient();
            for (var i = 0; !cts.IsCancellationRequested; i++)
            {
                var name = $"w{id}-{i}";
                var body = $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"{name}\"}},\"data\":{{\"i\":\"{i}\"}}}}";
                try
                {
                    using var resp = await client.PostAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative),
                        new StringContent(body, Encoding.UTF8, "application/json"));
                    if (resp.StatusCode == HttpStatusCode.Created) acknowledged.Add(name);
                }
                catch (HttpRequestException) { return; }
                catch (TaskCanceledException) { return; }
            }
        }
        var writers = Enumerable.Range(0, 4).Select(WriterAsync).ToArray();
        await Eventually.UntilAsync(() => acknowledged.Count >= 300, TimeSpan.FromSeconds(60), "writers get some creates acknowledged");
        await server.KillAsync();
        await cts.CancelAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        var acked = acknowledged.ToHashSet();

        await server.RestartAsync();
        using var reader = server.CreateHttpClient();
        var list = Flotilla.Core.KubeObject.Parse(await reader.GetStringAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative)));
        var present = list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToHashSet();
        var lost = acked.Where(a => !present.Contains(a)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acked.Count} acknowledged creates were lost, e.g. {string.Join(", ", lost.Take(5))}");
    }

    [Fact]
    public async Task NoToken_Is401_AndKubeconfigWorks()
    {
        await using var server = await FlotillaProcess.StartAsync(store: "memory");
        using var anon = server.CreateHttpClient(withToken: false);
        var r = await anon.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Contains("\"reason\":\"Unauthorized\"", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var config = await File.ReadAllTextAsync(server.KubeconfigPath);
        Assert.Contains("current-context: karmada-apiserver", config, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(server.DataDir, "admin.token")));
        Assert.Contains("default", await new Kubectl(server.KubeconfigPath).OkAsync("get", "ns"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_UsageErrorsExitWith2_HelpWith0()
    {
        var binary = await FlotillaProcess.FindOrBuildBinaryAsync();
        Assert.Equal(0, await RunAsync(binary, "--help"));
        Assert.Equal(0, await RunAsync(binary, "serve", "--help"));
        Assert.Equal(2, await RunAsync(binary, "serve", "--no-such-flag"));
        Assert.Equal(2, await RunAsync(binary, "serve", "--store", "floppy"));
        // Karmada's controller-manager flags: a bad value names the flag and starts nothing
        var (code, stderr) = await RunWithErrorAsync(binary, "serve", "--concurrent-work-syncs", "0");
        Assert.Equal(2, code);
        Assert.Contains("--concurrent-work-syncs: 0 must be at least 1", stderr, StringComparison.Ordinal);
        (code, stderr) = await RunWithErrorAsync(binary, "serve", "--cluster-lease-renew-interval-fraction", "2");
        Assert.Equal(2, code);
        Assert.Contains("--cluster-lease-renew-interval-fraction", stderr, StringComparison.Ordinal);
    }

    private static async Task<int> RunAsync(string binary, params string[] args) => (await RunWithErrorAsync(binary, args)).ExitCode;

    private static async Task<(int ExitCode, string Stderr)> RunWithErrorAsync(string binary, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(o, e);
        return (p.ExitCode, await e);
    }
}
