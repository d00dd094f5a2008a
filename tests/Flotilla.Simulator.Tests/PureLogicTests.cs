using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Simulator.Controllers;

namespace Flotilla.Simulator.Tests;

public sealed class CronScheduleTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "every minute", "* * * * *", "2026-03-01T10:00:30Z", "2026-03-01T10:01:00Z" },
        { "every minute on the boundary", "* * * * *", "2026-03-01T10:01:00Z", "2026-03-01T10:02:00Z" },
        { "step of 15", "*/15 * * * *", "2026-03-01T10:16:00Z", "2026-03-01T10:30:00Z" },
        { "step wraps the hour", "*/15 * * * *", "2026-03-01T10:45:00Z", "2026-03-01T11:00:00Z" },
        { "fixed time daily", "30 2 * * *", "2026-03-01T03:00:00Z", "2026-03-02T02:30:00Z" },
        { "list", "0,20,40 * * * *", "2026-03-01T10:21:00Z", "2026-03-01T10:40:00Z" },
        { "range with step", "10-30/10 * * * *", "2026-03-01T10:21:00Z", "2026-03-01T10:30:00Z" },
        { "start with step", "5/20 * * * *", "2026-03-01T10:26:00Z", "2026-03-01T10:45:00Z" },
        { "hourly macro", "@hourly", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z" },
        { "daily macro", "@daily", "2026-03-01T10:00:00Z", "2026-03-02T00:00:00Z" },
        { "weekly macro is Sunday", "@weekly", "2026-03-02T00:00:00Z", "2026-03-08T00:00:00Z" },
        { "monthly macro", "@monthly", "2026-03-15T00:00:00Z", "2026-04-01T00:00:00Z" },
        { "yearly macro", "@yearly", "2026-03-15T00:00:00Z", "2027-01-01T00:00:00Z" },
        { "weekday names", "0 9 * * MON-FRI", "2026-03-06T10:00:00Z", "2026-03-09T09:00:00Z" },
        { "sunday as 7", "0 0 * * 7", "2026-03-02T00:00:00Z", "2026-03-08T00:00:00Z" },
        { "month names", "0 0 1 JUN *", "2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z" },
        { "day 31 skips short months", "0 0 31 * *", "2026-04-01T00:00:00Z", "2026-05-31T00:00:00Z" },
        { "feb 29 waits for a leap year", "0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z" },
        { "dom and dow are ORed", "0 0 13 * FRI", "2026-03-01T00:00:00Z", "2026-03-06T00:00:00Z" },
        { "seconds are ignored", "* * * * *", "2026-03-01T10:00:59.999Z", "2026-03-01T10:01:00Z" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Next_activation(string because, string schedule, string after, string expected)
    {
        var next = CronSchedule.Parse(schedule).Next(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture) == next, $"{because}: got {next:O}");
    }

    [Theory]
    [InlineData("* * * *")]
    [InlineData("* * * * * *")]
    [InlineData("60 * * * *")]
    [InlineData("* 24 * * *")]
    [InlineData("* * 0 * *")]
    [InlineData("* * * 13 *")]
    [InlineData("*/0 * * * *")]
    [InlineData("5-1 * * * *")]
    [InlineData("x * * * *")]
    public void Invalid_schedules_are_rejected(string schedule) =>
        Assert.ThrowsAny<FormatException>(() => CronSchedule.Parse(schedule));
}

public sealed class PodUtilTests
{
    public static TheoryData<string, int, bool, int> Percentages => new()
    {
        { "25%", 4, true, 1 },
        { "25%", 5, true, 2 },
        { "25%", 5, false, 1 },
        { "50%", 3, false, 1 },
        { "100%", 7, true, 7 },
        { "0%", 9, true, 0 },
        { "3", 10, true, 3 },
    };

    [Theory]
    [MemberData(nameof(Percentages))]
    public void IntOrPercent_string(string value, int total, bool roundUp, int expected) =>
        Assert.Equal(expected, PodUtil.IntOrPercent(JsonValue.Create(value), total, roundUp, -1));

    [Fact]
    public void IntOrPercent_int_and_missing()
    {
        Assert.Equal(2, PodUtil.IntOrPercent(JsonValue.Create(2), 10, true, -1));
        Assert.Equal(-1, PodUtil.IntOrPercent(null, 10, true, -1));
        Assert.Equal(-1, PodUtil.IntOrPercent(JsonValue.Create("abc%"), 10, true, -1));
    }

