using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Runtime.Informers;

namespace Flotilla.Controllers.Binding;

/// <summary>Makes sure a namespace (e.g. karmada-es-&lt;cluster&gt;) exists in the control plane before Works are
/// written into it; checks the namespaces cache first so the common case costs no request.</summary>
public sealed class ExecutionSpaces(IKubeClient client, SharedInformerFactory informers)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    public async Task EnsureAsync(string ns, CancellationToken ct)
    {
        var informer = informers.Get(KarmadaResources.Namespaces);
        if (informer.HasSynced && informer.Cache.Get(null, ns) is { } existing && !existing.IsDeleting()) return;
        if (!informer.HasSynced && _known.ContainsKey(ns)) return;
        var obj = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = ns },
        };
        try
        {
            await client.CreateAsync(KarmadaResources.Namespaces, obj, null, ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsAlreadyExists)
        {
        }
        _known[ns] = true;
    }
}
