using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Karmada;
using Flotilla.Storage;
using Microsoft.Extensions.Logging;

namespace Flotilla.ApiServer.Controllers;

/// <summary>
/// The garbage collector of kube-controller-manager, over ownerReferences: dependents of a deleted owner are deleted
/// (background), or have the reference removed when other owners remain; an owner deleted with Orphan keeps its
/// dependents (references removed, then the orphan finalizer); an owner deleted with Foreground has its dependents
/// deleted first and goes when no dependent with blockOwnerDeletion remains. Only objects with ownerReferences are
/// indexed, so memory stays proportional to the owned objects.
/// </summary>
internal sealed class GarbageCollector(KubeApi api)
{
    private readonly ILogger _logger = api.CreateLogger<GarbageCollector>();
    private readonly DelayedQueue<Work> _queue = new(api.Time);
    private readonly Lock _gate = new();
    // dependent storage key → its node
    private readonly Dictionary<string, Node> _dependents = new(StringComparer.Ordinal);
    // owner uid → dependent storage keys
    private readonly Dictionary<string, HashSet<string>> _byOwner = new(StringComparer.Ordinal);
    // owners waiting for their dependents (foreground): uid → storage key
    private readonly Dictionary<string, string> _waitingOwners = new(StringComparer.Ordinal);

    private sealed record Node(string Key, string Uid, IReadOnlyList<OwnerRef> Owners);
    private sealed record OwnerRef(string ApiVersion, string Kind, string Name, string Uid, bool BlockOwnerDeletion);
    private readonly record struct Work(bool OwnerDeleting, string Key);

