using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Flotilla.ApiServer.Tests.Schema;

/// <summary>Loads the scenario manifests copied verbatim into TestData (YAML, several documents per file) as JSON.</summary>
internal static class TestManifests
{
    public static string TestDataDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "TestData");

    public static IReadOnlyList<string> AllFiles() =>
        Directory.GetFiles(TestDataDirectory(), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestDataDirectory(), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<JsonObject> Load(string relativePath) =>
        ParseYaml(File.ReadAllText(Path.Combine(TestDataDirectory(), relativePath)));

    public static IReadOnlyList<JsonObject> ParseYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>().ToList();
    }

    public static JsonObject Yaml(string yaml) => ParseYaml(yaml).Single();

    private static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode m:
            {
                var o = new JsonObject();
                foreach (var (k, v) in m.Children) o[((YamlScalarNode)k).Value!] = ToJson(v);
                return o;
            }
            case YamlSequenceNode s:
            {
                var a = new JsonArray();
                foreach (var c in s.Children) a.Add(ToJson(c));
                return a;
            }
            case YamlScalarNode sc:
            {
                var text = sc.Value ?? "";
                if (sc.Style is YamlDotNet.Core.ScalarStyle.Plain)
                {
                    if (text is "null" or "~" or "") return null;
                    if (text is "true" or "false") return text == "true";
                    if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && text.Any(char.IsDigit) && !text.Contains(':')) return d;
                }
                return text;
            }
            default:
                return null;
        }
    }
}
