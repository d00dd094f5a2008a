using System.Text.Json.Nodes;
using Flotilla.Controllers.Clusters;
using Flotilla.Controllers.Registration;
using Flotilla.Core.Karmada;
using Xunit;

namespace Flotilla.Controllers.Tests.Clusters;

public sealed class ClusterNamesAndTaintSpecTests
{
    public static TheoryData<string, string, bool> Names => new()
    {
        { "simple", "member-a", true },
        { "digits", "123-abc", true },
        { "exactly 48", new string('a', 48), true },
        { "49 characters", new string('a', 49), false },
        { "upper case", "Member", false },
        { "underscore", "member_a", false },
        { "dot", "member.a", false },
        { "leading dash", "-member", false },
        { "trailing dash", "member-", false },
        { "empty", "", false },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Validates_cluster_names(string because, string name, bool valid)
    {
        var error = ClusterNames.Validate(name);
        Assert.True(valid == (error is null), $"{because}: {error}");
        if (!valid) Assert.Contains("cluster name", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string?, string?, bool> Specs => new()
    {
        { "key value effect", "foo=bar:NoSchedule", "foo", "bar", "NoSchedule", false },
        { "key effect", "foo:NoExecute", "foo", null, "NoExecute", false },
        { "prefixed key", "example.com/gpu=true:PreferNoSchedule", "example.com/gpu", "true", "PreferNoSchedule", false },
        { "remove key effect", "foo:NoSchedule-", "foo", null, "NoSchedule", true },
        { "remove key", "foo-", "foo", null, null, true },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Parses_taint_specs(string because, string arg, string key, string? value, string? effect, bool remove)
    {
        var spec = TaintSpec.Parse(arg);
        Assert.Equal(new TaintSpec(key, value, effect, remove), spec);
        Assert.False(string.IsNullOrEmpty(because));
    }

    [Theory]
    [InlineData("foo=bar")]
    [InlineData("foo=bar:Sometimes")]
    [InlineData("=bar:NoSchedule")]
    [InlineData("bad key:NoSchedule")]
    public void Rejects_bad_taint_specs(string arg) => Assert.Throws<FormatException>(() => TaintSpec.Parse(arg));

    [Fact]
    public void Adding_an_existing_taint_with_another_value_needs_overwrite()
    {
        var now = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var cluster = new JsonObject { ["spec"] = new JsonObject() };
        Assert.True(TaintSpec.Parse("foo=bar:NoSchedule").ApplyTo(cluster, now, overwrite: false));
        Assert.False(TaintSpec.Parse("foo=bar:NoSchedule").ApplyTo(cluster, now, overwrite: false));
        Assert.Throws<InvalidOperationException>(() => TaintSpec.Parse("foo=baz:NoSchedule").ApplyTo(cluster, now, overwrite: false));
        Assert.True(TaintSpec.Parse("foo=baz:NoSchedule").ApplyTo(cluster, now, overwrite: true));
        var taint = Assert.Single(ClusterTaints.Taints(cluster));
        Assert.Equal("baz", (string?)taint!["value"]);
        Assert.True(TaintSpec.Parse("foo:NoSchedule-").ApplyTo(cluster, now, overwrite: false));
        Assert.Empty(ClusterTaints.Taints(cluster));
        Assert.Throws<KeyNotFoundException>(() => TaintSpec.Parse("foo:NoSchedule-").ApplyTo(cluster, now, overwrite: false));
    }

    public static TheoryData<string, string?, string[]> ReadyTaints => new()
    {
        { "no Ready condition", null, [WellKnownTaints.NotReady] },
        { "Ready=False", "False", [WellKnownTaints.NotReady] },
        { "Ready=Unknown", "Unknown", [WellKnownTaints.Unreachable] },
        { "Ready=True", "True", [] },
    };

    [Theory]
    [MemberData(nameof(ReadyTaints))]
    public void Taints_follow_the_ready_condition(string because, string? ready, string[] expectedKeys)
    {
        var now = DateTimeOffset.UnixEpoch;
        var cluster = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["taints"] = new JsonArray(
                    new JsonObject { ["key"] = WellKnownTaints.NotReady, ["effect"] = "NoSchedule" },
                    new JsonObject { ["key"] = WellKnownTaints.Unreachable, ["effect"] = "NoSchedule" },
                    new JsonObject { ["key"] = "user", ["effect"] = "NoExecute" }),
            },
        };
        if (ready is not null)
            cluster["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready }) };
        ClusterTaints.ApplyConditionTaints(cluster, now);
        var keys = ClusterTaints.Taints(cluster).Select(t => (string)t!["key"]!).Where(k => k != "user").Order(StringComparer.Ordinal).ToArray();
        Assert.True(expectedKeys.SequenceEqual(keys), because + ": " + string.Join(",", keys));
        Assert.Contains(ClusterTaints.Taints(cluster), t => (string?)t!["key"] == "user");
        Assert.False(ClusterTaints.ApplyConditionTaints(cluster, now), because + ": second pass must change nothing");
    }
}
