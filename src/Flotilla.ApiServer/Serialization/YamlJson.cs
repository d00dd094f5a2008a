using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Flotilla.ApiServer.Serialization;

/// <summary>YAML → JSON as sigs.k8s.io/yaml does it (plain scalars typed by the YAML 1.2 core schema plus the YAML
/// 1.1 booleans Kubernetes accepts; quoted scalars stay strings).</summary>
public static class YamlJson
{
    public static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw ApiErrors.BadRequest($"error converting YAML to JSON: yaml: line {e.Start.Line}: {e.Message}");
        }
        if (stream.Documents.Count == 0) return null;
        return Convert(stream.Documents[0].RootNode);
    }

    /// <summary>Parses a body that is JSON or YAML into an object; 400 with the position of the error otherwise.</summary>
    public static JsonObject ParseObject(ReadOnlySpan<byte> body)
    {
        var i = 0;
        while (i < body.Length && body[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') i++;
        if (i < body.Length && body[i] == (byte)'{') return ParseJsonObject(body);
        var node = Parse(Encoding.UTF8.GetString(body));
        return node as JsonObject ?? throw ApiErrors.BadRequest("Object 'Kind' is missing in the request body: expected a YAML mapping");
    }

    public static JsonObject ParseJsonObject(ReadOnlySpan<byte> body)
    {
        try
        {
            var node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
            return node as JsonObject ?? throw ApiErrors.BadRequest("the body of the request must be a JSON object");
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"error decoding the request body: {e.Message} (line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1})");
        }
    }

    private static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode m:
                var o = new JsonObject();
                foreach (var (k, v) in m.Children)
                {
                    var key = k is YamlScalarNode ks ? ks.Value ?? "" : k.ToString();
                    o[key] = Convert(v);
                }
                return o;
            case YamlSequenceNode s:
                var a = new JsonArray();
                foreach (var c in s.Children) a.Add(Convert(c));
                return a;
            case YamlScalarNode sc:
                return Scalar(sc);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(v);
        var tag = s.Tag.IsEmpty ? null : s.Tag.Value;
        if (tag is "tag:yaml.org,2002:str") return JsonValue.Create(v);
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && !HasLeadingZero(v)) return JsonValue.Create(l);
        if (v.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(v.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex)) return JsonValue.Create(hex);
        if (LooksLikeFloat(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return JsonValue.Create(d);
        return JsonValue.Create(v);
    }

    private static bool HasLeadingZero(string v)
    {
        var t = v.TrimStart('-', '+');
        return t.Length > 1 && t[0] == '0';
    }

    private static bool LooksLikeFloat(string v)
    {
        if (v.Length == 0) return false;
        var hasDigit = false;
        foreach (var c in v)
        {
            if (char.IsAsciiDigit(c)) hasDigit = true;
            else if (c is not ('.' or 'e' or 'E' or '-' or '+')) return false;
        }
        return hasDigit && (v.Contains('.', StringComparison.Ordinal) || v.Contains('e', StringComparison.OrdinalIgnoreCase));
    }
}
