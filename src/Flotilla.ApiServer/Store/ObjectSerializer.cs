using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Store;

/// <summary>Serialises objects for storage in a canonical order (apiVersion, kind, metadata, rest), without
/// metadata.resourceVersion.</summary>
public static class ObjectSerializer
{
    private static readonly string[] MetadataOrder =
        ["name", "generateName", "namespace", "uid", "generation", "creationTimestamp", "deletionTimestamp",
         "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields"];

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

    public static byte[] Serialize(JsonObject obj)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            w.WriteStartObject();
            if (obj["apiVersion"] is { } av) { w.WritePropertyName("apiVersion"u8); av.WriteTo(w); }
            if (obj["kind"] is { } k) { w.WritePropertyName("kind"u8); k.WriteTo(w); }
            if (obj["metadata"] is JsonObject meta)
            {
                w.WritePropertyName("metadata"u8);
                w.WriteStartObject();
                foreach (var name in MetadataOrder)
                    if (meta[name] is { } v) { w.WritePropertyName(name); v.WriteTo(w); }
                foreach (var (name, v) in meta)
                {
                    if (name == "resourceVersion" || Array.IndexOf(MetadataOrder, name) >= 0) continue;
                    w.WritePropertyName(name);
                    if (v is null) w.WriteNullValue(); else v.WriteTo(w);
                }
                w.WriteEndObject();
            }
            foreach (var (name, v) in obj)
            {
                if (name is "apiVersion" or "kind" or "metadata") continue;
                w.WritePropertyName(name);
                if (v is null) w.WriteNullValue(); else v.WriteTo(w);
            }
            w.WriteEndObject();
        }
        var result = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 1 << 20) t_buffer = null;
        return result;
    }

    /// <summary>True when the two objects differ outside metadata (and outside status when <paramref name="ignoreStatus"/>).</summary>
    public static bool SpecChanged(JsonObject a, JsonObject b, bool ignoreStatus)
    {
        foreach (var (name, v) in a)
        {
            if (name is "metadata" or "apiVersion" or "kind" || (ignoreStatus && name == "status")) continue;
            if (!JsonNode.DeepEquals(v, b[name])) return true;
        }
        foreach (var (name, v) in b)
        {
            if (name is "metadata" or "apiVersion" or "kind" || (ignoreStatus && name == "status")) continue;
            if (!a.ContainsKey(name) && v is not null) return true;
        }
        return false;
    }
}
