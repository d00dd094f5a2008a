using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Selectors;
using Flotilla.TestKit.Fakes;

namespace Flotilla.TestKit;

/// <summary>
/// An in-memory Kubernetes API for unit tests (the counterpart of controller-runtime's fake client).
/// Seed it with <see cref="ApiResource"/>s and objects; it keeps API semantics: a global resourceVersion counter,
/// uid and creationTimestamp on create, generation bumped on changes outside metadata (and status, for kinds with a
/// status subresource), 409 AlreadyExists / Conflict, Get ⇒ null when missing, list with label/field selectors and
/// paging, watch from a resourceVersion, deletion honouring finalizers, the status subresource, merge and JSON patch.
/// Every request is recorded in <see cref="Actions"/> so tests can assert on writes; <see cref="AddReactor"/> injects
/// failures. Objects handed out are always copies.
/// </summary>
/// <remarks>Simplifications: strategic-merge and apply patches are applied as JSON merge patches; deletion
/// propagation policies are ignored (no garbage collector); a paged list serves later pages from the current state.</remarks>
public sealed partial class FakeKubeClient : IKubeClient
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<GroupVersionResource, ApiResource> _resources = [];
    private readonly Dictionary<GroupVersionResource, SortedDictionary<ObjectKey, JsonObject>> _objects = [];
    private readonly List<FakeAction> _actions = [];
    private readonly List<FakeReactor> _reactors = [];
    private long _revision;

    /// <param name="resources">Resources to serve; null ⇒ <see cref="FakeResources.Defaults"/>.</param>
    /// <param name="time">Clock for creationTimestamp and deletionTimestamp; null ⇒ <see cref="TimeProvider.System"/>.</param>
    public FakeKubeClient(IEnumerable<ApiResource>? resources = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        foreach (var r in resources ?? FakeResources.Defaults) AddResource(r);
    }

    /// <summary>The last resourceVersion handed out.</summary>
    public long CurrentRevision { get { lock (_gate) return _revision; } }

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<FakeAction> Actions { get { lock (_gate) return [.. _actions]; } }

    /// <summary>The create/update/patch/delete requests received so far.</summary>
    public IReadOnlyList<FakeAction> WriteActions { get { lock (_gate) return _actions.Where(a => a.IsWrite).ToList(); } }

    public void ClearActions() { lock (_gate) _actions.Clear(); }

    /// <summary>Adds a hook consulted on every request (after it is recorded); a non-null result is thrown.</summary>
    public void AddReactor(FakeReactor reactor) { lock (_gate) _reactors.Add(reactor); }

    public void ClearReactors() { lock (_gate) _reactors.Clear(); }

    /// <summary>Starts serving a resource (e.g. a CRD becoming established).</summary>
    public void AddResource(ApiResource resource)
    {
        lock (_gate)
        {
            _resources[resource.Gvr] = resource;
            if (!_objects.ContainsKey(resource.Gvr)) _objects[resource.Gvr] = new SortedDictionary<ObjectKey, JsonObject>(KeyComparer.Instance);
        }
    }

    /// <summary>Stops serving a resource: requests for it answer 404 (objects are kept for when it comes back).</summary>
    public void RemoveResource(GroupVersionResource gvr) { lock (_gate) _resources.Remove(gvr); }

    /// <summary>Stores objects as they are (status included, no reactors, not recorded), filling in uid,
    /// creationTimestamp, generation and resourceVersion. Their resource is found from apiVersion and kind.</summary>
    public void Seed(params JsonObject[] objects)
    {
        lock (_gate)
        {
            foreach (var o in objects)
            {
                var res = ResourceForKindLocked(o.Gvk());
                var obj = o.DeepCloneObject();
                var meta = obj.Metadata();
                if (!res.Namespaced) meta.Remove("namespace");
                else if (string.IsNullOrEmpty(obj.Namespace())) meta["namespace"] = "default";
                var key = obj.Key();
                if (_objects[res.Gvr].ContainsKey(key)) throw ApiErrors.AlreadyExists(res.GroupResource, key.Name);
                meta["uid"] ??= Guid.NewGuid().ToString();
                meta["creationTimestamp"] ??= Now();
                if (obj.Generation() == 0) meta["generation"] = 1L;
                meta["resourceVersion"] = Next();
                _objects[res.Gvr][key] = obj;
                Publish(res.Gvr, WatchEventType.Added, obj, null);
            }
        }
    }

    /// <summary>Reads the stored object without recording a request (for assertions); null when missing.</summary>
    public JsonObject? Peek(GroupVersionResource gvr, string? ns, string name)
    {
        lock (_gate)
            return _objects.TryGetValue(gvr, out var m) && m.TryGetValue(new ObjectKey(ns ?? "", name), out var o) ? o.DeepCloneObject() : null;
    }

    /// <summary>All stored objects of a resource (copies), sorted by namespace and name; not recorded.</summary>
    public IReadOnlyList<JsonObject> Objects(GroupVersionResource gvr)
    {
        lock (_gate)
            return _objects.TryGetValue(gvr, out var m) ? m.Values.Select(o => o.DeepCloneObject()).ToList() : [];
    }

    public ValueTask<IReadOnlyList<ApiResource>> DiscoverAsync(CancellationToken ct)
    {
        lock (_gate) return ValueTask.FromResult<IReadOnlyList<ApiResource>>([.. _resources.Values]);
    }

    public ValueTask<ApiResource> ResolveAsync(GroupVersionKind gvk, CancellationToken ct)
    {
        lock (_gate)
        {
            foreach (var r in _resources.Values)
                if (r.Gvk == gvk) return ValueTask.FromResult(r);
        }
        throw new ApiStatusException(404, StatusReasons.NotFound, $"no matches for kind \"{gvk.Kind}\" in version \"{gvk.ApiVersion}\"");
    }

    public Task<JsonObject?> GetAsync(GroupVersionResource resource, string? ns, string name, CancellationToken ct)
    {
        lock (_gate)
        {
            var res = Begin(FakeVerbs.Get, resource, null, ns, name);
            return Task.FromResult(Store(res).TryGetValue(Key(res, ns, name), out var o) ? o.DeepCloneObject() : null);
        }
    }

    public Task<ObjectList> ListAsync(GroupVersionResource resource, string? ns, ListOptions? options, CancellationToken ct)
    {
        lock (_gate)
        {
            var res = Begin(FakeVerbs.List, resource, null, ns, null);
            var filter = new Filter(res, ns, options);
            var listRv = _revision;
            ObjectKey? after = null;
            if (!string.IsNullOrEmpty(options?.Continue))
            {
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(options.Continue)).Split('\n');
                if (parts.Length != 3) throw ApiErrors.BadRequest("invalid continue token");
                listRv = long.Parse(parts[0], CultureInfo.InvariantCulture);
                after = new ObjectKey(parts[1], parts[2]);
            }
            var items = new List<JsonObject>();
            string? cont = null;
            long remaining = 0;
            foreach (var (key, obj) in Store(res))
            {
                if (after is { } a && KeyComparer.Instance.Compare(key, a) <= 0) continue;
                if (!filter.Matches(obj)) continue;
                if (cont is not null) { remaining++; continue; }
                items.Add(obj.DeepCloneObject());
                if (options?.Limit is > 0 and var limit && items.Count == limit)
                    cont = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{listRv}\n{key.Namespace}\n{key.Name}"));
            }
            if (remaining == 0) cont = null;
            return Task.FromResult(new ObjectList
            {
                ResourceVersion = listRv.ToString(CultureInfo.InvariantCulture),
                Continue = cont,
                RemainingItemCount = cont is null ? null : remaining,
                Items = items,
            });
        }
    }

    public Task<JsonObject> CreateAsync(GroupVersionResource resource, JsonObject obj, WriteOptions? options, CancellationToken ct)
    {
        lock (_gate)
        {
            var candidate = obj.DeepCloneObject();
            var meta = candidate.Metadata();
            var ns = candidate.Namespace();
            if (string.IsNullOrEmpty(candidate.Name()) && candidate.Metadata().GetString("generateName") is { Length: > 0 } prefix)
                meta["name"] = prefix + RandomSuffix();
            var res = Begin(FakeVerbs.Create, resource, options, ns, candidate.Name());
            if (!string.IsNullOrEmpty(options?.Subresource)) throw ApiErrors.MethodNotSupported(res.GroupResource, "create");
            return Task.FromResult(CreateLocked(res, candidate, options?.DryRun == true));
        }
    }

    private JsonObject CreateLocked(ApiResource res, JsonObject candidate, bool dryRun)
    {
        var meta = candidate.Metadata();
        var ns = candidate.Namespace();
        var name = candidate.Name();
        if (string.IsNullOrEmpty(name))
            throw ApiErrors.Invalid(res.Kind, res.Group, "", [new StatusCause(StatusReasons.FieldValueRequired, "name or generateName is required", "metadata.name")]);
        if (res.Namespaced && string.IsNullOrEmpty(ns)) throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        if (!res.Namespaced) meta.Remove("namespace");
        var key = Key(res, ns, name);
        if (Store(res).ContainsKey(key)) throw ApiErrors.AlreadyExists(res.GroupResource, name);
        candidate["apiVersion"] = res.ApiVersion;
        candidate["kind"] = res.Kind;
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Now();
        meta["generation"] = 1L;
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("resourceVersion");
        if (res.HasStatus) candidate.Remove("status");
        if (dryRun) return candidate;
        meta["resourceVersion"] = Next();
        Store(res)[key] = candidate;
        Publish(res.Gvr, WatchEventType.Added, candidate, null);
        return candidate.DeepCloneObject();
    }

    public Task<JsonObject> UpdateAsync(GroupVersionResource resource, JsonObject obj, WriteOptions? options, CancellationToken ct)
    {
        lock (_gate)
        {
            var res = Begin(FakeVerbs.Update, resource, options, obj.Namespace(), obj.Name());
            var statusOnly = IsStatus(res, options);
            var key = Key(res, obj.Namespace(), obj.Name() ?? "");
            if (!Store(res).TryGetValue(key, out var existing)) throw ApiErrors.NotFound(res.GroupResource, key.Name);
            CheckPreconditions(res, existing, obj.Uid(), obj.ResourceVersion());
            return Task.FromResult(ApplyUpdateLocked(res, existing, obj.DeepCloneObject(), statusOnly, options?.DryRun == true));
        }
    }

    public Task<JsonObject> PatchAsync(GroupVersionResource resource, string? ns, string name, PatchType type, string patch, WriteOptions? options, CancellationToken ct)
    {
        lock (_gate)
        {
            var res = Begin(FakeVerbs.Patch, resource, options, ns, name);
            var statusOnly = IsStatus(res, options);
            var key = Key(res, ns, name);
            JsonNode? patchNode;
            try { patchNode = JsonNode.Parse(patch); }
            catch (System.Text.Json.JsonException e) { throw ApiErrors.BadRequest("invalid patch: " + e.Message); }
            if (!Store(res).TryGetValue(key, out var existing))
            {
                if (type != PatchType.Apply || patchNode is not JsonObject applied) throw ApiErrors.NotFound(res.GroupResource, name);
                var toCreate = applied.DeepCloneObject();
                toCreate.Metadata()["name"] = name;
                if (res.Namespaced) toCreate.Metadata()["namespace"] = ns;
                return Task.FromResult(CreateLocked(res, toCreate, options?.DryRun == true));
            }
            JsonNode? patched = type switch
            {
                PatchType.Json => patchNode is JsonArray ops ? JsonPatching.ApplyJsonPatch(existing, ops) : throw ApiErrors.BadRequest("json patch must be an array"),
                _ => JsonPatching.ApplyMergePatch(existing, patchNode),
            };
            if (patched is not JsonObject candidate) throw ApiErrors.BadRequest("patch did not produce an object");
            var patchedRv = candidate.ResourceVersion();
            if (patchedRv is not null && patchedRv != existing.ResourceVersion())
                throw ApiErrors.Conflict(res.GroupResource, name, ApiErrors.StaleObjectMessage);
            return Task.FromResult(ApplyUpdateLocked(res, existing, candidate, statusOnly, options?.DryRun == true));
        }
    }

    public Task<JsonObject?> DeleteAsync(GroupVersionResource resource, string? ns, string name, DeleteOptions? options, CancellationToken ct)
    {
        lock (_gate)
        {
            var res = Begin(FakeVerbs.Delete, resource, null, ns, name);
            var key = Key(res, ns, name);
            if (!Store(res).TryGetValue(key, out var existing)) return Task.FromResult<JsonObject?>(null);
            CheckPreconditions(res, existing, options?.PreconditionUid, options?.PreconditionResourceVersion);
            if (options?.DryRun == true) return Task.FromResult<JsonObject?>(existing.DeepCloneObject());
            if (existing.Finalizers().Count > 0)
            {
                if (existing.IsDeleting()) return Task.FromResult<JsonObject?>(existing.DeepCloneObject());
                var marked = existing.DeepCloneObject();
                marked.Metadata()["deletionTimestamp"] = Now();
                marked.Metadata()["deletionGracePeriodSeconds"] = 0L;
                marked.Metadata()["generation"] = existing.Generation() + 1; // as the API server does on graceful deletion
                marked.Metadata()["resourceVersion"] = Next();
                Store(res)[key] = marked;
                Publish(res.Gvr, WatchEventType.Modified, marked, existing);
                return Task.FromResult<JsonObject?>(marked.DeepCloneObject());
            }
            return Task.FromResult<JsonObject?>(RemoveLocked(res, key, existing));
        }
    }

    private JsonObject ApplyUpdateLocked(ApiResource res, JsonObject existing, JsonObject candidate, bool statusOnly, bool dryRun)
    {
        JsonObject next;
        if (statusOnly)
        {
            next = existing.DeepCloneObject();
            if (candidate["status"] is { } s) next["status"] = s.DeepClone();
            else next.Remove("status");
        }
        else
        {
            next = candidate;
            if (res.HasStatus)
            {
                if (existing["status"] is { } s) next["status"] = s.DeepClone();
                else next.Remove("status");
            }
            var meta = next.Metadata();
            var old = existing.Metadata();
            foreach (var f in (string[])["name", "namespace", "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"])
            {
                if (old[f] is { } v) meta[f] = v.DeepClone();
                else meta.Remove(f);
            }
            if (existing.IsDeleting() && next.Finalizers().Except(existing.Finalizers()).Any())
                throw ApiErrors.Invalid(res.Kind, res.Group, existing.Name() ?? "",
                    [new StatusCause(StatusReasons.FieldValueForbidden, "Forbidden: no new finalizers can be added if the object is being deleted", "metadata.finalizers")]);
            if (SpecChanged(res, existing, next)) meta["generation"] = existing.Generation() + 1;
        }
        next["apiVersion"] = res.ApiVersion;
        next["kind"] = res.Kind;
        next.Metadata()["resourceVersion"] = existing.ResourceVersion();
        if (JsonNode.DeepEquals(next, existing)) return existing.DeepCloneObject();
        if (dryRun) return next;
        var key = existing.Key();
        if (next.IsDeleting() && next.Finalizers().Count == 0) return RemoveLocked(res, key, next);
        next.Metadata()["resourceVersion"] = Next();
        Store(res)[key] = next;
        Publish(res.Gvr, WatchEventType.Modified, next, existing);
        return next.DeepCloneObject();
    }

    private JsonObject RemoveLocked(ApiResource res, ObjectKey key, JsonObject last)
    {
        var old = Store(res)[key];
        Store(res).Remove(key);
        var gone = last.DeepCloneObject();
        gone.Metadata()["resourceVersion"] = Next();
        Publish(res.Gvr, WatchEventType.Deleted, gone, old);
        return gone.DeepCloneObject();
    }

    private static bool SpecChanged(ApiResource res, JsonObject a, JsonObject b)
    {
        var x = a.DeepCloneObject();
        var y = b.DeepCloneObject();
        x.Remove("metadata");
        y.Remove("metadata");
        if (res.HasStatus) { x.Remove("status"); y.Remove("status"); }
        return !JsonNode.DeepEquals(x, y);
    }

    private static void CheckPreconditions(ApiResource res, JsonObject existing, string? uid, string? rv)
    {
        var name = existing.Name() ?? "";
        if (!string.IsNullOrEmpty(uid) && uid != existing.Uid())
            throw ApiErrors.Conflict(res.GroupResource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {existing.Uid()}");
        if (!string.IsNullOrEmpty(rv) && rv != existing.ResourceVersion())
            throw ApiErrors.Conflict(res.GroupResource, name, ApiErrors.StaleObjectMessage);
    }

    private static bool IsStatus(ApiResource res, WriteOptions? options)
    {
        var sub = options?.Subresource;
        if (string.IsNullOrEmpty(sub)) return false;
        if (sub == "status" && res.HasStatus) return true;
        throw new ApiStatusException(404, StatusReasons.NotFound, "the server could not find the requested resource");
    }

    /// <summary>Records the request, runs the reactors and resolves the resource (404 when not served).</summary>
    private ApiResource Begin(string verb, GroupVersionResource gvr, WriteOptions? options, string? ns, string? name)
    {
        var action = FakeActionExtensions.For(verb, gvr, options, ns, name);
        _actions.Add(action);
        foreach (var r in _reactors)
            if (r(action) is { } e) throw e;
        if (!_resources.TryGetValue(gvr, out var res))
            throw new ApiStatusException(404, StatusReasons.NotFound, "the server could not find the requested resource");
        return res;
    }

    private ApiResource ResourceForKindLocked(GroupVersionKind gvk)
    {
        foreach (var r in _resources.Values) if (r.Gvk == gvk) return r;
        throw new InvalidOperationException($"FakeKubeClient: no resource registered for {gvk}");
    }

    private SortedDictionary<ObjectKey, JsonObject> Store(ApiResource res) => _objects[res.Gvr];

    private static ObjectKey Key(ApiResource res, string? ns, string? name) =>
        new(res.Namespaced ? ns ?? "" : "", name ?? "");

    private string Next() => (++_revision).ToString(CultureInfo.InvariantCulture);

    private string Now() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        Span<char> s = stackalloc char[5];
        for (var i = 0; i < s.Length; i++) s[i] = alphabet[Random.Shared.Next(alphabet.Length)];
        return new string(s);
    }

    private sealed class KeyComparer : IComparer<ObjectKey>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(ObjectKey x, ObjectKey y)
        {
            var c = string.CompareOrdinal(x.Namespace, y.Namespace);
            return c != 0 ? c : string.CompareOrdinal(x.Name, y.Name);
        }
    }

    /// <summary>Namespace + label selector + field selector of a list or watch.</summary>
    private sealed class Filter
    {
        private readonly string? _ns;
        private readonly LabelSelector _labels;
        private readonly FieldSelector _fields;

        public Filter(ApiResource res, string? ns, ListOptions? options)
        {
            _ns = res.Namespaced && !string.IsNullOrEmpty(ns) ? ns : null;
            try
            {
                _labels = LabelSelector.Parse(options?.LabelSelector);
                _fields = FieldSelector.Parse(options?.FieldSelector);
            }
            catch (FormatException e) { throw ApiErrors.BadRequest(e.Message); }
        }

        public bool InNamespace(JsonObject obj) => _ns is null || obj.Namespace() == _ns;

        public bool Matches(JsonObject obj) =>
            InNamespace(obj) && _labels.Matches(obj.Labels()) && _fields.Matches(path => FieldValue(obj, path));

        private static string? FieldValue(JsonObject obj, string path) => path switch
        {
            "metadata.name" => obj.Name(),
            "metadata.namespace" => obj.Namespace() ?? "",
            _ => obj.At(path) switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v => v.ToJsonString(),
                null => "",
                var other => other.ToJsonString(),
            },
        };
    }
}
