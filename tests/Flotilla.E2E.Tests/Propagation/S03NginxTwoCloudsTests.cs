using System.Diagnostics;
using System.Text;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Propagation;

/// <summary>
/// Scenario s03-nginx-two-clouds: a control plane with no members (<c>flotilla up --members ''</c>), members served by
/// <c>flotilla member ubuntub ubuntuc</c> and joined with <c>flotilla join NAME --cluster-kubeconfig=FILE</c>.
/// </summary>
[Trait("Category", "E2E")]
[Collection(ScenarioFiles.Collection)]
public sealed class S03NginxTwoCloudsTests : IAsyncLifetime
{
    private const string Scenario = "s03-nginx-two-clouds";
    private static readonly string[] Members = ["ubuntub", "ubuntuc"];
    private readonly string _memberDir = Path.Combine(Path.GetTempPath(), "flotilla-members-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly StringBuilder _memberLog = new();
    private FlotillaUp _up = null!;
    private Process? _members;

    private string MemberConfig(string name) => Path.Combine(_memberDir, "members", name + ".config");

    public async Task InitializeAsync()
    {
        _up = await FlotillaUp.StartAsync([]);
        Directory.CreateDirectory(_memberDir);
        var psi = new ProcessStartInfo(await FlotillaProcess.FindOrBuildBinaryAsync())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "member", "ubuntub", "ubuntuc", "--data-dir", _memberDir, "--port", "0" }) psi.ArgumentList.Add(a);
        _members = new Process { StartInfo = psi };
        _members.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_memberLog) _memberLog.AppendLine(e.Data); };
        _members.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_memberLog) _memberLog.AppendLine(e.Data); };
        _members.Start();
        _members.BeginOutputReadLine();
        _members.BeginErrorReadLine();
        foreach (var m in Members)
            await _up.UntilAsync(async () => File.Exists(MemberConfig(m))
                    && (await new Kubectl(MemberConfig(m)).RunAsync("get", "--raw", "/readyz")).ExitCode == 0,
                $"flotilla member serves {m}", TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        if (_members is not null)
        {
            if (!_members.HasExited)
            {
                _members.Kill(entireProcessTree: true);
                await _members.WaitForExitAsync();
            }
            _members.Dispose();
        }
        await _up.DisposeAsync();
        try { Directory.Delete(_memberDir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private Task<KubectlResult> JoinAsync(string name, string kubeconfig) =>
        _up.RunCliAsync("join", name, "--cluster-kubeconfig=" + kubeconfig, "--kubeconfig", _up.KubeconfigPath);

    private async Task<string> ReplicasAsync(string member)
    {
        var r = await new Kubectl(MemberConfig(member)).RunAsync("get", "deployment", "nginx", "-n", "default", "-o", "jsonpath={.spec.replicas}");
        return r.ExitCode == 0 ? r.Stdout.Trim() : "none";
    }

    [Fact]
    public async Task Cli_joined_members_get_weighted_then_duplicated_nginx_and_bad_names_are_refused()
    {
        var k = _up.ControlPlane;
        foreach (var m in Members)
        {
            var join = await JoinAsync(m, MemberConfig(m));
            Assert.True(join.ExitCode == 0, join.ToString());
        }
        await _up.UntilAsync(async () =>
        {
            var wide = await k.OkAsync("get", "clusters", "-o", "wide");
            var lines = wide.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["NAME", "VERSION", "MODE", "READY", "AGE", "ZONES", "REGION", "PROVIDER", "API-ENDPOINT", "PROXY-URL"], header);
            return Members.All(m => lines.Any(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var c
                && c[0] == m && c[2] == "Push" && c[3] == "True"));
        }, "kubectl get clusters -o wide lists ubuntub and ubuntuc as Push and Ready");

        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "nginx-deployment.yaml"));
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "propagation-weighted.yaml"));
        foreach (var m in Members)
        {
            await _up.UntilAsync(async () => await ReplicasAsync(m) == "1", $"{m} runs 1 nginx replica");
            await _up.UntilAsync(async () => !await new Kubectl(MemberConfig(m)).IsGoneAsync("service", "nginx", "default"),
                $"Service nginx reaches {m}");
        }

        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "propagation-duplicated.yaml"));
        foreach (var m in Members)
            await _up.UntilAsync(async () => await ReplicasAsync(m) == "2", $"{m} runs 2 nginx replicas once duplicated");

        foreach (var bad in new[] { new string('a', 49), "Bad_Name" })
        {
            var join = await JoinAsync(bad, MemberConfig("ubuntub"));
            Assert.True(join.ExitCode != 0, $"join {bad} should fail: {join}");
            Assert.False(string.IsNullOrWhiteSpace(join.Stderr), $"join {bad} explains the failure: {join}");
            Assert.Contains(bad, join.Stderr, StringComparison.Ordinal);
        }
        var names = (await k.OkAsync("get", "clusters", "-o", "jsonpath={.items[*].metadata.name}"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        Assert.Equal(Members, names);
    }
}
