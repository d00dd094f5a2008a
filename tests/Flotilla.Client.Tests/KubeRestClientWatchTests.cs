using System.Text;
using Flotilla.Client.Tests.Infrastructure;
using Flotilla.Core;
using Flotilla.Core.Client;
using Microsoft.AspNetCore.Http;

namespace Flotilla.Client.Tests;

public sealed class KubeRestClientWatchTests : IClassFixture<ServerFixture>, IDisposable
{
    private static readonly GroupVersionResource Works = new("work.karmada.io", "v1alpha1", "works");
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly ServerFixture _fixture;
    private readonly KubeRestClient _client;

    public KubeRestClientWatchTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _fixture.Server.ClearRequests();
        _client = new KubeRestClient(_fixture.Config);
    }

    public void Dispose() => _client.Dispose();

    private static string Event(string type, string name, string rv) =>
        "{\"type\":\"" + type + "\",\"object\":{\"apiVersion\":\"work.karmada.io/v1alpha1\",\"kind\":\"Work\",\"metadata\":{\"name\":\""
        + name + "\",\"namespace\":\"karmada-es-m1\",\"resourceVersion\":\"" + rv + "\"}}}\n";

    private static async Task WriteAsync(HttpContext ctx, string text)
    {
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ctx.RequestAborted);
        await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
    }

    private static async Task StartStreamAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.StartAsync(ctx.RequestAborted);
    }

    public static TheoryData<string, bool> Protocols => new() { { "HTTP/2", true }, { "HTTP/1.1 chunked", false } };

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Watch_EventsSplitAcrossChunks_DeliveredIncrementally(string protocol, bool http2)
    {
        using var client = new KubeRestClient(_fixture.Config with { PreferHttp2 = http2 });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = Event(WatchEventType.Modified, "w1", "11");
        _fixture.Server.Handler = async ctx =>
        {
            await StartStreamAsync(ctx);
            await WriteAsync(ctx, Event(WatchEventType.Added, "w1", "10") + second[..25]);
            await release.Task.WaitAsync(ctx.RequestAborted); // the client must see the first event before the rest is sent
            await WriteAsync(ctx, second[25..40]);
            await WriteAsync(ctx, second[40..] + """{"type":"BOOKMARK","object":{"kind":"Work","apiVersion":"work.karmada.io/v1alpha1","metadata":{"resourceVersion":"12"}}}""" + "\n");
        };
        var options = new ListOptions { ResourceVersion = "9", AllowWatchBookmarks = true, LabelSelector = "a=b" };
        var seen = new List<(string Type, string? Rv, bool Released)>();
        using var cts = new CancellationTokenSource(Deadline);

        await foreach (var e in client.WatchAsync(Works, "karmada-es-m1", options, cts.Token))
        {
            seen.Add((e.Type, e.Object.ResourceVersion(), release.Task.IsCompleted));
            release.TrySetResult();
        }

        Assert.Equal([(WatchEventType.Added, "10", false), (WatchEventType.Modified, "11", true), (WatchEventType.Bookmark, "12", true)], seen);
        var r = _fixture.Server.LastRequest;
        Assert.Equal("/apis/work.karmada.io/v1alpha1/namespaces/karmada-es-m1/works", r.Path);
        Assert.Equal("?watch=true&labelSelector=a%3Db&resourceVersion=9&allowWatchBookmarks=true", r.Query);
        Assert.Equal(protocol.Split(' ')[0], r.Protocol);
    }

    [Fact]
    public async Task Watch_ErrorEventGone_Throws410()
    {
        _fixture.Server.Handler = async ctx =>
        {
            await StartStreamAsync(ctx);
            await WriteAsync(ctx, Event(WatchEventType.Added, "w1", "10"));
            await WriteAsync(ctx, """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (10)","reason":"Expired","code":410}}""" + "\n");
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
        };
        var types = new List<string>();
        using var cts = new CancellationTokenSource(Deadline);

        var e = await Assert.ThrowsAsync<ApiStatusException>(async () =>
        {
            await foreach (var ev in _client.WatchAsync(Works, null, new ListOptions { ResourceVersion = "5" }, cts.Token)) types.Add(ev.Type);
        });

        Assert.Equal([WatchEventType.Added], types);
        Assert.True(e.IsGone);
        Assert.Equal(StatusReasons.Expired, e.Reason);
        Assert.Contains("too old resource version", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Watch_Cancelled_ClosesConnectionPromptly(string protocol, bool http2)
    {
        Assert.NotEmpty(protocol);
        using var client = new KubeRestClient(_fixture.Config with { PreferHttp2 = http2 });
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _fixture.Server.Handler = async ctx =>
        {
            using var reg = ctx.RequestAborted.Register(() => aborted.TrySetResult());
            await StartStreamAsync(ctx);
            await WriteAsync(ctx, Event(WatchEventType.Added, "w1", "10"));
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
        };
        using var cts = new CancellationTokenSource();
        var count = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(Works, null, new ListOptions(), cts.Token))
            {
                count++;
                await cts.CancelAsync(); // cancel while the next read is pending
            }
        }).WaitAsync(Deadline);

        Assert.Equal(1, count);
        await aborted.Task.WaitAsync(Deadline); // the server saw the stream closed
    }

    [Fact]
    public async Task Watch_ConnectionBrokenInsideEvent_ThrowsHttpRequestException()
    {
        _fixture.Server.Handler = async ctx =>
        {
            await StartStreamAsync(ctx);
            await WriteAsync(ctx, Event(WatchEventType.Added, "w1", "10")[..30]);
            ctx.Abort();
        };
        using var client = new KubeRestClient(_fixture.Config with { PreferHttp2 = false });
        using var cts = new CancellationTokenSource(Deadline);

        await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(Works, null, new ListOptions(), cts.Token)) { }
        });
    }

    [Fact]
    public async Task Watch_RejectedAtStart_ThrowsApiStatusException()
    {
        _fixture.Server.Handler = ctx => MockApiServer.JsonAsync(ctx, ApiErrors.Forbidden("works.work.karmada.io is forbidden").ToStatus().ToJsonString(), 403);
        using var cts = new CancellationTokenSource(Deadline);

        var e = await Assert.ThrowsAsync<ApiStatusException>(async () =>
        {
            await foreach (var _ in _client.WatchAsync(Works, null, new ListOptions(), cts.Token)) { }
        });

        Assert.Equal((403, StatusReasons.Forbidden), (e.Code, e.Reason));
    }

    [Fact]
    public async Task Watch_ServerEndsEmptyStream_EndsNormally()
    {
        _fixture.Server.Handler = StartStreamAsync;
        using var cts = new CancellationTokenSource(Deadline);
        var count = 0;

        await foreach (var _ in _client.WatchAsync(Works, null, new ListOptions { TimeoutSeconds = 1 }, cts.Token)) count++;

        Assert.Equal(0, count);
        Assert.Equal("?watch=true&timeoutSeconds=1", _fixture.Server.LastRequest.Query);
    }
}
