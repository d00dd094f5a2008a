using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Store;

/// <summary>
/// Byte-level helpers over stored objects. Objects are stored without metadata.resourceVersion (the revision is
/// only known after the write); readers splice <c>"resourceVersion":"N"</c> in at the start of metadata on the way
/// out, so reads never re-serialise.
/// </summary>
public static class ObjectBytes
{
    /// <summary>The offset just after the '{' that opens the top-level "metadata" object, or -1.</summary>
    public static int MetadataBodyOffset(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return -1;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return -1;
            if (reader.TokenType != JsonTokenType.PropertyName) return -1;
            var isMeta = reader.ValueTextEquals("metadata"u8);
            if (!reader.Read()) return -1;
            if (isMeta) return reader.TokenType == JsonTokenType.StartObject ? (int)reader.BytesConsumed : -1;
            reader.Skip();
        }
        return -1;
    }

    /// <summary>Writes the object with metadata.resourceVersion = <paramref name="revision"/>.</summary>
    public static void WriteWithRevision(ReadOnlySpan<byte> json, long revision, IBufferWriter<byte> output)
    {
        var at = MetadataBodyOffset(json);
        if (at < 0) { Write(output, json); return; }
        Write(output, json[..at]);
        Write(output, "\"resourceVersion\":\""u8);
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(revision, span, out var n);
        output.Advance(n);
        var rest = json[at..];
        var next = 0;
        while (next < rest.Length && rest[next] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') next++;
        Write(output, next < rest.Length && rest[next] == (byte)'}' ? "\""u8 : "\","u8);
        Write(output, rest);
    }

    public static byte[] WithRevision(ReadOnlySpan<byte> json, long revision)
    {
        var buf = new ArrayBufferWriter<byte>(json.Length + 32);
        WriteWithRevision(json, revision, buf);
        return buf.WrittenSpan.ToArray();
    }

    /// <summary>Parses a stored object and sets its resourceVersion.</summary>
    public static JsonObject ToObject(ReadOnlySpan<byte> json, long revision)
    {
        var obj = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("stored value is not a JSON object");
        if (obj["metadata"] is JsonObject m) m["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return obj;
    }

    /// <summary>Reads metadata.labels without building a DOM (null when there are none).</summary>
    public static Dictionary<string, string>? ReadLabels(ReadOnlySpan<byte> json)
    {
        var at = MetadataBodyOffset(json);
        if (at < 0) return null;
        var reader = new Utf8JsonReader(json[(at - 1)..]);
        reader.Read(); // StartObject of metadata
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isLabels = reader.ValueTextEquals("labels"u8);
            reader.Read();
            if (!isLabels) { reader.Skip(); continue; }
            if (reader.TokenType != JsonTokenType.StartObject) return null;
            var d = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var k = reader.GetString()!;
                reader.Read();
                d[k] = reader.TokenType == JsonTokenType.String ? reader.GetString()! : "";
            }
            return d;
        }
        return null;
    }

    private static readonly Dictionary<string, string> NoLabels = new(StringComparer.Ordinal);
    public static IReadOnlyDictionary<string, string> Labels(ReadOnlySpan<byte> json) => ReadLabels(json) ?? NoLabels;

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        var span = output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        output.Advance(bytes.Length);
    }
}
