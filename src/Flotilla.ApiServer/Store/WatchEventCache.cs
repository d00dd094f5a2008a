using System.Runtime.CompilerServices;
using Flotilla.ApiServer.Registry;
using Flotilla.Storage;

namespace Flotilla.ApiServer.Store;

/// <summary>Renders each stored entry's served bytes once and shares them among every watcher that receives the same
/// entry instance from the backend's fan-out.</summary>
internal sealed class WatchEventCache
{
    private readonly ConditionalWeakTable<KeyValue, byte[]> _rendered = new();

    public ReadOnlyMemory<byte> Render(ServedResource r, KeyValue kv)
    {
        if (r.ApiVersion != r.StorageApiVersion) return new StoredObject(r, kv.Value, kv.ModRevision).ToBytes();
        return _rendered.GetValue(kv, static e => ObjectBytes.WithRevision(e.Value.Span, e.ModRevision));
    }
}

/// <summary>One event of a watch, its object already rendered as served JSON.</summary>
public readonly record struct WatchItem(string Type, ReadOnlyMemory<byte> Object, long Revision);