    [Fact]
    public void TemplateHash_is_stable_and_changes_with_the_template()
    {
        var a = JsonNode.Parse("""{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx:1"}]}}""");
        var a2 = JsonNode.Parse("""{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx:1"}]}}""");
        var b = JsonNode.Parse("""{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}""");
        var h = PodUtil.TemplateHash(a);
        Assert.Equal(h, PodUtil.TemplateHash(a2));
        Assert.NotEqual(h, PodUtil.TemplateHash(b));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$", h);
    }

    [Fact]
    public void Requests_sum_containers_and_fall_back_to_limits()
    {
        var spec = JsonNode.Parse("""
            {"containers":[{"name":"a","resources":{"requests":{"cpu":"100m","memory":"64Mi"}}},
                           {"name":"b","resources":{"limits":{"cpu":"1","memory":"1Gi"}}}]}
            """)!.AsObject();
        var r = PodUtil.Requests(spec);
        Assert.Equal(Quantity.Parse("1100m"), r["cpu"]);
        Assert.Equal(Quantity.Parse("1088Mi"), r["memory"]);
    }

    [Fact]
    public void Random_suffix_uses_the_kubernetes_alphabet() =>
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{5}$", PodUtil.RandomSuffix());
}

/// <summary>Service addresses in a member come from the API server's own Service registry (KubeApi).</summary>
public sealed class MemberServiceAddressTests
{
    [Fact]
    public async Task Services_get_unique_cluster_ips_and_keep_them_on_update()
    {
        await using var h = await SimHarness.StartAsync();
        var ips = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            var s = await h.CreateAsync(Res.Services, $$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s{{{i}}}","namespace":"default"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""");
            Assert.True(ips.Add(s["spec"]!["clusterIP"]!.GetValue<string>()));
            Assert.Equal(s["spec"]!["clusterIP"]!.GetValue<string>(), s["spec"]!["clusterIPs"]![0]!.GetValue<string>());
        }
        Assert.All(ips, ip => Assert.Matches(@"^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$", ip));
        var before = (await h.GetAsync(Res.Services, "default", "s0"))!;
        var next = before.DeepCloneObject();
        var spec = (JsonObject)next["spec"]!;
        spec.Remove("clusterIP");
        spec.Remove("clusterIPs");
        ((JsonObject)spec["ports"]![0]!).Remove("nodePort");
        next.Metadata()["labels"] = new JsonObject { ["x"] = "y" };
        var after = await h.Client.UpdateAsync(Res.Services, next, null, CancellationToken.None);
        Assert.Equal(before["spec"]!["clusterIP"]!.GetValue<string>(), after["spec"]!["clusterIP"]!.GetValue<string>());
        Assert.Equal(PodUtil.Int(before["spec"]!["ports"]![0]!["nodePort"]), PodUtil.Int(after["spec"]!["ports"]![0]!["nodePort"]));
    }

    [Fact]
    public async Task ExternalName_and_headless_services_get_no_cluster_ip()
    {
        await using var h = await SimHarness.StartAsync();
        var ext = await h.CreateAsync(Res.Services, """{"apiVersion":"v1","kind":"Service","metadata":{"name":"ext","namespace":"default"},"spec":{"type":"ExternalName","externalName":"example.org"}}""");
        Assert.Null(ext["spec"]!["clusterIP"]);
        var headless = await h.CreateAsync(Res.Services, """{"apiVersion":"v1","kind":"Service","metadata":{"name":"hl","namespace":"default"},"spec":{"clusterIP":"None","ports":[{"port":80}]}}""");
        Assert.Equal("None", headless["spec"]!["clusterIP"]!.GetValue<string>());
    }
}

public sealed class MemberApiSurfaceTests
{
    [Fact]
    public async Task Member_serves_multicluster_services_but_no_karmada_groups()
    {
        await using var h = await SimHarness.StartAsync();
        var groups = h.Cluster.Api.Registry.All.Select(r => r.Group).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(groups, g => g.EndsWith("karmada.io", StringComparison.Ordinal));
        Assert.Contains("multicluster.x-k8s.io", groups);
        Assert.Contains("apps", groups);
        var export = await h.CreateAsync(new GroupVersionResource("multicluster.x-k8s.io", "v1alpha1", "serviceexports"),
            """{"apiVersion":"multicluster.x-k8s.io/v1alpha1","kind":"ServiceExport","metadata":{"name":"web","namespace":"default"}}""");
        Assert.Equal("web", export.Name());
    }
}
