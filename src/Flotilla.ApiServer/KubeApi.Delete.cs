using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Schema;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.ApiServer;

public sealed partial class KubeApi
{
    public const string PropagationBackground = "Background";
    public const string PropagationForeground = "Foreground";
    public const string PropagationOrphan = "Orphan";

    /// <summary>Deletes an object: at once when nothing holds it, otherwise marks it (deletionTimestamp) and leaves the
    /// finalizers — including the orphan / foregroundDeletion ones the propagation policy adds — to their owners.</summary>
    public async Task<DeleteResult> DeleteAsync(ServedResource r, string? ns, string name, DeleteParams p, CancellationToken ct)
    {
        if (p.PropagationPolicy is { } pp && pp is not (PropagationBackground or PropagationForeground or PropagationOrphan))
            throw ApiErrors.Invalid("DeleteOptions", "", "", [new StatusCause(StatusReasons.FieldValueNotSupported,
                $"Unsupported value: \"{pp}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"", "propagationPolicy")]);
        var key = r.Key(ns, name);
        while (true)
        {
            var res = await Storage.GetAsync(key, 0, ct).ConfigureAwait(false);
            if (res.Entry is not { } cur) throw ApiErrors.NotFound(r.GroupResource, name);
            var obj = new StoredObject(r, cur.Value, cur.ModRevision).ToObject();
            if (p.PreconditionUid is { } uid && uid != obj.Uid())
                throw ApiErrors.Conflict(r.GroupResource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {obj.Uid()}");
            if (p.PreconditionResourceVersion is { } prv && prv != obj.ResourceVersion())
                throw ApiErrors.Conflict(r.GroupResource, name, $"Precondition failed: ResourceVersion in precondition: {prv}, ResourceVersion in object meta: {obj.ResourceVersion()}");
            Admission.Admit(new AdmissionRequest(r.Resource, AdmissionOperation.Delete, obj, obj, null, "Ignore"));

            var next = obj.DeepCloneObject();
            var changed = false;
            switch (p.PropagationPolicy)
            {
                case PropagationOrphan:
                    changed |= next.AddFinalizer(WellKnownFinalizers.OrphanDependents);
                    changed |= next.RemoveFinalizer(WellKnownFinalizers.ForegroundDeletion);
                    break;
                case PropagationForeground:
                    changed |= next.AddFinalizer(WellKnownFinalizers.ForegroundDeletion);
                    changed |= next.RemoveFinalizer(WellKnownFinalizers.OrphanDependents);
                    break;
                case PropagationBackground:
                    changed |= next.RemoveFinalizer(WellKnownFinalizers.OrphanDependents);
                    changed |= next.RemoveFinalizer(WellKnownFinalizers.ForegroundDeletion);
                    break;
            }
            var isNamespace = r.Group.Length == 0 && r.Plural == "namespaces";
            var held = next.Finalizers().Count > 0 || (isNamespace && IsNamespaceHeldBySpec(r, next));
            if (held)
            {
                var meta = next.Metadata();
                if (meta["deletionTimestamp"] is null)
                {
                    meta["deletionTimestamp"] = Now();
                    meta["deletionGracePeriodSeconds"] = 0;
                    if (r.SetsGeneration && next.Generation() > 0) meta["generation"] = next.Generation() + 1;
                    changed = true;
                }
                if (isNamespace)
                {
                    var status = next["status"] as JsonObject ?? new JsonObject();
                    next["status"] = status;
                    if (status.GetString("phase") != "Terminating") { status["phase"] = "Terminating"; changed = true; }
                }
                if (!changed) return new DeleteResult(new StoredObject(r, cur.Value, cur.ModRevision), false);
                next = r.ToStorage(next);
                var bytes = ObjectSerializer.Serialize(next);
                if (p.DryRun) return new DeleteResult(new StoredObject(r, bytes, cur.ModRevision), false);
                var w = await Storage.UpdateAsync(key, bytes, cur.ModRevision, ct).ConfigureAwait(false);
                if (!w.Succeeded) continue;
                AfterWrite(r, next);
                return new DeleteResult(new StoredObject(r, bytes, w.Revision), false);
            }

            if (p.DryRun) return new DeleteResult(new StoredObject(r, cur.Value, cur.ModRevision), true);
            var d = await Storage.DeleteAsync(key, cur.ModRevision, ct).ConfigureAwait(false);
            if (!d.Succeeded) continue;
            AfterDelete(r, obj);
            return new DeleteResult(new StoredObject(r, cur.Value, d.Revision), true);
        }
    }

    /// <summary>Deletes every object of a list (selectors apply); objects that vanish meanwhile are skipped.</summary>
    public async Task<int> DeleteCollectionAsync(ServedResource r, string? ns, ListQuery query, DeleteParams p, CancellationToken ct)
    {
        var page = await ListAsync(r, ns, query with { Limit = 0, Continue = null }, ct).ConfigureAwait(false);
        var n = 0;
        foreach (var item in page.Items)
        {
            var obj = item.ToObject();
            try
            {
                await DeleteAsync(r, obj.Namespace(), obj.Name()!, p, ct).ConfigureAwait(false);
                n++;
            }
            catch (ApiStatusException e) when (e.IsNotFound)
            {
            }
        }
        return n;
    }

    internal static string FormatRevision(long rv) => rv.ToString(CultureInfo.InvariantCulture);
}
