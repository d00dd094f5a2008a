using System.Text;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Propagation;

/// <summary>Scenario s02-pipy-weighted: no policy, then static weights over three clusters, scaling, and a single-cluster policy.</summary>
[Trait("Category", "E2E")]
[Collection(ScenarioFiles.Collection)]
public sealed class S02PipyWeightedTests : IAsyncLifetime
{
    private const string Scenario = "s02-pipy-weighted";
    private static readonly string[] Members = ["k3d-cluster-1", "k3d-cluster-2", "k3d-cluster-3"];
    private FlotillaUp _up = null!;

    public async Task InitializeAsync() => _up = await FlotillaUp.StartAsync(Members);

    public async Task DisposeAsync() => await _up.DisposeAsync();

    private async Task<string> ReplicasAsync(string member, string name)
    {
        var r = await _up.Member(member).RunAsync("get", "deployment", name, "-n", "default", "-o", "jsonpath={.spec.replicas}");
        if (r.ExitCode == 0) return r.Stdout.Trim();
        return r.Stderr.Contains("NotFound", StringComparison.Ordinal) ? "none" : throw new InvalidOperationException(r.ToString());
    }

    private async Task<string> ReadyColumnAsync(string name)
    {
        var table = await _up.ControlPlane.OkAsync("get", "deployment", name);
        var row = table.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    }

    /// <summary>FNV-1a-32 of the UTF-8 bytes (written here independently of the scheduler's copy).</summary>
    private static uint Fnv1a32(string s)
    {
        var h = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(s)) { h ^= b; h *= 16777619u; }
        return h;
    }

    [Fact]
    public async Task Weighted_division_follows_the_uid_tie_break_and_scaling()
    {
        var k = _up.ControlPlane;
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "pipy.yaml"));

        await _up.UntilAsync(async () => (await k.OkAsync("describe", "deployment", "pipy")) is var d
                && d.Contains("Warning", StringComparison.Ordinal) && d.Contains("No policy match for resource", StringComparison.Ordinal),
            "describe deployment pipy shows a Warning that no propagation policy matches");
        Assert.Equal("0/2", await ReadyColumnAsync("pipy"));
        foreach (var m in Members)
        {
            Assert.Equal("none", await ReplicasAsync(m, "pipy"));
            Assert.True(await _up.Member(m).IsGoneAsync("service", "pipy", "default"), $"no Service pipy in {m}");
        }

        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "pipy-propagation.yaml"));
        var uid = (await k.OkAsync("get", "deployment", "pipy", "-o", "jsonpath={.metadata.uid}")).Trim();
        // Equal weights, 2 seats: ties go by cluster name, ascending for an even FNV-1a hash of the UID, descending for odd.
        string[] expected = (Fnv1a32(uid) & 1) == 0 ? ["1", "1", "none"] : ["none", "1", "1"];
        await _up.UntilAsync(async () =>
        {
            var got = await Task.WhenAll(Members.Select(m => ReplicasAsync(m, "pipy")));
            return got.SequenceEqual(expected);
        }, $"pipy replicas per cluster are {string.Join('/', expected)} (uid {uid})");
        foreach (var m in Members)
            await _up.UntilAsync(async () => !await _up.Member(m).IsGoneAsync("service", "pipy", "default"), $"Service pipy reaches {m}");
        await _up.UntilAsync(async () => await ReadyColumnAsync("pipy") == "2/2", "the control plane shows READY 2/2");

        await k.OkAsync("scale", "deploy", "pipy", "--replicas", "3");
        await _up.UntilAsync(async () =>
            (await Task.WhenAll(Members.Select(m => ReplicasAsync(m, "pipy")))).All(r => r == "1"), "scaled to 3: 1/1/1");

        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "curl.yaml"), "-f", ScenarioFiles.Path(Scenario, "curl-propagation.yaml"));
        await _up.UntilAsync(async () => await ReplicasAsync("k3d-cluster-3", "curl") == "1", "curl runs in k3d-cluster-3 with 1 replica");
        Assert.Equal("none", await ReplicasAsync("k3d-cluster-1", "curl"));
        Assert.Equal("none", await ReplicasAsync("k3d-cluster-2", "curl"));
    }
}
