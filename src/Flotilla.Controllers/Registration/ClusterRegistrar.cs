using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Controllers.Clusters;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Registration;

/// <summary>
/// Push-mode registration as <c>karmadactl join</c> / <c>unjoin</c> do it. Join: in the member, namespace
/// karmada-cluster, ServiceAccounts karmada-&lt;name&gt; (bound to ClusterRole karmada-controller-manager:karmada-&lt;name&gt;
/// with full access) and karmada-impersonator, each with an explicitly created token Secret filled by the member's
/// token controller; in the control plane, Secrets karmada-cluster/&lt;name&gt; (token, caBundle) and
/// karmada-cluster/&lt;name&gt;-impersonator (token) and the Cluster (Push). Everything is checked first (name, name in
/// use, member reachable); what was created is removed again when a later step fails.
/// </summary>
public static class ClusterRegistrar
{
    public const string ImpersonatorServiceAccount = "karmada-impersonator";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Registers the member; returns the Cluster as created.</summary>
    /// <exception cref="ClusterRegistrationException">Invalid name, name in use, member unreachable, no token, write failure.</exception>
    public static async Task<JsonObject> JoinAsync(IKubeClient controlPlane, IKubeClient member, JoinOptions options, CancellationToken ct)
    {
        var name = options.ClusterName;
        if (ClusterNames.Validate(name) is { } invalid) throw new ClusterRegistrationException(invalid, isInvalidArgument: true);

        if (await controlPlane.GetAsync(ClusterApi.Clusters, null, name, ct).ConfigureAwait(false) is not null)
            throw new ClusterRegistrationException($"cluster({name}) already exists: choose another name or unjoin it first");
        var ns = options.ClusterNamespace;
        foreach (var secretName in new[] { name, name + "-impersonator" })
            if (await controlPlane.GetAsync(ClusterApi.Secrets, ns, secretName, ct).ConfigureAwait(false) is not null)
                throw new ClusterRegistrationException($"cluster({name}) cannot be joined: secret {ns}/{secretName} already exists in the control plane");

        JsonObject kubeSystem;
        using (var reach = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            reach.CancelAfter(options.ReachTimeout);
            try
            {
                kubeSystem = await member.GetAsync(ClusterApi.Namespaces, null, WellKnownNamespaces.KubeSystem, reach.Token).ConfigureAwait(false)
                    ?? throw new ClusterRegistrationException($"cluster({name}) cannot be joined: it has no kube-system namespace");
            }
            catch (Exception e) when (e is HttpRequestException or ApiStatusException
                || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                throw new ClusterRegistrationException($"cluster({name}) is not reachable at {options.ApiEndpoint}: {e.Message}", inner: e);
            }
        }

        var undo = new Stack<(IKubeClient Client, GroupVersionResource Resource, string? Ns, string Name)>();
        try
        {
            // Member side.
            await EnsureAsync(member, ClusterApi.Namespaces, null, NamespaceObject(ns), undo, ct).ConfigureAwait(false);
            var sa = Names.ServiceAccountName(name);
            await EnsureAsync(member, ClusterApi.ServiceAccounts, ns, ServiceAccountObject(ns, sa), undo, ct).ConfigureAwait(false);
            await EnsureAsync(member, ClusterApi.ServiceAccounts, ns, ServiceAccountObject(ns, ImpersonatorServiceAccount), undo, ct).ConfigureAwait(false);
            var role = Names.RoleName(sa);
            await EnsureAsync(member, ClusterApi.ClusterRoles, null, ClusterRoleObject(role), undo, ct).ConfigureAwait(false);
            await EnsureAsync(member, ClusterApi.ClusterRoleBindings, null, ClusterRoleBindingObject(role, ns, sa), undo, ct).ConfigureAwait(false);
            await EnsureAsync(member, ClusterApi.Secrets, ns, TokenSecretObject(ns, sa), undo, ct).ConfigureAwait(false);
            await EnsureAsync(member, ClusterApi.Secrets, ns, TokenSecretObject(ns, ImpersonatorServiceAccount), undo, ct).ConfigureAwait(false);
            var (token, memberCa) = await WaitForTokenAsync(member, ns, sa, options.TokenTimeout, ct).ConfigureAwait(false);
            var (impersonatorToken, _) = await WaitForTokenAsync(member, ns, ImpersonatorServiceAccount, options.TokenTimeout, ct).ConfigureAwait(false);

            // Control-plane side.
            await EnsureAsync(controlPlane, ClusterApi.Namespaces, null, NamespaceObject(ns), undo, ct).ConfigureAwait(false);
            var caBundle = options.CaBundle ?? memberCa;
            var secretData = new JsonObject { ["token"] = Convert.ToBase64String(token) };
            if (caBundle is not null) secretData["caBundle"] = Convert.ToBase64String(caBundle);
            await CreateAsync(controlPlane, ClusterApi.Secrets, SecretObject(ns, name, secretData), undo, ct).ConfigureAwait(false);
            await CreateAsync(controlPlane, ClusterApi.Secrets,
                SecretObject(ns, name + "-impersonator", new JsonObject { ["token"] = Convert.ToBase64String(impersonatorToken) }), undo, ct).ConfigureAwait(false);

            var spec = new JsonObject
            {
                ["id"] = kubeSystem.Uid(),
                ["syncMode"] = ClusterSyncModes.Push,
                ["apiEndpoint"] = options.ApiEndpoint,
                ["secretRef"] = new JsonObject { ["namespace"] = ns, ["name"] = name },
                ["impersonatorSecretRef"] = new JsonObject { ["namespace"] = ns, ["name"] = name + "-impersonator" },
            };
            if (options.InsecureSkipTlsVerification) spec["insecureSkipTLSVerification"] = true;
            if (!string.IsNullOrEmpty(options.ProxyUrl)) spec["proxyURL"] = options.ProxyUrl;
            if (!string.IsNullOrEmpty(options.Provider)) spec["provider"] = options.Provider;
            if (!string.IsNullOrEmpty(options.Region)) spec["region"] = options.Region;
            if (options.Zones is { Count: > 0 } zones) spec["zones"] = new JsonArray([.. zones.Select(z => (JsonNode)z)]);
            var cluster = new JsonObject
            {
                ["apiVersion"] = Core.Karmada.Cluster.DefaultApiVersion,
                ["kind"] = Core.Karmada.Cluster.KindName,
                ["metadata"] = new JsonObject { ["name"] = name },
                ["spec"] = spec,
            };
            return await CreateAsync(controlPlane, ClusterApi.Clusters, cluster, undo, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await RollBackAsync(undo).ConfigureAwait(false);
            if (e is ClusterRegistrationException) throw;
            throw new ClusterRegistrationException($"cluster({name}) could not be joined: {e.Message}", inner: e);
        }
    }

    /// <summary>
    /// Unregisters the member: deletes the Cluster and waits (up to <paramref name="wait"/>) until the cluster controller
    /// has cleaned it up; then removes the member side (service accounts, token secrets, RBAC, namespace) through
    /// <paramref name="member"/> unless it is null, and the control-plane secrets. With <paramref name="force"/> a
    /// Cluster still present after the wait has its finalizers dropped, and member-side failures are ignored.
    /// </summary>
    public static async Task UnjoinAsync(IKubeClient controlPlane, IKubeClient? member, string name, TimeSpan wait, bool force,
        CancellationToken ct, string clusterNamespace = WellKnownNamespaces.KarmadaCluster)
    {
        var cluster = await controlPlane.GetAsync(ClusterApi.Clusters, null, name, ct).ConfigureAwait(false);
        var ns = (cluster?["spec"]?["secretRef"] as JsonObject).GetString("namespace") ?? clusterNamespace;
        if (cluster is not null)
        {
            await controlPlane.DeleteAsync(ClusterApi.Clusters, null, name, null, ct).ConfigureAwait(false);
            var deadline = DateTimeOffset.UtcNow + wait;
            while (await controlPlane.GetAsync(ClusterApi.Clusters, null, name, ct).ConfigureAwait(false) is { } left)
            {
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    if (!force)
                        throw new ClusterRegistrationException($"cluster({name}) was not removed within {wait.TotalSeconds:0}s (finalizers: {string.Join(", ", left.Finalizers())}); retry, or use --force");
                    var stripped = left.DeepCloneObject();
                    stripped.Metadata().Remove("finalizers");
                    try { await controlPlane.UpdateAsync(ClusterApi.Clusters, stripped, null, ct).ConfigureAwait(false); }
                    catch (ApiStatusException e) when (e.IsNotFound || e.IsConflict) { }
                    deadline = DateTimeOffset.UtcNow + wait;
                    continue;
                }
                await Task.Delay(PollInterval, ct).ConfigureAwait(false);
            }
        }

        Exception? memberError = null;
        if (member is not null)
        {
            try
            {
                await CleanUpMemberAsync(member, name, ns, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or ApiStatusException)
            {
                memberError = e;
            }
        }

        await DeleteIgnoringMissingAsync(controlPlane, ClusterApi.Secrets, ns, name, ct).ConfigureAwait(false);
        await DeleteIgnoringMissingAsync(controlPlane, ClusterApi.Secrets, ns, name + "-impersonator", ct).ConfigureAwait(false);
        if (memberError is not null && !force)
            throw new ClusterRegistrationException($"cluster({name}) was removed from the control plane, but cleaning up the member failed: {memberError.Message} (use --force when the member is gone)", inner: memberError);
    }

    /// <summary>Removes what join created in the member. The credentials used may be the cluster's own service
    /// account, so its token goes last: with the namespace when nothing else lives there, else explicitly.</summary>
    private static async Task CleanUpMemberAsync(IKubeClient member, string name, string ns, CancellationToken ct)
    {
        var sa = Names.ServiceAccountName(name);
        var role = Names.RoleName(sa);
        await DeleteIgnoringMissingAsync(member, ClusterApi.ClusterRoleBindings, null, role, ct).ConfigureAwait(false);
        await DeleteIgnoringMissingAsync(member, ClusterApi.ClusterRoles, null, role, ct).ConfigureAwait(false);
        var others = (await member.ListAsync(ClusterApi.ServiceAccounts, ns, null, ct).ConfigureAwait(false)).Items
            .Select(o => o.Name()).Where(n => n is not null && n != sa && n != ImpersonatorServiceAccount && n != "default").ToList();
        if (others.Count == 0)
        {
            await DeleteIgnoringMissingAsync(member, ClusterApi.Namespaces, null, ns, ct).ConfigureAwait(false);
            return;
        }
        await DeleteIgnoringMissingAsync(member, ClusterApi.Secrets, ns, ImpersonatorServiceAccount, ct).ConfigureAwait(false);
        await DeleteIgnoringMissingAsync(member, ClusterApi.ServiceAccounts, ns, ImpersonatorServiceAccount, ct).ConfigureAwait(false);
        await DeleteIgnoringMissingAsync(member, ClusterApi.ServiceAccounts, ns, sa, ct).ConfigureAwait(false);
        await DeleteIgnoringMissingAsync(member, ClusterApi.Secrets, ns, sa, ct).ConfigureAwait(false);
    }

    private static async Task DeleteIgnoringMissingAsync(IKubeClient client, GroupVersionResource resource, string? ns, string name, CancellationToken ct)
    {
        try { await client.DeleteAsync(resource, ns, name, null, ct).ConfigureAwait(false); }
        catch (ApiStatusException e) when (e.IsNotFound) { }
    }

    private static async Task<(byte[] Token, byte[]? Ca)> WaitForTokenAsync(IKubeClient member, string ns, string secretName, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var secret = await member.GetAsync(ClusterApi.Secrets, ns, secretName, ct).ConfigureAwait(false);
            var data = secret?["data"] as JsonObject;
            if (Decode(data.GetString("token")) is { Length: > 0 } token) return (token, Decode(data.GetString("ca.crt")));
            if (DateTimeOffset.UtcNow >= deadline)
                throw new ClusterRegistrationException(
                    $"the member did not fill the token of service account {ns}/{secretName} within {timeout.TotalSeconds:0}s (is its token controller running?)");
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    private static byte[]? Decode(string? b64)
    {
        if (string.IsNullOrEmpty(b64)) return null;
        try { return Convert.FromBase64String(b64); }
        catch (FormatException) { return Encoding.UTF8.GetBytes(b64); }
    }

    private static async Task EnsureAsync(IKubeClient client, GroupVersionResource resource, string? ns, JsonObject obj,
        Stack<(IKubeClient, GroupVersionResource, string?, string)> undo, CancellationToken ct)
    {
        if (await client.GetAsync(resource, ns, obj.Name()!, ct).ConfigureAwait(false) is not null) return;
        try
        {
            await CreateAsync(client, resource, obj, undo, ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsAlreadyExists)
        {
        }
    }

    private static async Task<JsonObject> CreateAsync(IKubeClient client, GroupVersionResource resource, JsonObject obj,
        Stack<(IKubeClient, GroupVersionResource, string?, string)> undo, CancellationToken ct)
    {
        var created = await client.CreateAsync(resource, obj, null, ct).ConfigureAwait(false);
        undo.Push((client, resource, obj.Namespace(), obj.Name()!));
        return created;
    }

    private static async Task RollBackAsync(Stack<(IKubeClient Client, GroupVersionResource Resource, string? Ns, string Name)> undo)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (undo.TryPop(out var item))
        {
            try { await item.Client.DeleteAsync(item.Resource, item.Ns, item.Name, null, cts.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is ApiStatusException or HttpRequestException or OperationCanceledException) { }
        }
    }

    private static JsonObject NamespaceObject(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    private static JsonObject ServiceAccountObject(string ns, string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ServiceAccount",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
    };

    private static JsonObject TokenSecretObject(string ns, string serviceAccount) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject
        {
            ["name"] = serviceAccount,
            ["namespace"] = ns,
            ["annotations"] = new JsonObject { [ClusterApi.ServiceAccountNameAnnotation] = serviceAccount },
        },
        ["type"] = ClusterApi.ServiceAccountTokenType,
    };

    private static JsonObject SecretObject(string ns, string name, JsonObject data) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["type"] = "Opaque",
        ["data"] = data,
    };

    private static JsonObject ClusterRoleObject(string name) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRole",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["rules"] = new JsonArray(
            new JsonObject
            {
                ["apiGroups"] = new JsonArray("*"),
                ["resources"] = new JsonArray("*"),
                ["verbs"] = new JsonArray("*"),
            },
            new JsonObject
            {
                ["nonResourceURLs"] = new JsonArray("*"),
                ["verbs"] = new JsonArray("get"),
            }),
    };

    private static JsonObject ClusterRoleBindingObject(string name, string ns, string serviceAccount) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["roleRef"] = new JsonObject
        {
            ["apiGroup"] = "rbac.authorization.k8s.io",
            ["kind"] = "ClusterRole",
            ["name"] = name,
        },
        ["subjects"] = new JsonArray(new JsonObject
        {
            ["kind"] = "ServiceAccount",
            ["name"] = serviceAccount,
            ["namespace"] = ns,
        }),
    };
}
