using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.PatchSupport;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Schema;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Storage;

namespace Flotilla.ApiServer;

public sealed partial class KubeApi
{
    /// <summary>Reads one object; 404 NotFound when absent.</summary>
    public async Task<StoredObject> GetAsync(ServedResource r, string? ns, string name, CancellationToken ct)
    {
        var found = await TryGetAsync(r, ns, name, ct).ConfigureAwait(false);
        return found ?? throw ApiErrors.NotFound(r.GroupResource, name);
    }

    public async Task<StoredObject?> TryGetAsync(ServedResource r, string? ns, string name, CancellationToken ct)
    {
        if (r.Namespaced && string.IsNullOrEmpty(ns)) throw ApiErrors.BadRequest("the server could not find the requested resource (namespace is required)");
        var res = await Storage.GetAsync(r.Key(ns, name), 0, ct).ConfigureAwait(false);
        return res.Entry is { } e ? new StoredObject(r, e.Value, e.ModRevision) : null;
    }

    /// <summary>PUT: replaces the object (or, with <paramref name="subresource"/> "status", only its status).
    /// <paramref name="obj"/> is only read: the write works on its own copy.</summary>
    public Task<StoredObject> UpdateAsync(ServedResource r, string? ns, string name, JsonObject obj, string? subresource, WriteParams p, CancellationToken ct)
    {
        ValidateTypeMeta(r, obj);
        var meta = obj.Metadata();
        var bodyName = meta.GetString("name");
        if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        if (r.Namespaced)
        {
            var bodyNs = meta.GetString("namespace");
            if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        var precondition = ParseResourceVersion(meta.GetString("resourceVersion"));
        return UpdateCoreAsync(r, ns, name, subresource, p, precondition, _ => obj.DeepCloneObject(), ct, mutateReadsCurrent: false);
    }

    /// <summary>PATCH with one of the four patch types; server-side apply creates the object when absent.</summary>
    public async Task<StoredObject> PatchAsync(ServedResource r, string? ns, string name, PatchType type, ReadOnlyMemory<byte> patch,
        string? subresource, WriteParams p, CancellationToken ct)
    {
        if (type == PatchType.Apply && subresource is null)
        {
            var existing = await TryGetAsync(r, ns, name, ct).ConfigureAwait(false);
            if (existing is null)
            {
                var created = PatchApplier.Apply(type, null, patch.Span, r, p, Time.GetUtcNow(), PatchMeta, null, applied => CheckAppliedFields(r, ns, name, applied));
                created.Metadata()["name"] = name;
                if (r.Namespaced) created.Metadata()["namespace"] = ns;
                return await CreateAsync(r, ns, created, p with { ManagedFieldsDone = true }, ct).ConfigureAwait(false);
            }
        }
        long? precondition = null;
        if (type == PatchType.Apply) p = p with { ManagedFieldsDone = true };
        var wp = p;
        return await UpdateCoreAsync(r, ns, name, subresource, p, null, current =>
        {
            var patched = PatchApplier.Apply(type, current, patch.Span, r, wp, Time.GetUtcNow(), PatchMeta, subresource, applied => CheckAppliedFields(r, ns, name, applied));
            var rv = patched.ResourceVersion();
            if (rv is not null && rv != current.ResourceVersion()) precondition = ParseResourceVersion(rv);
            if (precondition is { } pre && pre.ToString(CultureInfo.InvariantCulture) != current.ResourceVersion())
                throw ApiErrors.Conflict(r.GroupResource, name, ApiErrors.StaleObjectMessage);
            return patched;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>A server-side apply configuration may only name fields the kind's schema declares (400 otherwise,
    /// whatever fieldValidation says, as kube-apiserver's typed conversion of the applied configuration).</summary>
    private void CheckAppliedFields(ServedResource r, string? ns, string name, JsonObject applied)
    {
        if (Schemas is not SchemaRegistry schemas || schemas.GetRootSchema(r.Resource.Gvk) is not { } root) return;
        var paths = new Patch.FieldPaths(PatchMeta, r.Resource.Gvk);
        var undeclared = Patch.UndeclaredFields.Find(schemas, root, applied, paths);
        if (undeclared.Count > 0)
        {
            var meta = applied["metadata"] as JsonObject;
            throw Patch.UndeclaredFields.Error(r.Resource.Gvk, meta.GetString("namespace") ?? ns, meta.GetString("name") ?? name, undeclared);
        }
    }

    /// <summary>The read-modify-write loop shared by update, patch, status, scale and finalizer removal: reads the
    /// current object, applies <paramref name="mutate"/> to a copy, applies the update rules (immutable metadata,
    /// status subresource, generation, admission) and writes with compare-and-swap, retrying on a lost race unless
    /// <paramref name="precondition"/> pins the resourceVersion. <paramref name="mutate"/> gets its own copy of the
    /// current object unless <paramref name="mutateReadsCurrent"/> is false (a replacement that ignores it).</summary>
    public async Task<StoredObject> UpdateCoreAsync(ServedResource r, string? ns, string name, string? subresource, WriteParams p,
        long? precondition, Func<JsonObject, JsonObject> mutate, CancellationToken ct, bool mutateReadsCurrent = true)
    {
        var statusOnly = subresource == "status";
        if (subresource is not null && subresource != "status" && subresource != "finalize")
            throw ApiErrors.NotFound(r.GroupResource + "/" + subresource, name);
        if (subresource == "status" && !r.HasStatus)
            throw ApiErrors.NotFound(r.GroupResource + "/status", name); // the kind has no status subresource
        var key = r.Key(ns, name);
        var addresses = subresource is null && IsServiceResource(r) ? await ServiceAddressesAsync(ct).ConfigureAwait(false) : null;
        for (var attempt = 0; ; attempt++)
        {
            var res = await Storage.GetAsync(key, 0, ct).ConfigureAwait(false);
            if (res.Entry is not { } cur) throw ApiErrors.NotFound(r.GroupResource, name);
            if (precondition is { } pre && pre != cur.ModRevision)
                throw ApiErrors.Conflict(r.GroupResource, name, ApiErrors.StaleObjectMessage);
            var old = new StoredObject(r, cur.Value, cur.ModRevision).ToObject();
            var desired = mutate(mutateReadsCurrent ? old.DeepCloneObject() : old);
            CheckTypeMeta(r, desired);
            var next = Merge(r, old, desired, subresource);
            if (subresource is null && IsCrdResource(r)) CrdSupport.Validate(next);
            if (addresses is not null) ServiceAddresses.KeepAllocated(old, next);
            p.Warnings.AddRange(Admission.Decode(new AdmissionRequest(r.Resource, AdmissionOperation.Update, next, old, subresource, p.FieldValidation)));
            if (!p.ManagedFieldsDone) next = PatchApplier.RecordManagedFields(old, next, r, p, Time.GetUtcNow(), subresource, PatchMeta);
            p.Warnings.AddRange(Admission.Admit(new AdmissionRequest(r.Resource, AdmissionOperation.Update, next, old, subresource, p.FieldValidation, Decoded: true)));
            // The strategy bumps the generation after defaulting and mutating admission (kube-apiserver's
            // BeforeUpdate), so a write that admission turns back into the stored spec changes nothing. A status
            // write keeps the stored spec and metadata, so its generation stays.
            if (!statusOnly) SetGeneration(r, old, next);
            addresses?.Assign(next, old);
            next = r.ToStorage(next);
            var written = false;
            try
            {
                var meta = next.Metadata();
                if (meta.GetString("deletionTimestamp") is not null && meta["finalizers"] is not JsonArray { Count: > 0 } && !IsNamespaceHeldBySpec(r, next))
                {
                    // The last finalizer is gone: the object goes now.
                    var finalBytes = ObjectSerializer.Serialize(next);
                    if (p.DryRun) return new StoredObject(r, finalBytes, cur.ModRevision);
                    var del = await Storage.DeleteAsync(key, cur.ModRevision, ct).ConfigureAwait(false);
                    if (del.Succeeded)
                    {
                        AfterDelete(r, next);
                        return new StoredObject(r, finalBytes, del.Revision);
                    }
                    if (precondition is not null) throw ApiErrors.Conflict(r.GroupResource, name, ApiErrors.StaleObjectMessage);
                    continue;
                }

                var bytes = ObjectSerializer.Serialize(next);
                if (bytes.AsSpan().SequenceEqual(cur.Value.Span)) return new StoredObject(r, cur.Value, cur.ModRevision);
                if (p.DryRun) return new StoredObject(r, bytes, cur.ModRevision);
                var w = await Storage.UpdateAsync(key, bytes, cur.ModRevision, ct).ConfigureAwait(false);
                if (w.Succeeded)
                {
                    written = true;
                    AfterWrite(r, next);
                    return new StoredObject(r, bytes, w.Revision);
                }
                if (precondition is not null || attempt > 50) throw ApiErrors.Conflict(r.GroupResource, name, ApiErrors.StaleObjectMessage);
            }
            finally
            {
                // addresses this attempt took are given back unless it was written; the written one frees the old ones
                if (written) addresses?.ReleaseDropped(old, next); else addresses?.ReleaseDropped(next, old);
            }
        }
    }

    private static bool IsNamespaceHeldBySpec(ServedResource r, JsonObject ns) =>
        r.Group.Length == 0 && r.Plural == "namespaces" && (ns["spec"] as JsonObject)?["finalizers"] is JsonArray { Count: > 0 };

    /// <summary>Combines the stored object and the requested one as Kubernetes' update strategies do.</summary>
    private static JsonObject Merge(ServedResource r, JsonObject old, JsonObject desired, string? subresource)
    {
        JsonObject next;
        var oldMeta = old.Metadata();
        if (subresource == "status")
        {
            // desired is this write's own copy: its status moves over instead of being cloned.
            next = old.DeepCloneObject();
            if (desired["status"] is { } st)
            {
                desired.Remove("status");
                next["status"] = st;
            }
            else next.Remove("status");
            return next;
        }
        if (subresource == "finalize")
        {
            next = old.DeepCloneObject();
            var spec = next["spec"] as JsonObject ?? new JsonObject();
            next["spec"] = spec;
            if ((desired["spec"] as JsonObject)?["finalizers"] is { } f) spec["finalizers"] = f.DeepClone(); else spec.Remove("finalizers");
            return next;
        }
        next = desired;
        var meta = next.Metadata();
        meta["name"] = oldMeta["name"]?.DeepClone();
        if (r.Namespaced) meta["namespace"] = oldMeta["namespace"]?.DeepClone();
        meta["uid"] = oldMeta["uid"]?.DeepClone();
        meta["creationTimestamp"] = oldMeta["creationTimestamp"]?.DeepClone();
        CopyOrRemove(oldMeta, meta, "deletionTimestamp");
        CopyOrRemove(oldMeta, meta, "deletionGracePeriodSeconds");
        meta.Remove("generateName");
        if (oldMeta["generateName"] is { } gn) meta["generateName"] = gn.DeepClone();
        if (meta["managedFields"] is null && oldMeta["managedFields"] is { } mf) meta["managedFields"] = mf.DeepClone();
        meta.Remove("resourceVersion");
        if (r.HasStatus)
        {
            if (old["status"] is { } st) next["status"] = st.DeepClone(); else next.Remove("status");
        }
        if (r.Group.Length == 0 && r.Plural == "namespaces")
        {
            // spec.finalizers only change through /finalize.
            var spec = next["spec"] as JsonObject ?? new JsonObject();
            next["spec"] = spec;
            if ((old["spec"] as JsonObject)?["finalizers"] is { } f) spec["finalizers"] = f.DeepClone(); else spec.Remove("finalizers");
        }
        return next;
    }

    /// <summary>metadata.generation: the stored one, plus one when the spec (everything but metadata and, for kinds
    /// with a status subresource, status) changed.</summary>
    private static void SetGeneration(ServedResource r, JsonObject old, JsonObject next)
    {
        var meta = next.Metadata();
        if (!r.SetsGeneration)
        {
            meta.Remove("generation");
            return;
        }
        var gen = old.Generation();
        if (gen == 0) gen = 1;
        if (ObjectSerializer.SpecChanged(old, next, r.HasStatus)) gen++;
        meta["generation"] = gen;
    }

    private static void CopyOrRemove(JsonObject from, JsonObject to, string field)
    {
        if (from[field] is { } v) to[field] = v.DeepClone(); else to.Remove(field);
    }

    internal static long? ParseResourceVersion(string? rv)
    {
        if (string.IsNullOrEmpty(rv)) return null;
        if (!long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            throw ApiErrors.BadRequest($"invalid resource version: {rv}");
        return v;
    }

    // ---- scale subresource (autoscaling/v1 Scale) ----

    public async Task<JsonObject> GetScaleAsync(ServedResource r, string? ns, string name, CancellationToken ct)
    {
        var s = r.Resource.Scale ?? throw ApiErrors.NotFound(r.GroupResource + "/scale", name);
        var obj = (await GetAsync(r, ns, name, ct).ConfigureAwait(false)).ToObject();
        return ToScale(obj, s);
    }

    public async Task<JsonObject> UpdateScaleAsync(ServedResource r, string? ns, string name, Func<JsonObject, JsonObject> change, WriteParams p, CancellationToken ct)
    {
        var s = r.Resource.Scale ?? throw ApiErrors.NotFound(r.GroupResource + "/scale", name);
        var stored = await UpdateCoreAsync(r, ns, name, null, p, null, current =>
        {
            var scale = change(ToScale(current, s));
            if (scale.ResourceVersion() is { } rv && rv != current.ResourceVersion())
                throw ApiErrors.Conflict(r.GroupResource, name, ApiErrors.StaleObjectMessage);
            var replicas = (scale["spec"] as JsonObject)?["replicas"];
            long n = 0;
            if (replicas is JsonValue v && !long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n))
                throw ApiErrors.BadRequest("spec.replicas must be an integer");
            if (n < 0)
                throw ApiErrors.Invalid("Scale", "autoscaling", name, [new StatusCause(StatusReasons.FieldValueInvalid, $"Invalid value: {n}: must be greater than or equal to 0", "spec.replicas")]);
            SetPath(current, s.SpecReplicasPath, JsonValue.Create(n));
            return current;
        }, ct).ConfigureAwait(false);
        return ToScale(stored.ToObject(), s);
    }

    private static JsonObject ToScale(JsonObject obj, ScaleSubresource s)
    {
        var meta = obj.Metadata();
        var status = new JsonObject { ["replicas"] = obj.At(s.StatusReplicasPath)?.DeepClone() ?? 0 };
        string? selector = null;
        if (s.LabelSelectorPath is { } lp && obj.At(lp) is JsonValue sv && sv.TryGetValue<string>(out var ss)) selector = ss;
        else if ((obj["spec"] as JsonObject)?["selector"] is JsonObject sel) selector = Core.Selectors.LabelSelector.FromJson(sel).ToString();
        if (selector is not null) status["selector"] = selector;
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta["name"]?.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["uid"] = meta["uid"]?.DeepClone(),
                ["resourceVersion"] = meta["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj.At(s.SpecReplicasPath)?.DeepClone() ?? 0 },
            ["status"] = status,
        };
    }

    private static void SetPath(JsonObject obj, string dotted, JsonNode? value)
    {
        var parts = dotted.TrimStart('.').Split('.');
        var cur = obj;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (cur[parts[i]] is not JsonObject next) { next = new JsonObject(); cur[parts[i]] = next; }
            cur = next;
        }
        cur[parts[^1]] = value;
    }

    internal void AfterDelete(ServedResource r, JsonObject obj)
    {
        if (IsServiceResource(r)) Volatile.Read(ref _serviceAddresses)?.Release(obj);
        if (IsCrdResource(r))
        {
            Registry.RemoveCrd(obj.Name()!);
            Schemas.UnregisterCrd(obj);
            return;
        }
        if (r.Group.Length == 0 && r.Plural == "namespaces") NoteNamespace(obj.Name()!, exists: false, terminating: false);
        else if (r.Group.Length == 0 && r.Plural == "secrets") Tokens.Invalidate();
    }

    internal static StoredObject FromEntry(ServedResource r, KeyValue kv) => new(r, kv.Value, kv.ModRevision);
}
