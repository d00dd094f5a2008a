using System.Buffers;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;

namespace Flotilla.ApiServer.Store;

/// <summary>An object as stored (JSON without resourceVersion) with its revision, seen through one served version.</summary>
public sealed class StoredObject(ServedResource resource, ReadOnlyMemory<byte> json, long revision)
{
    public ServedResource Resource { get; } = resource;
    /// <summary>The stored JSON (no resourceVersion, apiVersion = the storage version).</summary>
    public ReadOnlyMemory<byte> Json { get; } = json;
    public long Revision { get; } = revision;

    /// <summary>Writes the object as served: resourceVersion spliced in, apiVersion of the requested version.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        if (Resource.ApiVersion == Resource.StorageApiVersion)
        {
            ObjectBytes.WriteWithRevision(Json.Span, Revision, output);
            return;
        }
        var obj = ToObject();
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(obj);
        output.Write(bytes);
    }

    public byte[] ToBytes()
    {
        var buf = new ArrayBufferWriter<byte>(Json.Length + 32);
        WriteTo(buf);
        return buf.WrittenSpan.ToArray();
    }

    /// <summary>A fresh DOM copy (callers may mutate it).</summary>
    public JsonObject ToObject()
    {
        return Resource.FromStorage(ObjectBytes.ToObject(Json.Span, Revision));
    }
}
