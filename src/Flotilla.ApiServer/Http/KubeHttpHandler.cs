using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Serialization;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Client;
using Flotilla.Core.Selectors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Flotilla.ApiServer.Http;

/// <summary>
/// The Kubernetes REST surface of one <see cref="KubeApi"/>: authentication, discovery, OpenAPI, version and health,
/// and the generic resource routes (CRUD, list/watch, subresources, patch, deletecollection). Every failure becomes
/// a Status response here.
/// </summary>
public sealed partial class KubeHttpHandler
{
    private readonly KubeApi _api;
    private readonly ILogger _logger;
    private readonly DiscoveryDocuments _discovery;
    private readonly string _flotillaVersion;

    public KubeHttpHandler(KubeApi api)
    {
        _api = api;
        _logger = api.CreateLogger<KubeHttpHandler>();
        _discovery = new DiscoveryDocuments(api.Registry);
        _flotillaVersion = typeof(KubeHttpHandler).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }

    public async Task HandleAsync(HttpContext ctx)
    {
        var ct = ctx.RequestAborted;
        try
        {
            var path = ctx.Request.Path.Value ?? "/";
            if (path.Length > 1 && path[^1] == '/') path = path.TrimEnd('/');
            if (IsPublic(path))
            {
                await PublicAsync(ctx, path).ConfigureAwait(false);
                return;
            }
            var user = await _api.Tokens.AuthenticateAsync(BearerToken(ctx.Request), ct).ConfigureAwait(false);
            if (user is null) throw ApiErrors.Unauthorized();
            ctx.Items[UserKey] = user;
            await RouteAsync(ctx, path, ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e)
        {
            await WriteStatusAsync(ctx, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (BadHttpRequestException e)
        {
            await WriteStatusAsync(ctx, ApiErrors.BadRequest(e.Message)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Request {Method} {Path} failed", ctx.Request.Method, ctx.Request.Path.Value);
            await WriteStatusAsync(ctx, ApiErrors.Internal("an unexpected error occurred; see the server log")).ConfigureAwait(false);
        }
    }

    private static readonly object UserKey = new();

    private static bool IsPublic(string path) =>
        path is "/healthz" or "/livez" or "/readyz" or "/version" ||
        path.StartsWith("/healthz/", StringComparison.Ordinal) || path.StartsWith("/livez/", StringComparison.Ordinal) ||
        path.StartsWith("/readyz/", StringComparison.Ordinal);

    private static string? BearerToken(HttpRequest request)
    {
        var h = request.Headers.Authorization.ToString();
        if (h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return h[7..].Trim();
        return null;
    }

    private async Task PublicAsync(HttpContext ctx, string path)
    {
        if (path == "/version")
        {
            var v = _api.Options.KubernetesVersion;
            var parts = v.TrimStart('v').Split('.');
            var doc = new JsonObject
            {
                ["major"] = parts[0],
                ["minor"] = parts.Length > 1 ? parts[1] : "0",
                ["gitVersion"] = v,
                ["gitCommit"] = "flotilla",
                ["gitTreeState"] = "clean",
                ["buildDate"] = "2026-01-01T00:00:00Z",
                ["goVersion"] = "go1.22.0",
                ["compiler"] = "gc",
                ["platform"] = "linux/amd64",
                ["flotillaVersion"] = _flotillaVersion,
            };
            await WriteJsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(doc)).ConfigureAwait(false);
            return;
        }
        var ready = _api.IsReady;
        var isReadyz = path.StartsWith("/readyz", StringComparison.Ordinal);
        var ok = !isReadyz || ready;
        ctx.Response.StatusCode = ok ? 200 : 500;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        ctx.Response.Headers["X-Content-Type-Options"] = "nosniff";
        if (ctx.Request.Query.ContainsKey("verbose"))
        {
            var name = path.TrimStart('/').Split('/')[0];
            var sb = new StringBuilder();
            sb.Append("[+]ping ok\n[+]log ok\n[+]etcd ok\n");
            if (isReadyz) sb.Append(ready ? "[+]informer-sync ok\n" : "[-]informer-sync failed: reason withheld\n");
            sb.Append("[+]poststarthook/start-apiextensions-controllers ok\n");
            sb.Append(ok ? $"{name} check passed\n" : $"{name} check failed\n");
            await ctx.Response.WriteAsync(sb.ToString(), ctx.RequestAborted).ConfigureAwait(false);
        }
        else await ctx.Response.WriteAsync(ok ? "ok" : "[-]informer-sync failed: reason withheld\nreadyz check failed\n", ctx.RequestAborted).ConfigureAwait(false);
    }

    private async Task RouteAsync(HttpContext ctx, string path, CancellationToken ct)
    {
        var segs = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segs.Length == 0)
        {
            var paths = new JsonArray("/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v2", "/openapi/v3", "/readyz", "/version");
            foreach (var g in _api.Registry.Groups)
                if (g.Name.Length > 0) { paths.Add("/apis/" + g.Name); foreach (var v in g.Versions) paths.Add($"/apis/{g.Name}/{v}"); }
            await WriteJsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["paths"] = paths })).ConfigureAwait(false);
            return;
        }
        switch (segs[0])
        {
            case "api":
                if (segs.Length == 1) { await DiscoveryRootAsync(ctx, core: true).ConfigureAwait(false); return; }
                if (segs[1] != "v1") throw NotFoundPath();
                if (segs.Length == 2) { await WriteDiscoveryAsync(ctx, _discovery.ResourceList("", "v1")).ConfigureAwait(false); return; }
                await ResourceAsync(ctx, ResourcePath.Parse("", "v1", segs.AsSpan(2)) ?? throw NotFoundPath(), ct).ConfigureAwait(false);
                return;
            case "apis":
                if (segs.Length == 1) { await DiscoveryRootAsync(ctx, core: false).ConfigureAwait(false); return; }
                if (segs.Length == 2) { await WriteDiscoveryAsync(ctx, _discovery.Group(segs[1])).ConfigureAwait(false); return; }
                if (segs.Length == 3) { await WriteDiscoveryAsync(ctx, _discovery.ResourceList(segs[1], segs[2])).ConfigureAwait(false); return; }
                await ResourceAsync(ctx, ResourcePath.Parse(segs[1], segs[2], segs.AsSpan(3)) ?? throw NotFoundPath(), ct).ConfigureAwait(false);
                return;
            case "openapi":
                await OpenApiAsync(ctx, segs).ConfigureAwait(false);
                return;
            default:
                throw NotFoundPath();
        }
    }

