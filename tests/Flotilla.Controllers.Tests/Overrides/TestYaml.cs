using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Flotilla.Controllers.Tests.Overrides;

/// <summary>Loads multi-document YAML manifests as JSON objects (plain scalars typed like Kubernetes does).</summary>
internal static class TestYaml
{
    public static List<JsonObject> Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => (JsonObject)Convert(d.RootNode)!).ToList();
    }

    public static JsonObject One(string yaml, string kind, string name) =>
        Load(yaml).Single(o => o["kind"]!.GetValue<string>() == kind && o["metadata"]!["name"]!.GetValue<string>() == name);

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Convert).ToArray()),
        YamlScalarNode sc when sc.Style == ScalarStyle.Plain && long.TryParse(sc.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        YamlScalarNode sc when sc.Style == ScalarStyle.Plain && sc.Value is "true" or "false" => JsonValue.Create(sc.Value == "true"),
        YamlScalarNode sc => JsonValue.Create(sc.Value),
        _ => null,
    };
}