    public async Task RunAsync(CancellationToken ct)
    {
        var worker = Task.Run(() => WorkAsync(ct), CancellationToken.None);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var rev = await InitialSyncAsync(ct).ConfigureAwait(false);
                await foreach (var (r, ev) in api.WatchAllAsync(rev, ct).ConfigureAwait(false)) Observe(r, ev);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Garbage collector watch failed; re-syncing");
                try { await Task.Delay(TimeSpan.FromMilliseconds(500), api.Time, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
        try { await worker.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    private async Task<long> InitialSyncAsync(CancellationToken ct)
    {
        lock (_gate) { _dependents.Clear(); _byOwner.Clear(); _waitingOwners.Clear(); }
        var rev = await api.Storage.CurrentRevisionAsync(ct).ConfigureAwait(false);
        var exact = new ListQuery { ResourceVersion = KubeApi.FormatRevision(rev), ResourceVersionMatch = "Exact" };
        foreach (var r in api.Registry.StoredResources)
        {
            string? cont = null;
            do
            {
                var page = await api.ListAsync(r, null, cont is null ? exact with { Limit = 500 } : new ListQuery { Limit = 500, Continue = cont }, ct).ConfigureAwait(false);
                foreach (var item in page.Items)
                {
                    if (!Contains(item.Json, "\"ownerReferences\""u8) && !Contains(item.Json, "\"deletionTimestamp\""u8)) continue;
                    var (ns, name) = Key(item);
                    ObservePut(r, r.Key(ns, name), item.Json, isNew: true);
                }
                cont = page.Continue;
            } while (cont is not null);
        }
        return rev;

        static (string? Namespace, string Name) Key(StoredObject o)
        {
            var obj = o.ToObject();
            return (obj.Namespace(), obj.Name()!);
        }
    }

    private void Observe(ServedResource r, StorageEvent ev)
    {
        if (ev.Kind == WatchEventKind.Put) ObservePut(r, ev.Entry.Key, ev.Entry.Value, ev.IsCreate);
        else ObserveDelete(ev.Entry.Key, ev.Entry.Value);
    }

    private static bool Contains(ReadOnlyMemory<byte> json, ReadOnlySpan<byte> token) => json.Span.IndexOf(token) >= 0;

    private void ObservePut(ServedResource r, string key, ReadOnlyMemory<byte> json, bool isNew)
    {
        var hasOwners = Contains(json, "\"ownerReferences\""u8);
        var deleting = Contains(json, "\"deletionTimestamp\""u8);
        bool tracked;
        lock (_gate) tracked = _dependents.ContainsKey(key);
        if (!hasOwners && !deleting && !tracked) return;
        var obj = KubeObject.Parse(json.Span);
        var uid = obj.Uid() ?? "";
        if (deleting && (obj.HasFinalizer(WellKnownFinalizers.OrphanDependents) || obj.HasFinalizer(WellKnownFinalizers.ForegroundDeletion)))
            _queue.Add(new Work(true, key));
        var owners = ReadOwners(obj);
        lock (_gate)
        {
            if (_dependents.TryGetValue(key, out var old))
            {
                foreach (var o in old.Owners) Unindex(o.Uid, key);
                _dependents.Remove(key);
            }
            if (owners.Count > 0)
            {
                _dependents[key] = new Node(key, uid, owners);
                foreach (var o in owners)
                {
                    if (!_byOwner.TryGetValue(o.Uid, out var set)) _byOwner[o.Uid] = set = new HashSet<string>(StringComparer.Ordinal);
                    set.Add(key);
                }
                if (isNew || old is null || !SameOwners(old.Owners, owners)) _queue.Add(new Work(false, key));
            }
        }
        _ = r;
    }

    private void ObserveDelete(string key, ReadOnlyMemory<byte> json)
    {
        var obj = KubeObject.Parse(json.Span);
        var uid = obj.Uid() ?? "";
        lock (_gate)
        {
            if (_dependents.Remove(key, out var node))
            {
                foreach (var o in node.Owners)
                {
                    Unindex(o.Uid, key);
                    if (_waitingOwners.TryGetValue(o.Uid, out var ownerKey)) _queue.Add(new Work(true, ownerKey));
                }
            }
            _waitingOwners.Remove(uid);
            if (_byOwner.TryGetValue(uid, out var deps))
                foreach (var d in deps) _queue.Add(new Work(false, d));
        }
    }

    private void Unindex(string ownerUid, string key)
    {
        if (_byOwner.TryGetValue(ownerUid, out var set) && set.Remove(key) && set.Count == 0) _byOwner.Remove(ownerUid);
    }

    private static bool SameOwners(IReadOnlyList<OwnerRef> a, IReadOnlyList<OwnerRef> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++) if (a[i] != b[i]) return false;
        return true;
    }

    private static List<OwnerRef> ReadOwners(JsonObject obj)
    {
        var list = new List<OwnerRef>();
        if (obj.Metadata()["ownerReferences"] is not JsonArray refs) return list;
        foreach (var n in refs.OfType<JsonObject>())
        {
            var block = n["blockOwnerDeletion"] is JsonValue b && b.TryGetValue<bool>(out var bv) && bv;
            list.Add(new OwnerRef(n.GetString("apiVersion") ?? "", n.GetString("kind") ?? "", n.GetString("name") ?? "", n.GetString("uid") ?? "", block));
        }
        return list;
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Work w;
            try { w = await _queue.TakeAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            try
            {
                var done = w.OwnerDeleting ? await ProcessOwnerAsync(w.Key, ct).ConfigureAwait(false) : await AttemptToDeleteAsync(w.Key, ct).ConfigureAwait(false);
                if (!done) _queue.AddAfter(w, TimeSpan.FromMilliseconds(200), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (ApiStatusException e) when (e.IsConflict) { _queue.Add(w); }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Garbage collection of {Key} failed; retrying", w.Key);
                _queue.AddAfter(w, TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private enum OwnerState { Solid, Dangling, Waiting }

    private async Task<OwnerState> OwnerStateAsync(OwnerRef o, string? dependentNs, CancellationToken ct)
    {
        var gv = GroupVersion.Parse(o.ApiVersion);
        var r = api.Registry.FindByKind(new GroupVersionKind(gv.Group, gv.Version, o.Kind));
        if (r is null)
        {
            // A version we do not serve: look for the kind in the group at any version.
            foreach (var s in api.Registry.StoredResources)
                if (s.Group == gv.Group && s.Kind == o.Kind) { r = s; break; }
        }
        if (r is null) return OwnerState.Solid; // unknown kind: never collect on a guess
        var owner = await api.TryGetAsync(r, r.Namespaced ? dependentNs : null, o.Name, ct).ConfigureAwait(false);
        if (owner is null) return OwnerState.Dangling;
        var obj = owner.ToObject();
        if (obj.Uid() != o.Uid) return OwnerState.Dangling;
        if (obj.IsDeleting() && obj.HasFinalizer(WellKnownFinalizers.ForegroundDeletion)) return OwnerState.Waiting;
        return OwnerState.Solid;
    }

    private async Task<bool> AttemptToDeleteAsync(string key, CancellationToken ct)
    {
        var r = api.ResourceOfKey(key);
        if (r is null) return true;
        var (ns, name) = KubeApi.NameOfKey(r, key);
        var stored = await api.TryGetAsync(r, ns, name, ct).ConfigureAwait(false);
        if (stored is null) return true;
        var obj = stored.ToObject();
        var owners = ReadOwners(obj);
        if (owners.Count == 0) return true;
        var dangling = new List<string>();
        var waiting = 0;
        var solid = 0;
        foreach (var o in owners)
        {
            switch (await OwnerStateAsync(o, ns, ct).ConfigureAwait(false))
            {
                case OwnerState.Dangling: dangling.Add(o.Uid); break;
                case OwnerState.Waiting: waiting++; break;
                default: solid++; break;
            }
        }
        if (solid > 0)
        {
            if (dangling.Count > 0) await RemoveOwnerRefsAsync(r, ns, name, dangling, ct).ConfigureAwait(false);
            return true;
        }
        if (obj.IsDeleting()) return true;
        var policy = waiting > 0 ? KubeApi.PropagationForeground : KubeApi.PropagationBackground;
        try
        {
            await api.DeleteAsync(r, ns, name, new DeleteParams { PropagationPolicy = policy, PreconditionUid = obj.Uid() }, ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound) { }
        return true;
    }

    private async Task RemoveOwnerRefsAsync(ServedResource r, string? ns, string name, IReadOnlyCollection<string> uids, CancellationToken ct)
    {
        try
        {
            await api.UpdateCoreAsync(r, ns, name, null, WriteParams.Default, null, cur =>
            {
                if (cur.Metadata()["ownerReferences"] is JsonArray refs)
                {
                    for (var i = refs.Count - 1; i >= 0; i--)
                        if (uids.Contains((refs[i] as JsonObject).GetString("uid") ?? "")) refs.RemoveAt(i);
                    if (refs.Count == 0) cur.Metadata().Remove("ownerReferences");
                }
                return cur;
            }, ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound) { }
    }

    private async Task<bool> ProcessOwnerAsync(string key, CancellationToken ct)
    {
        var r = api.ResourceOfKey(key);
        if (r is null) return true;
        var (ns, name) = KubeApi.NameOfKey(r, key);
        var stored = await api.TryGetAsync(r, ns, name, ct).ConfigureAwait(false);
        if (stored is null) return true;
        var owner = stored.ToObject();
        if (!owner.IsDeleting()) return true;
        var uid = owner.Uid() ?? "";
        List<string> deps;
        lock (_gate) deps = _byOwner.TryGetValue(uid, out var set) ? [.. set] : [];

        if (owner.HasFinalizer(WellKnownFinalizers.OrphanDependents))
        {
            foreach (var d in deps)
            {
                var dr = api.ResourceOfKey(d);
                if (dr is null) continue;
                var (dns, dname) = KubeApi.NameOfKey(dr, d);
                await RemoveOwnerRefsAsync(dr, dns, dname, [uid], ct).ConfigureAwait(false);
            }
            await RemoveFinalizerAsync(r, ns, name, WellKnownFinalizers.OrphanDependents, ct).ConfigureAwait(false);
            return true;
        }
        if (owner.HasFinalizer(WellKnownFinalizers.ForegroundDeletion))
        {
            lock (_gate) _waitingOwners[uid] = key;
            var blocking = 0;
            foreach (var d in deps)
            {
                Node? node;
                lock (_gate) _dependents.TryGetValue(d, out node);
                if (node is null) continue;
                foreach (var o in node.Owners) if (o.Uid == uid && o.BlockOwnerDeletion) blocking++;
                _queue.Add(new Work(false, d));
            }
            if (blocking > 0) return true; // re-queued when a dependent goes
            lock (_gate) _waitingOwners.Remove(uid);
            await RemoveFinalizerAsync(r, ns, name, WellKnownFinalizers.ForegroundDeletion, ct).ConfigureAwait(false);
        }
        return true;
    }

    private async Task RemoveFinalizerAsync(ServedResource r, string? ns, string name, string finalizer, CancellationToken ct)
    {
        try
        {
            await api.UpdateCoreAsync(r, ns, name, null, WriteParams.Default, null, cur => { cur.RemoveFinalizer(finalizer); return cur; }, ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound) { }
    }
}