    private static ApiStatusException NotFoundPath() =>
        new(404, StatusReasons.NotFound, "the server could not find the requested resource", new StatusDetails(null, null, null, [new StatusCause(StatusReasons.UnexpectedServerResponse, "404 page not found", "")]));

    private async Task DiscoveryRootAsync(HttpContext ctx, bool core)
    {
        var accept = ctx.Request.Headers.Accept.ToString();
        if (accept.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) && accept.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal))
        {
            var version = accept.Contains("v=v2;", StringComparison.Ordinal) || accept.Contains("v=v2,", StringComparison.Ordinal) || accept.EndsWith("v=v2", StringComparison.Ordinal)
                ? "v2" : "v2beta1";
            var bytes = _discovery.Aggregated(core, version);
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = $"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList";
            ctx.Response.ContentLength = bytes.Length;
            await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted).ConfigureAwait(false);
            return;
        }
        await WriteJsonAsync(ctx, 200, core ? _discovery.Api() : _discovery.Apis()).ConfigureAwait(false);
    }

    private static Task WriteDiscoveryAsync(HttpContext ctx, byte[]? doc) =>
        doc is null ? throw NotFoundPath() : WriteJsonAsync(ctx, 200, doc);

    private async Task OpenApiAsync(HttpContext ctx, string[] segs)
    {
        if (segs.Length == 2 && segs[1] == "v2" && WantsProtobufOnly(ctx.Request))
        {
            // kubectl's client-side validation asks for the gnostic protobuf form only. We serve a document with no
            // definitions (validation then defers to the server), encoded by hand: swagger="2.0", info, paths, definitions.
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
            ctx.Response.ContentLength = OpenApiV2Protobuf.Length;
            await ctx.Response.Body.WriteAsync(OpenApiV2Protobuf, ctx.RequestAborted).ConfigureAwait(false);
            return;
        }
        JsonObject? doc = segs.Length switch
        {
            2 when segs[1] == "v2" => _api.Schemas.OpenApiV2(),
            2 when segs[1] == "v3" => _api.Schemas.OpenApiV3Discovery(),
            > 2 when segs[1] == "v3" => _api.Schemas.OpenApiV3(string.Join('/', segs[2..])),
            _ => null,
        };
        if (doc is null) throw NotFoundPath();
        await WriteJsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(doc)).ConfigureAwait(false);
    }

    private static bool WantsProtobufOnly(HttpRequest req)
    {
        var accept = req.Headers.Accept.ToString();
        return accept.Contains("protobuf", StringComparison.Ordinal) && !accept.Contains("json", StringComparison.Ordinal);
    }

    private static readonly byte[] OpenApiV2Protobuf = BuildOpenApiV2Protobuf();

    private static byte[] BuildOpenApiV2Protobuf()
    {
        static byte[] Field(int number, byte[] payload) => [(byte)((number << 3) | 2), (byte)payload.Length, .. payload];
        var info = Field(1, Encoding.UTF8.GetBytes("Kubernetes")).Concat(Field(2, Encoding.UTF8.GetBytes("v1.31.0"))).ToArray();
        return [.. Field(1, Encoding.UTF8.GetBytes("2.0")), .. Field(2, info), .. Field(8, []), .. Field(9, [])];
    }

    internal static async Task WriteJsonAsync(HttpContext ctx, int status, ReadOnlyMemory<byte> body, string contentType = "application/json")
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.BodyWriter.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
    }

    internal static async Task WriteStatusAsync(HttpContext ctx, ApiStatusException e)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.Headers.Remove("Content-Length");
        await WriteJsonAsync(ctx, e.Code, JsonSerializer.SerializeToUtf8Bytes(e.ToStatus())).ConfigureAwait(false);
    }

    private static string? Query(HttpRequest req, string name)
    {
        var v = req.Query[name];
        return StringValues.IsNullOrEmpty(v) ? null : v.ToString();
    }

    private static bool QueryBool(HttpRequest req, string name) =>
        Query(req, name) is { } v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));

    private static ListQuery ParseListQuery(HttpRequest req)
    {
        LabelSelector labels;
        FieldSelector fields;
        try { labels = LabelSelector.Parse(Query(req, "labelSelector")); }
        catch (FormatException e) { throw ApiErrors.BadRequest("unable to parse requirement: " + e.Message); }
        try { fields = FieldSelector.Parse(Query(req, "fieldSelector")); }
        catch (FormatException e) { throw ApiErrors.BadRequest(e.Message); }
        var limit = 0;
        if (Query(req, "limit") is { } l && !int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
            throw ApiErrors.BadRequest($"invalid limit: {l}");
        TimeSpan? timeout = null;
        if (Query(req, "timeoutSeconds") is { } t)
        {
            if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var secs)) throw ApiErrors.BadRequest($"invalid timeoutSeconds: {t}");
            timeout = TimeSpan.FromSeconds(secs);
        }
        bool? sendInitial = Query(req, "sendInitialEvents") is { } si ? si is "true" or "1" : null;
        return new ListQuery
        {
            Labels = labels,
            Fields = fields,
            Limit = limit,
            Continue = Query(req, "continue"),
            ResourceVersion = Query(req, "resourceVersion"),
            ResourceVersionMatch = Query(req, "resourceVersionMatch"),
            AllowBookmarks = QueryBool(req, "allowWatchBookmarks"),
            Timeout = timeout,
            SendInitialEvents = sendInitial,
        };
    }

    private static WriteParams ParseWriteParams(HttpRequest req)
    {
        var dryRun = Query(req, "dryRun");
        if (dryRun is not null && dryRun != "All") throw ApiErrors.BadRequest($"Invalid dryRun value: \"{dryRun}\": supported values: \"All\"");
        var fv = Query(req, "fieldValidation") ?? "Warn";
        if (fv is not ("Strict" or "Warn" or "Ignore"))
            throw ApiErrors.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got {fv}");
        return new WriteParams
        {
            DryRun = dryRun == "All",
            FieldManager = Query(req, "fieldManager"),
            FieldValidation = fv,
            Force = QueryBool(req, "force"),
        };
    }

    private static bool WantsTable(HttpRequest req, out string includeObject)
    {
        includeObject = Query(req, "includeObject") ?? "Metadata";
        var accept = req.Headers.Accept.ToString();
        return accept.Contains("as=Table", StringComparison.Ordinal) && accept.Contains("g=meta.k8s.io", StringComparison.Ordinal);
    }

    private static void AddWarnings(HttpContext ctx, WriteParams p)
    {
        foreach (var w in p.Warnings) ctx.Response.Headers.Append("Warning", "299 - \"" + w.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
    }
}
