using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Runtime;
using Flotilla.Runtime.Objects;

namespace Flotilla.Simulator.Controllers;

/// <summary>
/// What a real cluster does for every namespace: the "default" ServiceAccount and the kube-root-ca.crt ConfigMap.
/// (Token Secrets of type kubernetes.io/service-account-token are filled by the API server itself at creation, and
/// their tokens authenticate against this member.) Keys are namespaces.
/// </summary>
internal sealed class ServiceAccountController(SimContext ctx, string caPem) : IReconciler<ObjectKey>
{
    public ValueTask<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct) => EnsureNamespaceDefaultsAsync(key.Name, ct);

    private async ValueTask<ReconcileResult> EnsureNamespaceDefaultsAsync(string ns, CancellationToken ct)
    {
        var nsObj = ctx.Informer(SimResources.Namespaces).Cache.Get(null, ns);
        if (nsObj is null || nsObj.IsDeleting()) return ReconcileResult.Done;
        if (ctx.Informer(SimResources.ServiceAccounts).Cache.Get(ns, "default") is null)
        {
            try
            {
                await ctx.Client.CreateAsync(SimResources.ServiceAccounts, new JsonObject
                {
                    ["apiVersion"] = "v1", ["kind"] = "ServiceAccount",
                    ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns },
                }, null, ct).ConfigureAwait(false);
            }
            catch (ApiStatusException e) when (e.IsAlreadyExists || e.IsNotFound || e.Code == 403) { }
        }
        if (ctx.Informer(SimResources.ConfigMaps).Cache.Get(ns, "kube-root-ca.crt") is null)
        {
            try
            {
                await ctx.Client.CreateAsync(SimResources.ConfigMaps, new JsonObject
                {
                    ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
                    ["metadata"] = new JsonObject { ["name"] = "kube-root-ca.crt", ["namespace"] = ns },
                    ["data"] = new JsonObject { ["ca.crt"] = caPem },
                }, null, ct).ConfigureAwait(false);
            }
            catch (ApiStatusException e) when (e.IsAlreadyExists || e.IsNotFound || e.Code == 403) { }
        }
        return ReconcileResult.Done;
    }
}
