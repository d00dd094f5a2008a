using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.Runtime.Tests;

/// <summary>Small builders for test objects.</summary>
internal static class TestObjects
{
    public static JsonObject ConfigMap(string ns, string name, IDictionary<string, string>? data = null, IDictionary<string, string>? labels = null)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        };
        if (data is not null)
        {
            var d = new JsonObject();
            foreach (var (k, v) in data) d[k] = v;
            obj["data"] = d;
        }
        if (labels is not null) foreach (var (k, v) in labels) obj.SetLabel(k, v);
        return obj;
    }

    public static JsonObject Deployment(string ns, string name, int replicas = 1)
    {
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        };
    }

    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("condition not met in time" + (because is null ? "" : ": " + because));
            await Task.Delay(5);
        }
    }
}
