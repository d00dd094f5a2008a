using System.Text.Json;
using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Propagation;

/// <summary>Scenario s04-overrides-argo: OverridePolicies per cluster, spread constraints with propagateDeps, weighted division.</summary>
[Trait("Category", "E2E")]
[Collection(ScenarioFiles.Collection)]
public sealed class S04OverridesArgoTests : IAsyncLifetime
{
    private const string Scenario = "s04-overrides-argo";
    private static readonly string[] Members = ["pegasus", "pegasus-2"];
    private static readonly string[] Policies =
        ["nginx-op-and-propagation.yaml", "rabbitmq-op.yaml", "rabbitmq-propagation.yaml", "redis-op.yaml", "redis-propagation.yaml"];
    private FlotillaUp _up = null!;

    public async Task InitializeAsync() => _up = await FlotillaUp.StartAsync(Members);

    public async Task DisposeAsync() => await _up.DisposeAsync();

    private sealed record Meta(int? Replicas, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

    /// <summary>Replicas, labels and annotations of default/NAME, or null when NotFound.</summary>
    private static async Task<Meta?> GetAsync(Kubectl k, string kind, string name)
    {
        var r = await k.RunAsync("get", kind, name, "-n", "default", "-o", "json");
        if (r.ExitCode != 0)
            return r.Stderr.Contains("NotFound", StringComparison.Ordinal) ? null : throw new InvalidOperationException(r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var meta = doc.RootElement.GetProperty("metadata");
        static Dictionary<string, string> Map(JsonElement m, string field) =>
            m.TryGetProperty(field, out var e) ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal) : [];
        int? replicas = doc.RootElement.TryGetProperty("spec", out var spec) && spec.TryGetProperty("replicas", out var rep) ? rep.GetInt32() : null;
        return new Meta(replicas, Map(meta, "labels"), Map(meta, "annotations"));
    }

    private static void AssertPegasus2Labels(Meta m, string what)
    {
        Assert.True(m.Labels.GetValueOrDefault("env") == "skoala-dev", $"{what}: env=skoala-dev, labels {string.Join(',', m.Labels)}");
        Assert.Equal("skoala-stage", m.Labels.GetValueOrDefault("env-stat"));
        Assert.Equal("test", m.Labels.GetValueOrDefault("bar"));
        Assert.False(m.Labels.ContainsKey("for"), $"{what}: label 'for' removed");
    }

    private static void AssertPegasusAnnotations(Meta m, string what)
    {
        Assert.True(m.Annotations.GetValueOrDefault("env") == "skoala-stage", $"{what}: annotation env=skoala-stage, got {string.Join(',', m.Annotations)}");
        Assert.Equal("sophia", m.Annotations.GetValueOrDefault("emma"));
        Assert.False(m.Annotations.ContainsKey("bom"), $"{what}: annotation 'bom' removed");
    }

    [Fact]
    public async Task Overrides_spread_and_weights_apply_per_cluster_and_leave_the_templates_alone()
    {
        var k = _up.ControlPlane;
        await k.OkAsync("apply", "-f", ScenarioFiles.Path(Scenario, "apps.yaml"));
        await k.OkAsync(["apply", .. Policies.SelectMany(p => new[] { "-f", ScenarioFiles.Path(Scenario, p) })]);

        var p1 = _up.Member("pegasus");
        var p2 = _up.Member("pegasus-2");

        // rabbitmq: 2 / 1, with the per-cluster overrides.
        await _up.UntilAsync(async () => (await GetAsync(p1, "deployment", "rabbitmq"))?.Replicas == 2
                && (await GetAsync(p2, "deployment", "rabbitmq"))?.Replicas == 1
                && (await GetAsync(p2, "deployment", "rabbitmq"))!.Labels.GetValueOrDefault("env") == "skoala-dev"
                && (await GetAsync(p1, "deployment", "rabbitmq"))!.Annotations.GetValueOrDefault("env") == "skoala-stage",
            "rabbitmq runs 2 in pegasus and 1 in pegasus-2, overridden");
        AssertPegasusAnnotations((await GetAsync(p1, "deployment", "rabbitmq"))!, "rabbitmq in pegasus");
        AssertPegasus2Labels((await GetAsync(p2, "deployment", "rabbitmq"))!, "rabbitmq in pegasus-2");

        // nginx: pegasus-2 only, 2 replicas, labels overridden.
        await _up.UntilAsync(async () => (await GetAsync(p2, "deployment", "nginx")) is { Replicas: 2 } m && m.Labels.GetValueOrDefault("env") == "skoala-dev",
            "nginx runs 2 replicas in pegasus-2 with the label overrides");
        AssertPegasus2Labels((await GetAsync(p2, "deployment", "nginx"))!, "nginx in pegasus-2");
        Assert.Null(await GetAsync(p1, "deployment", "nginx"));

        // redis: exactly one cluster, its ConfigMap only there, overridden for that cluster.
        string? redisIn = null;
        await _up.UntilAsync(async () =>
        {
            var a = await GetAsync(p1, "deployment", "redis");
            var b = await GetAsync(p2, "deployment", "redis");
            redisIn = (a, b) switch
            {
                ({ }, null) when a.Annotations.GetValueOrDefault("env") == "skoala-stage" => "pegasus",
                (null, { }) when b.Labels.GetValueOrDefault("env") == "skoala-dev" => "pegasus-2",
                _ => null,
            };
            return redisIn is not null && await GetAsync(_up.Member(redisIn), "configmap", "redis-config") is not null;
        }, "redis runs in exactly one cluster, overridden, with ConfigMap redis-config");
        var other = redisIn == "pegasus" ? "pegasus-2" : "pegasus";
        var redis = (await GetAsync(_up.Member(redisIn!), "deployment", "redis"))!;
        if (redisIn == "pegasus") AssertPegasusAnnotations(redis, "redis in pegasus");
        else AssertPegasus2Labels(redis, "redis in pegasus-2");
        Assert.Null(await GetAsync(_up.Member(other), "deployment", "redis"));
        Assert.Null(await GetAsync(_up.Member(other), "configmap", "redis-config"));

        // The control plane's templates keep their own labels and annotations.
        foreach (var name in new[] { "redis", "nginx", "rabbitmq" })
        {
            var t = (await GetAsync(k, "deployment", name))!;
            Assert.Equal("for", t.Labels.GetValueOrDefault("for"));
            Assert.Equal("bar", t.Labels.GetValueOrDefault("bar"));
            Assert.False(t.Labels.ContainsKey("env"), $"template {name} has no env label");
            if (name != "nginx")
            {
                Assert.Equal("bom", t.Annotations.GetValueOrDefault("bom"));
                Assert.Equal("emma", t.Annotations.GetValueOrDefault("emma"));
                Assert.False(t.Annotations.ContainsKey("env"), $"template {name} has no env annotation");
            }
        }
    }
}
