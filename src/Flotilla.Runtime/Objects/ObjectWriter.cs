using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.Runtime.Objects;

/// <summary>
/// Write helpers every controller needs, each reporting whether it wrote (controller-runtime's controllerutil).
/// Updates carry the object's resourceVersion, so a stale read surfaces as a 409 Conflict (and the reconcile is
/// requeued) rather than silently overwriting someone else's change.
/// </summary>
public static class ObjectWriter
{
    private static readonly WriteOptions StatusWrite = new() { Subresource = "status" };

    /// <summary>
    /// Gets the live object named by <paramref name="desired"/>; creates <paramref name="desired"/> when missing
    /// (after <paramref name="mutate"/>, if given); otherwise applies <paramref name="mutate"/> — or, when null, a
    /// deep merge of <paramref name="desired"/>'s fields (other than status and server-set metadata) — onto a copy of
    /// the live object and updates only when that changed something. Fields the server set (defaults, uid, ...) are
    /// left alone, so a second call with the same desired state writes nothing.
    /// </summary>
    /// <remarks>The default merge replaces arrays wholesale and never removes fields the desired object lacks;
    /// pass <paramref name="mutate"/> for exact control.</remarks>
    public static async Task<WriteOutcome> CreateOrUpdateAsync(IKubeClient client, GroupVersionResource resource, JsonObject desired,
        Action<JsonObject>? mutate, CancellationToken ct)
    {
        var name = desired.Name() ?? throw new ArgumentException("desired object has no metadata.name", nameof(desired));
        var live = await client.GetAsync(resource, desired.Namespace(), name, ct).ConfigureAwait(false);
        return await CreateOrUpdateCoreAsync(client, resource, desired, live, mutate, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="CreateOrUpdateAsync(IKubeClient, GroupVersionResource, JsonObject, Action{JsonObject}?, CancellationToken)"/>
    /// reading the live object from an informer cache instead of the API (no GET per reconcile). A stale cache
    /// surfaces as 409 Conflict / AlreadyExists, and the reconcile is requeued.
    /// </summary>
    public static Task<WriteOutcome> CreateOrUpdateAsync(IKubeClient client, GroupVersionResource resource, JsonObject desired,
        Action<JsonObject>? mutate, Informers.ObjectCache cache, CancellationToken ct)
    {
        var name = desired.Name() ?? throw new ArgumentException("desired object has no metadata.name", nameof(desired));
        return CreateOrUpdateCoreAsync(client, resource, desired, cache.Get(desired.Namespace(), name), mutate, ct);
    }

    private static async Task<WriteOutcome> CreateOrUpdateCoreAsync(IKubeClient client, GroupVersionResource resource, JsonObject desired,
        JsonObject? live, Action<JsonObject>? mutate, CancellationToken ct)
    {
        if (live is null)
        {
            var toCreate = desired.DeepCloneObject();
            mutate?.Invoke(toCreate);
            CheckIdentity(toCreate, desired);
            return new(OperationResult.Created, await client.CreateAsync(resource, toCreate, null, ct).ConfigureAwait(false));
        }
        var next = live.DeepCloneObject();
        if (mutate is not null) mutate(next);
        else MergeDesired(next, desired);
        CheckIdentity(next, desired);
        if (JsonNode.DeepEquals(live, next)) return new(OperationResult.Unchanged, live);
        return new(OperationResult.Updated, await client.UpdateAsync(resource, next, null, ct).ConfigureAwait(false));
    }

    /// <summary>Adds <paramref name="finalizer"/> unless present (or the object is being deleted: the API forbids
    /// new finalizers then).</summary>
    public static async Task<WriteOutcome> EnsureFinalizerAsync(IKubeClient client, GroupVersionResource resource, JsonObject obj,
        string finalizer, CancellationToken ct)
    {
        if (obj.HasFinalizer(finalizer) || obj.IsDeleting()) return new(OperationResult.Unchanged, obj);
        var next = obj.DeepCloneObject();
        next.AddFinalizer(finalizer);
        return new(OperationResult.Updated, await client.UpdateAsync(resource, next, null, ct).ConfigureAwait(false));
    }

    /// <summary>Removes <paramref name="finalizer"/> if present. Removing the last finalizer of an object being
    /// deleted lets the API delete it.</summary>
    public static async Task<WriteOutcome> RemoveFinalizerAsync(IKubeClient client, GroupVersionResource resource, JsonObject obj,
        string finalizer, CancellationToken ct)
    {
        if (!obj.HasFinalizer(finalizer)) return new(OperationResult.Unchanged, obj);
        var next = obj.DeepCloneObject();
        next.RemoveFinalizer(finalizer);
        try
        {
            return new(OperationResult.Updated, await client.UpdateAsync(resource, next, null, ct).ConfigureAwait(false));
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            return new(OperationResult.Updated, next); // already gone: nothing left to hold
        }
    }

    /// <summary>Writes <paramref name="status"/> through the status subresource (or the main resource when
    /// <paramref name="useSubresource"/> is false) only when it differs from <paramref name="obj"/>'s status.</summary>
    public static async Task<WriteOutcome> UpdateStatusIfChangedAsync(IKubeClient client, GroupVersionResource resource, JsonObject obj,
        JsonNode? status, CancellationToken ct, bool useSubresource = true)
    {
        if (JsonNode.DeepEquals(obj["status"], status)) return new(OperationResult.Unchanged, obj);
        JsonObject next;
        if (useSubresource)
        {
            // The status subresource takes only the status (and the identity and resourceVersion in metadata): the
            // server keeps its own copy of everything else, so the rest of the object is not copied into the request.
            next = new JsonObject { ["apiVersion"] = obj["apiVersion"]?.DeepClone(), ["kind"] = obj["kind"]?.DeepClone(), ["metadata"] = obj["metadata"]?.DeepClone() };
        }
        else next = obj.DeepCloneObject();
        if (status is null) next.Remove("status");
        else next["status"] = status.DeepClone();
        var written = await client.UpdateAsync(resource, next, useSubresource ? StatusWrite : null, ct).ConfigureAwait(false);
        return new(OperationResult.Updated, written);
    }

    /// <summary>Like <see cref="UpdateStatusIfChangedAsync"/> but computes the new status from a copy of the current
    /// one: <paramref name="mutateStatus"/> edits the status object in place.</summary>
    public static Task<WriteOutcome> UpdateStatusIfChangedAsync(IKubeClient client, GroupVersionResource resource, JsonObject obj,
        Action<JsonObject> mutateStatus, CancellationToken ct, bool useSubresource = true)
    {
        var status = obj["status"] is JsonObject s ? (JsonObject)s.DeepClone() : new JsonObject();
        mutateStatus(status);
        return UpdateStatusIfChangedAsync(client, resource, obj, status, ct, useSubresource);
    }

    /// <summary>Deep-merges <paramref name="desired"/> into <paramref name="target"/>: objects recurse, everything
    /// else is replaced; status and server-set metadata are skipped.</summary>
    public static void MergeDesired(JsonObject target, JsonObject desired)
    {
        foreach (var (key, value) in desired)
        {
            if (key == "status") continue;
            if (key == "metadata")
            {
                if (value is not JsonObject dm) continue;
                var tm = target.Metadata();
                foreach (var (mk, mv) in dm)
                {
                    if (ServerSetMetadata.Contains(mk)) continue;
                    if (mv is JsonObject mo && tm[mk] is JsonObject to) MergeObjects(to, mo);
                    else tm[mk] = mv?.DeepClone();
                }
                continue;
            }
            if (value is JsonObject o && target[key] is JsonObject t) MergeObjects(t, o);
            else target[key] = value?.DeepClone();
        }
    }

    private static void MergeObjects(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject o && target[key] is JsonObject t) MergeObjects(t, o);
            else target[key] = value?.DeepClone();
        }
    }

    private static void CheckIdentity(JsonObject obj, JsonObject desired)
    {
        if (obj.Name() != desired.Name() || obj.Namespace() != desired.Namespace())
            throw new InvalidOperationException("mutate must not change the object's name or namespace");
    }

    private static readonly HashSet<string> ServerSetMetadata = new(StringComparer.Ordinal)
    {
        "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
        "managedFields", "selfLink", "name", "namespace", "generateName",
    };
}
