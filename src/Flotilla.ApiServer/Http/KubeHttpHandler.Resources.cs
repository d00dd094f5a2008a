using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Serialization;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;
using Microsoft.AspNetCore.Http;

namespace Flotilla.ApiServer.Http;

public sealed partial class KubeHttpHandler
{
    private async Task ResourceAsync(HttpContext ctx, ResourcePath p, CancellationToken ct)
    {
        if (!_api.Registry.TryGet(p.Group, p.Version, p.Resource, out var r)) throw NotFoundPath();
        if (p.Namespace is not null && !r.Namespaced) throw NotFoundPath();
        var method = ctx.Request.Method;
        var req = ctx.Request;
        if (p.Name is null)
        {
            if (p.Subresource is not null) throw NotFoundPath();
            var watch = p.WatchPrefix || QueryBool(req, "watch");
            switch (method)
            {
                case "GET" when watch:
                    RequireVerb(r, "watch");
                    await WatchAsync(ctx, r, p.Namespace, ParseListQuery(req), ct).ConfigureAwait(false);
                    return;
                case "GET":
                    RequireVerb(r, "list");
                    await ListAsync(ctx, r, p.Namespace, ParseListQuery(req), ct).ConfigureAwait(false);
                    return;
                case "POST":
                    RequireVerb(r, "create");
                    if (r.Namespaced && p.Namespace is null) throw NotFoundPath();
                    if (Auth.AccessReviews.Handles(r.Resource))
                    {
                        var review = await Auth.AccessReviews.AnswerAsync(r.Resource, p.Namespace, await ReadObjectAsync(ctx, ct).ConfigureAwait(false),
                            (Auth.UserInfo)ctx.Items[UserKey]!, _api.Tokens, ct).ConfigureAwait(false);
                        await WriteJsonAsync(ctx, 201, JsonSerializer.SerializeToUtf8Bytes(review)).ConfigureAwait(false);
                        return;
                    }
                    await CreateAsync(ctx, r, p.Namespace, ct).ConfigureAwait(false);
                    return;
                case "DELETE":
                    RequireVerb(r, "deletecollection");
                    var dp = await ParseDeleteParamsAsync(ctx, ct).ConfigureAwait(false);
                    await _api.DeleteCollectionAsync(r, p.Namespace, ParseListQuery(req), dp, ct).ConfigureAwait(false);
                    await WriteJsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(SuccessStatus(null, r, null))).ConfigureAwait(false);
                    return;
                default:
                    throw ApiErrors.MethodNotSupported(r.GroupResource, method);
            }
        }
        if (r.Namespaced && p.Namespace is null) throw NotFoundPath();
        if (p.WatchPrefix)
        {
            RequireVerb(r, "watch");
            var q = ParseListQuery(req);
            q = q with { Fields = Core.Selectors.FieldSelector.Parse(Combine(q.Fields.ToString(), "metadata.name=" + p.Name)) };
            await WatchAsync(ctx, r, p.Namespace, q, ct).ConfigureAwait(false);
            return;
        }
        var sub = p.Subresource;
        if (sub is not null && !r.HasSubresource(sub) && !(sub == "finalize" && r.Group.Length == 0 && r.Plural == "namespaces"))
            throw NotFoundPath();
        if (sub == "proxy" || (sub is not null && sub.StartsWith("proxy/", StringComparison.Ordinal)))
            throw new ApiStatusException(503, StatusReasons.ServiceUnavailable, $"the cluster proxy is not available for {r.GroupResource} \"{p.Name}\"");
        switch (method)
        {
            case "GET":
                RequireVerb(r, "get");
                if (sub == "scale")
                {
                    await WriteJsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(await _api.GetScaleAsync(r, p.Namespace, p.Name, ct).ConfigureAwait(false))).ConfigureAwait(false);
                    return;
                }
                var obj = await _api.GetAsync(r, p.Namespace, p.Name, ct).ConfigureAwait(false);
                if (WantsTable(req, out var include))
                {
                    await WriteTableAsync(ctx, r, [obj.ToObject()], null, null, null, include).ConfigureAwait(false);
                    return;
                }
                await WriteObjectAsync(ctx, 200, obj).ConfigureAwait(false);
                return;
            case "PUT":
                {
                    RequireVerb(r, "update");
                    var wp = ParseWriteParams(req);
                    var body = await ReadObjectAsync(ctx, ct).ConfigureAwait(false);
                    if (sub == "scale")
                    {
                        var scale = await _api.UpdateScaleAsync(r, p.Namespace, p.Name, _ => body, wp, ct).ConfigureAwait(false);
                        AddWarnings(ctx, wp);
                        await WriteJsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(scale)).ConfigureAwait(false);
                        return;
                    }
                    var updated = await _api.UpdateAsync(r, p.Namespace, p.Name, body, sub, wp, ct).ConfigureAwait(false);
                    AddWarnings(ctx, wp);
                    await WriteObjectAsync(ctx, 200, updated).ConfigureAwait(false);
                    return;
                }
            case "PATCH":
                {
                    RequireVerb(r, "patch");
                    var wp = ParseWriteParams(req);
                    var type = PatchTypeOf(req.ContentType);
                    var patch = await HttpBody.ReadAsync(req, ct).ConfigureAwait(false);
                    if (sub == "scale")
                    {
                        var scale = await _api.UpdateScaleAsync(r, p.Namespace, p.Name,
                            cur => PatchSupport.PatchApplier.Apply(type, cur, patch.Span, r, wp, _api.Time.GetUtcNow(), Patch.BuiltInPatchMeta.Instance, "scale"), wp, ct).ConfigureAwait(false);
                        await WriteJsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(scale)).ConfigureAwait(false);
                        return;
                    }
                    var existedBefore = type != PatchType.Apply || await _api.TryGetAsync(r, p.Namespace, p.Name, ct).ConfigureAwait(false) is not null;
                    var patched = await _api.PatchAsync(r, p.Namespace, p.Name, type, patch, sub, wp, ct).ConfigureAwait(false);
                    AddWarnings(ctx, wp);
                    await WriteObjectAsync(ctx, existedBefore ? 200 : 201, patched).ConfigureAwait(false);
                    return;
                }
            case "DELETE":
                {
                    RequireVerb(r, "delete");
                    if (sub is not null) throw ApiErrors.MethodNotSupported(r.GroupResource + "/" + sub, "delete");
                    var dp = await ParseDeleteParamsAsync(ctx, ct).ConfigureAwait(false);
                    var result = await _api.DeleteAsync(r, p.Namespace, p.Name, dp, ct).ConfigureAwait(false);
                    if (result.Deleted)
                    {
                        var uid = result.Object.ToObject().Uid();
                        await WriteJsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(SuccessStatus(p.Name, r, uid))).ConfigureAwait(false);
                    }
                    else await WriteObjectAsync(ctx, 200, result.Object).ConfigureAwait(false);
                    return;
                }
            case "POST":
                throw ApiErrors.MethodNotSupported(r.GroupResource, "create");
            default:
                throw ApiErrors.MethodNotSupported(r.GroupResource, method);
        }
    }

    private static string Combine(string a, string b) => a.Length == 0 ? b : a + "," + b;

    private static void RequireVerb(ServedResource r, string verb)
    {
        if (!r.Resource.Verbs.Contains(verb)) throw ApiErrors.MethodNotSupported(r.GroupResource, verb);
    }

    private static JsonObject SuccessStatus(string? name, ServedResource r, string? uid)
    {
        var details = new JsonObject();
        if (name is not null) details["name"] = name;
        details["group"] = r.Group;
        details["kind"] = r.Plural;
        if (uid is not null) details["uid"] = uid;
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    private static PatchType PatchTypeOf(string? contentType)
    {
        var ct = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return ct switch
        {
            "application/json-patch+json" => PatchType.Json,
            "application/merge-patch+json" => PatchType.Merge,
            "application/strategic-merge-patch+json" => PatchType.StrategicMerge,
            "application/apply-patch+yaml" => PatchType.Apply,
            _ => throw ApiErrors.UnsupportedMediaType(contentType ?? ""),
        };
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext ctx, CancellationToken ct)
    {
        var contentType = (ctx.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var body = await HttpBody.ReadAsync(ctx.Request, ct).ConfigureAwait(false);
        if (body.Length == 0) throw ApiErrors.BadRequest("the body of the request was empty");
        return contentType switch
        {
            "" or "application/json" or "*/*" => YamlJson.ParseObject(body.Span),
            "application/yaml" or "application/x-yaml" or "text/yaml" => YamlJson.ParseObject(body.Span),
            _ => throw ApiErrors.UnsupportedMediaType(ctx.Request.ContentType ?? ""),
        };
    }

    private static async Task<DeleteParams> ParseDeleteParamsAsync(HttpContext ctx, CancellationToken ct)
    {
        var req = ctx.Request;
        string? policy = Query(req, "propagationPolicy");
        if (policy is null && Query(req, "orphanDependents") is { } od) policy = od == "true" ? KubeApi.PropagationOrphan : KubeApi.PropagationBackground;
        long? grace = Query(req, "gracePeriodSeconds") is { } g && long.TryParse(g, CultureInfo.InvariantCulture, out var gv) ? gv : null;
        var dryRun = Query(req, "dryRun") == "All";
        string? uid = null, rv = null;
        if (req.ContentLength is > 0 || req.Headers.TransferEncoding.Count > 0)
        {
            var body = await HttpBody.ReadAsync(req, ct).ConfigureAwait(false);
            if (body.Length > 0)
            {
                var o = YamlJson.ParseObject(body.Span);
                policy = o.GetString("propagationPolicy") ?? policy;
                if (policy is null && o["orphanDependents"] is JsonValue ov && ov.TryGetValue<bool>(out var orphan))
                    policy = orphan ? KubeApi.PropagationOrphan : KubeApi.PropagationBackground;
                if (o["preconditions"] is JsonObject pre) { uid = pre.GetString("uid"); rv = pre.GetString("resourceVersion"); }
                if (o["dryRun"] is JsonArray dr && dr.Count > 0) dryRun = true;
                if (o["gracePeriodSeconds"] is JsonValue gs && gs.TryGetValue<long>(out var gsv)) grace = gsv;
            }
        }
        return new DeleteParams { PropagationPolicy = policy, PreconditionUid = uid, PreconditionResourceVersion = rv, GracePeriodSeconds = grace, DryRun = dryRun };
    }

    private async Task CreateAsync(HttpContext ctx, ServedResource r, string? ns, CancellationToken ct)
    {
        var wp = ParseWriteParams(ctx.Request);
        var body = await ReadObjectAsync(ctx, ct).ConfigureAwait(false);
        var created = await _api.CreateAsync(r, ns, body, wp, ct).ConfigureAwait(false);
        AddWarnings(ctx, wp);
        await WriteObjectAsync(ctx, 201, created).ConfigureAwait(false);
    }

    private static async Task WriteObjectAsync(HttpContext ctx, int status, StoredObject obj)
    {
        var buffer = new ArrayBufferWriter<byte>(obj.Json.Length + 32);
        obj.WriteTo(buffer);
        await WriteJsonAsync(ctx, status, buffer.WrittenMemory).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext ctx, ServedResource r, string? ns, ListQuery q, CancellationToken ct)
    {
        var page = await _api.ListAsync(r, ns, q, ct).ConfigureAwait(false);
        var rv = KubeApi.FormatRevision(page.Revision);
        if (WantsTable(ctx.Request, out var include))
        {
            var items = new List<JsonObject>(page.Items.Count);
            foreach (var i in page.Items) items.Add(i.ToObject());
            await WriteTableAsync(ctx, r, items, rv, page.Continue, page.RemainingItemCount, include).ConfigureAwait(false);
            return;
        }
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        var w = ctx.Response.BodyWriter;
        var sb = new StringBuilder(128);
        sb.Append("{\"kind\":\"").Append(r.Resource.ListKind).Append("\",\"apiVersion\":\"").Append(r.ApiVersion)
          .Append("\",\"metadata\":{\"resourceVersion\":\"").Append(rv).Append('"');
        if (page.Continue is not null) sb.Append(",\"continue\":\"").Append(page.Continue).Append('"');
        if (page.RemainingItemCount is { } rc) sb.Append(",\"remainingItemCount\":").Append(rc.ToString(CultureInfo.InvariantCulture));
        sb.Append("},\"items\":[");
        HttpBody.Write(w, Encoding.UTF8.GetBytes(sb.ToString()));
        for (var i = 0; i < page.Items.Count; i++)
        {
            if (i > 0) HttpBody.Write(w, ","u8);
            page.Items[i].WriteTo(w);
            if (w.UnflushedBytes > 64 * 1024) await w.FlushAsync(ct).ConfigureAwait(false);
        }
        HttpBody.Write(w, "]}"u8);
        await w.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task WriteTableAsync(HttpContext ctx, ServedResource r, IReadOnlyList<JsonObject> items, string? rv, string? cont, long? remaining, string include)
    {
        var table = _api.Tables.ToTable(r.Resource, items, rv, cont, remaining, include);
        await WriteJsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(table), "application/json;as=Table;v=v1;g=meta.k8s.io").ConfigureAwait(false);
    }

    private async Task WatchAsync(HttpContext ctx, ServedResource r, string? ns, ListQuery q, CancellationToken ct)
    {
        var table = WantsTable(ctx.Request, out var include);
        if (q.Timeout is null)
            q = q with { Timeout = TimeSpan.FromSeconds(1800 + Random.Shared.Next(1800)) };
        // Invalid parameters throw here and become a plain Status before the stream starts.
        await using var events = _api.WatchAsync(r, ns, q, ct).GetAsyncEnumerator(ct);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = table ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json";
        ctx.Response.Headers.CacheControl = "no-cache, private";
        var w = ctx.Response.BodyWriter;
        await w.FlushAsync(ct).ConfigureAwait(false);
        var has = await MoveNextAsync(events).ConfigureAwait(false);
        while (has)
        {
            var ev = events.Current;
            if (table && ev.Type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
            {
                var obj = JsonNode.Parse(ev.Object.Span) as JsonObject ?? new JsonObject();
                var t = _api.Tables.ToTable(r.Resource, [obj], null, null, null, include);
                WriteEvent(w, ev.Type, JsonSerializer.SerializeToUtf8Bytes(t));
            }
            else if (!(table && ev.Type == WatchEventType.Bookmark))
            {
                WriteEvent(w, ev.Type, ev.Object.Span);
            }
            var flush = await w.FlushAsync(ct).ConfigureAwait(false);
            if (flush.IsCompleted || flush.IsCanceled) break;
            has = await MoveNextAsync(events).ConfigureAwait(false);
        }
    }

    private static async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<WatchItem> e)
    {
        try { return await e.MoveNextAsync().ConfigureAwait(false); }
        catch (OperationCanceledException) { return false; }
    }

    private static void WriteEvent(PipeWriter w, string type, ReadOnlySpan<byte> obj)
    {
        HttpBody.Write(w, "{\"type\":\""u8);
        HttpBody.Write(w, Encoding.ASCII.GetBytes(type));
        HttpBody.Write(w, "\",\"object\":"u8);
        HttpBody.Write(w, obj);
        HttpBody.Write(w, "}\n"u8);
    }
}
