using System.Runtime.CompilerServices;
using Flotilla.ApiServer.Registry;
using Flotilla.Storage;

namespace Flotilla.ApiServer;

public sealed partial class KubeApi
{
    public const string RegistryRoot = "/registry/";

    /// <summary>Every change to every resource after <paramref name="afterRevision"/>, with the resource it belongs to
    /// (events of resources no longer served are skipped). The garbage collector's view of the world.</summary>
    internal async IAsyncEnumerable<(ServedResource Resource, StorageEvent Event)> WatchAllAsync(long afterRevision, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in Storage.WatchAsync(RegistryRoot, afterRevision, ct).ConfigureAwait(false))
        {
            foreach (var ev in batch.Events)
            {
                if (ResourceOfKey(ev.Entry.Key) is { } r) yield return (r, ev);
            }
        }
    }

    /// <summary>Maps "/registry/&lt;group&gt;/&lt;plural&gt;/..." to the stored resource.</summary>
    internal ServedResource? ResourceOfKey(string key)
    {
        if (!key.StartsWith(RegistryRoot, StringComparison.Ordinal)) return null;
        var rest = key.AsSpan(RegistryRoot.Length);
        var s1 = rest.IndexOf('/');
        if (s1 < 0) return null;
        var group = rest[..s1];
        var afterGroup = rest[(s1 + 1)..];
        var s2 = afterGroup.IndexOf('/');
        if (s2 < 0) return null;
        var g = group.SequenceEqual("core") ? "" : group.ToString();
        return Registry.FindStored(g, afterGroup[..s2].ToString());
    }

    /// <summary>Namespace and name from a storage key of <paramref name="r"/>.</summary>
    internal static (string? Namespace, string Name) NameOfKey(ServedResource r, string key)
    {
        var rest = key[r.StoragePrefix.Length..];
        if (!r.Namespaced) return (null, rest);
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return (rest[..slash], rest[(slash + 1)..]);
    }
}
