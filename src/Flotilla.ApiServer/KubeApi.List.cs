using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Storage;

namespace Flotilla.ApiServer;

public sealed partial class KubeApi
{
    /// <summary>Lists objects with Kubernetes' selector, paging and resourceVersion semantics.</summary>
    public async Task<ListPage> ListAsync(ServedResource r, string? ns, ListQuery q, CancellationToken ct)
    {
        FieldSelectors.Validate(r, q.Fields);
        if (q.Limit < 0) throw ApiErrors.BadRequest("limit must be non-negative");
        var prefix = r.Prefix(ns);
        long atRevision = 0;
        string? continueAfter = null;
        var continuing = !string.IsNullOrEmpty(q.Continue);
        if (continuing)
        {
            if (!string.IsNullOrEmpty(q.ResourceVersion) && q.ResourceVersion != "0")
                throw ApiErrors.BadRequest("specifying resource version is not allowed when using continue");
            (atRevision, continueAfter) = ContinueToken.Decode(q.Continue!, prefix);
            if (!continueAfter.StartsWith(prefix, StringComparison.Ordinal)) continueAfter = null;
        }
        else
        {
            atRevision = await ResolveReadRevisionAsync(q, ct).ConfigureAwait(false);
        }

        var items = new List<StoredObject>(q.Limit > 0 ? Math.Min(q.Limit, 1024) : 64);
        var filtering = !q.Labels.IsEmpty || !q.Fields.IsEmpty;
        var metadataOnlyFields = FieldSelectors.OnlyMetadata(q.Fields);
        long listRevision = 0;
        long? remaining = null;
        string? lastKey = null;
        var more = false;
        try
        {
            while (true)
            {
                var fetch = q.Limit <= 0 ? 0 : filtering ? Math.Max(q.Limit, 256) : q.Limit - items.Count;
                var page = await Storage.ListAsync(prefix, continueAfter, fetch, atRevision, ct).ConfigureAwait(false);
                if (listRevision == 0) listRevision = atRevision > 0 ? atRevision : page.Revision;
                atRevision = listRevision;
                var entries = page.Entries;
                var i = 0;
                for (; i < entries.Count; i++)
                {
                    var kv = entries[i];
                    lastKey = kv.Key;
                    if (!filtering || Matches(r, kv, q, metadataOnlyFields)) items.Add(FromEntry(r, kv));
                    if (q.Limit > 0 && items.Count >= q.Limit) { i++; break; }
                }
                more = i < entries.Count || page.More;
                if (!filtering && q.Limit > 0 && more) remaining = page.RemainingCount + (entries.Count - i);
                if (!page.More || (q.Limit > 0 && items.Count >= q.Limit)) break;
                continueAfter = lastKey;
            }
        }
        catch (CompactedException e)
        {
            if (continuing) throw new ApiStatusException(410, StatusReasons.Expired, ContinueToken.ExpiredMessage);
            throw ApiErrors.Gone($"too old resource version: {e.Requested} ({e.CompactRevision})");
        }
        catch (FutureRevisionException e)
        {
            throw TooLarge(e.Requested, e.Current);
        }
        var token = more && lastKey is not null && q.Limit > 0 ? ContinueToken.Encode(listRevision, lastKey) : null;
        return new ListPage(items, listRevision, token, token is null ? null : remaining);
    }

    /// <summary>The revision a list or get reads at: 0 = latest.</summary>
    private async ValueTask<long> ResolveReadRevisionAsync(ListQuery q, CancellationToken ct)
    {
        var rvText = q.ResourceVersion;
        var match = q.ResourceVersionMatch;
        if (string.IsNullOrEmpty(rvText))
        {
            if (!string.IsNullOrEmpty(match))
                throw ApiErrors.BadRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
            return 0;
        }
        var rv = ParseResourceVersion(rvText)!.Value;
        if (match is not (null or "" or "Exact" or "NotOlderThan"))
            throw ApiErrors.BadRequest($"resourceVersionMatch: Unsupported value: \"{match}\": supported values: \"Exact\", \"NotOlderThan\"");
        if (rv == 0)
        {
            if (match == "Exact") throw ApiErrors.BadRequest("resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
            return 0;
        }
        var exact = match == "Exact" || (string.IsNullOrEmpty(match) && q.Limit > 0);
        if (exact) return rv;
        // NotOlderThan: wait briefly for the store to catch up (another replica may have written it).
        var deadline = Time.GetUtcNow() + TimeSpan.FromSeconds(3);
        while (true)
        {
            var current = await Storage.CurrentRevisionAsync(ct).ConfigureAwait(false);
            if (current >= rv) return 0;
            if (Time.GetUtcNow() > deadline) throw TooLarge(rv, current);
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    private static ApiStatusException TooLarge(long requested, long current) =>
        new(504, StatusReasons.Timeout, $"Too large resource version: {requested}, current: {current}",
            new StatusDetails(null, null, null, [new StatusCause(StatusReasons.ResourceVersionTooLarge, "Too large resource version", "")], 1));

    private static bool Matches(ServedResource r, KeyValue kv, ListQuery q, bool metadataOnlyFields)
    {
        if (!q.Labels.IsEmpty && !q.Labels.Matches(ObjectBytes.Labels(kv.Value.Span))) return false;
        if (q.Fields.IsEmpty) return true;
        if (metadataOnlyFields)
        {
            var rest = kv.Key.AsSpan(r.StoragePrefix.Length);
            string ns = "", name;
            if (r.Namespaced)
            {
                var slash = rest.IndexOf('/');
                ns = rest[..slash].ToString();
                name = rest[(slash + 1)..].ToString();
            }
            else name = rest.ToString();
            return q.Fields.Matches(f => f == "metadata.name" ? name : ns);
        }
        var obj = ObjectBytes.ToObject(kv.Value.Span, kv.ModRevision);
        if (r.Conversion is not null) obj = r.FromStorage(obj);
        return q.Fields.Matches(f => FieldSelectors.Value(obj, f));
    }

    internal static bool MatchesObject(ServedResource r, KeyValue kv, ListQuery q) =>
        (q.Labels.IsEmpty && q.Fields.IsEmpty) || Matches(r, kv, q, FieldSelectors.OnlyMetadata(q.Fields));
}
