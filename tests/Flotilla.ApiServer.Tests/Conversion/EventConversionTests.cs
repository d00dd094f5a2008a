using System.Text.Json.Nodes;
using Flotilla.ApiServer.Conversion;
using Flotilla.ApiServer.Store;
using Flotilla.ApiServer.Tests.Core;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Conversion;

public sealed class EventConversionTests
{
    private static JsonObject NewEvent(string name) => new()
    {
        ["apiVersion"] = "events.k8s.io/v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["regarding"] = new JsonObject { ["kind"] = "Deployment", ["name"] = "web", ["namespace"] = "default" },
        ["note"] = "scaled",
        ["reason"] = "Scaled",
        ["type"] = "Normal",
        ["reportingController"] = "ctl",
        ["reportingInstance"] = "ctl-1",
        ["action"] = "Scale",
        ["eventTime"] = "2026-01-01T00:00:00.000000Z",
        ["deprecatedCount"] = 2,
    };

    [Fact]
    public void ToCore_RenamesFields_AndRoundTrips()
    {
        var core = EventConversion.ToCore(NewEvent("e"));
        Assert.Equal("v1", core.GetString("apiVersion"));
        Assert.Equal("web", core["involvedObject"]!["name"]!.GetValue<string>());
        Assert.Equal("scaled", core.GetString("message"));
        Assert.Equal("ctl", core.GetString("reportingComponent"));
        Assert.Equal(2, core["count"]!.GetValue<int>());
        Assert.Null(core["regarding"]);
        var back = EventConversion.ToEvents(core);
        Assert.True(JsonNode.DeepEquals(NewEvent("e"), back), back.ToJsonString());
    }

    [Fact]
    public async Task EventsAreOneResource_InBothVersions()
    {
        await using var t = await TestApi.StartAsync();
        var core = t.R("", "v1", "events");
        var events = t.R("events.k8s.io", "v1", "events");
        await t.Api.CreateAsync(events, "default", NewEvent("from-new"), WriteParams.Default, CancellationToken.None);
        var seenAsCore = (await t.Api.GetAsync(core, "default", "from-new", CancellationToken.None)).ToObject();
        Assert.Equal("v1", seenAsCore.GetString("apiVersion"));
        Assert.Equal("scaled", seenAsCore.GetString("message"));

        var coreEvent = EventConversion.ToCore(NewEvent("from-core"));
        await t.Api.CreateAsync(core, "default", coreEvent, WriteParams.Default, CancellationToken.None);
        var seenAsNew = (await t.Api.GetAsync(events, "default", "from-core", CancellationToken.None)).ToObject();
        Assert.Equal("events.k8s.io/v1", seenAsNew.GetString("apiVersion"));
        Assert.Equal("web", seenAsNew["regarding"]!["name"]!.GetValue<string>());
    }
}
