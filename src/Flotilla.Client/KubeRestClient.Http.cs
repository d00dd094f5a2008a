using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Microsoft.Extensions.Logging;

namespace Flotilla.Client;

public sealed partial class KubeRestClient
{
    private static readonly TimeSpan TokenFileRefresh = TimeSpan.FromMinutes(1);
    private const int MaxErrorBodyChars = 4096;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    // ---------------------------------------------------------------- raw escape hatches

    /// <summary>
    /// Sends any request to <c>server + pathAndQuery</c> with this client's credentials, Accept and User-Agent, and
    /// returns the response as is (no status check; the caller disposes it). The timeout covers the headers only.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken ct) =>
        SendAsync(method, pathAndQuery, content, null, ct);

    /// <summary>Like <see cref="SendAsync(HttpMethod, string, HttpContent?, CancellationToken)"/> with an explicit Accept
    /// header (e.g. a server-side Table: <c>application/json;as=Table;v=v1;g=meta.k8s.io</c>).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, string? accept, CancellationToken ct)
    {
        using var request = NewRequest(method, pathAndQuery, content);
        if (accept is not null)
        {
            request.Headers.Accept.Clear();
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return await SendWithTimeoutAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
    }

    /// <summary>Sends a JSON body (or none) and returns the parsed JSON answer (null when empty);
    /// a non-2xx answer throws <see cref="ApiStatusException"/>.</summary>
    public Task<JsonNode?> SendJsonAsync(HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken ct) =>
        SendForJsonAsync(method, pathAndQuery, body is null ? null : JsonBody(body), nullOn404: false, ct);

    /// <summary>The server's <c>/version</c>.</summary>
    public async Task<KubeVersionInfo> GetVersionAsync(CancellationToken ct)
    {
        var node = await SendForJsonAsync(HttpMethod.Get, "/version", null, nullOn404: false, ct).ConfigureAwait(false) as JsonObject
            ?? throw Unexpected(200, "/version did not answer a JSON object");
        return new KubeVersionInfo
        {
            Major = node.GetString("major") ?? "",
            Minor = node.GetString("minor") ?? "",
            GitVersion = node.GetString("gitVersion") ?? "",
            GitCommit = node.GetString("gitCommit") ?? "",
            GitTreeState = node.GetString("gitTreeState") ?? "",
            BuildDate = node.GetString("buildDate") ?? "",
            GoVersion = node.GetString("goVersion") ?? "",
            Compiler = node.GetString("compiler") ?? "",
            Platform = node.GetString("platform") ?? "",
        };
    }

    /// <summary>
    /// Probes <c>/readyz</c>, falling back to <c>/healthz</c> when the server does not serve it (404), as Karmada's
    /// cluster status controller does. Never throws for server or connection failures: see <see cref="HealthProbeResult"/>.
    /// </summary>
    public async Task<HealthProbeResult> ProbeHealthAsync(CancellationToken ct)
    {
        var ready = await ProbeAsync("/readyz", ct).ConfigureAwait(false);
        return ready.StatusCode == 404 ? await ProbeAsync("/healthz", ct).ConfigureAwait(false) : ready;
    }

    /// <summary>GETs one health path (e.g. "/livez") and reports the status code, or the failure when unreachable.</summary>
    public async Task<HealthProbeResult> ProbeAsync(string path, CancellationToken ct)
    {
        try
        {
            using var request = NewRequest(HttpMethod.Get, path, (HttpContent?)null);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(Config.Timeout);
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cts.Token).ConfigureAwait(false);
                return new HealthProbeResult { StatusCode = (int)response.StatusCode, Path = path, Body = Trim(body) };
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw TimedOut(HttpMethod.Get, path, e);
            }
        }
        catch (HttpRequestException e)
        {
            return new HealthProbeResult { Path = path, Error = e };
        }
    }

    // ---------------------------------------------------------------- plumbing

    private HttpRequestMessage NewRequest(HttpMethod method, string pathAndQuery, RequestBody? body)
    {
        HttpContent? content = null;
        if (body is { } b)
        {
            content = new ByteArrayContent(b.Data);
            content.Headers.ContentType = new MediaTypeHeaderValue(b.ContentType);
        }
        return NewRequest(method, pathAndQuery, content);
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string pathAndQuery, HttpContent? content)
    {
        if (!pathAndQuery.StartsWith('/')) pathAndQuery = "/" + pathAndQuery;
        var request = new HttpRequestMessage(method, new Uri(_base + pathAndQuery, UriKind.Absolute))
        {
            Content = content,
            Version = _httpVersion,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        var token = CurrentToken();
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        else if (_basicAuth is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basicAuth);
        return request;
    }

    private string? CurrentToken()
    {
        if (Config.Token is not null) return Config.Token;
        if (Config.TokenFile is null) return null;
        lock (_tokenLock)
        {
            var now = Environment.TickCount64;
            if (_fileToken is null || now - _fileTokenReadAt > (long)TokenFileRefresh.TotalMilliseconds)
            {
                try
                {
                    _fileToken = File.ReadAllText(Config.TokenFile).Trim();
                    _fileTokenReadAt = now;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Keep using the last token we had; without one, fail as an unreachable credential.
                    if (_fileToken is null)
                        throw new HttpRequestException(HttpRequestError.UserAuthenticationError, $"cannot read token file {Config.TokenFile}: {e.Message}", e);
                    _logger.LogWarning(e, "Cannot re-read token file {TokenFile}; using the previous token", Config.TokenFile);
                }
            }
            return _fileToken;
        }
    }

    private async Task<HttpResponseMessage> SendWithTimeoutAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Config.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await _http.SendAsync(request, completion, cts.Token).ConfigureAwait(false);
            ClientMetrics.Record(_host, request.Method.Method, StatusCodeTag((int)response.StatusCode), Stopwatch.GetElapsedTime(started).TotalSeconds);
            return response;
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            ClientMetrics.Record(_host, request.Method.Method, "error", Stopwatch.GetElapsedTime(started).TotalSeconds);
            throw TimedOut(request.Method, request.RequestUri?.PathAndQuery ?? "", e);
        }
        catch (HttpRequestException)
        {
            ClientMetrics.Record(_host, request.Method.Method, "error", Stopwatch.GetElapsedTime(started).TotalSeconds);
            throw;
        }
    }

    /// <summary>
    /// Sends and reads a JSON answer within the request timeout; errors become <see cref="ApiStatusException"/>.
    /// A 429, or a 5xx carrying Retry-After, means the server did not process the request: it is retried after the
    /// delay the server asked for (at most <see cref="RestConfig.MaxRetries"/> times), as client-go does.
    /// </summary>
    private async Task<JsonNode?> SendForJsonAsync(HttpMethod method, string pathAndQuery, RequestBody? content, bool nullOn404, CancellationToken ct,
        string? accept = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = NewRequest(method, pathAndQuery, content);
            if (accept is not null)
            {
                request.Headers.Accept.Clear();
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(Config.Timeout);
            HttpResponseMessage response;
            byte[] body;
            var started = Stopwatch.GetTimestamp();
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                ClientMetrics.Record(_host, method.Method, "error", Stopwatch.GetElapsedTime(started).TotalSeconds);
                throw TimedOut(method, pathAndQuery, e);
            }
            catch (HttpRequestException)
            {
                ClientMetrics.Record(_host, method.Method, "error", Stopwatch.GetElapsedTime(started).TotalSeconds);
                throw;
            }
            using (response)
            {
                try
                {
                    body = await response.Content.ReadAsByteArrayAsync(cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
                {
                    throw TimedOut(method, pathAndQuery, e);
                }
                var status = response.StatusCode;
                ClientMetrics.Record(_host, method.Method, StatusCodeTag((int)status), Stopwatch.GetElapsedTime(started).TotalSeconds);
                LogRequest(_logger, method.Method, pathAndQuery, (int)status);
                if (!response.IsSuccessStatusCode)
                {
                    if (nullOn404 && status == HttpStatusCode.NotFound) return null;
                    if (attempt < Config.MaxRetries && RetryDelay(response) is { } delay)
                    {
                        LogRetry(_logger, method.Method, pathAndQuery, (int)status, delay.TotalSeconds);
                        await Task.Delay(delay, ct).ConfigureAwait(false);
                        continue;
                    }
                    throw ErrorFromResponse(response, body);
                }
                if (body.Length == 0) return null;
                try
                {
                    return JsonNode.Parse(body);
                }
                catch (JsonException e)
                {
                    throw Unexpected((int)status, $"{method} {pathAndQuery} answered with invalid JSON: {e.Message}");
                }
            }
        }
    }

    private static string StatusCodeTag(int code) => code switch
    {
        200 => "200",
        201 => "201",
        404 => "404",
        409 => "409",
        _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static TimeSpan? RetryDelay(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var after = response.Headers.RetryAfter?.Delta;
        if (code != 429 && (code < 500 || after is null)) return null;
        var delay = after ?? TimeSpan.FromSeconds(1);
        return delay > MaxRetryDelay ? MaxRetryDelay : delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    /// <summary>Builds the exception for a non-2xx answer: from its Status body, or a synthetic Status otherwise.</summary>
    internal static ApiStatusException ErrorFromResponse(HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        var code = (int)response.StatusCode;
        if (body.Length > 0 && body[0] == (byte)'{')
        {
            try
            {
                if (JsonNode.Parse(body) is JsonObject o && o.GetString("kind") == "Status")
                {
                    var ex = ApiStatusException.FromStatus(o, code);
                    if (ex.Details?.RetryAfterSeconds is null && RetryAfter(response) is { } ra)
                        return new ApiStatusException(ex.Code, ex.Reason, ex.Message, (ex.Details ?? new StatusDetails(null, null, null)) with { RetryAfterSeconds = ra });
                    return ex;
                }
            }
            catch (JsonException)
            {
                // not a Status: fall through to the synthetic error
            }
        }
        var text = Trim(Encoding.UTF8.GetString(body));
        var (reason, message) = code switch
        {
            400 => (StatusReasons.BadRequest, "the server rejected our request for an unknown reason"),
            401 => (StatusReasons.Unauthorized, "the server has asked for the client to provide credentials"),
            403 => (StatusReasons.Forbidden, "the server does not allow access to the requested resource"),
            404 => (StatusReasons.NotFound, "the server could not find the requested resource"),
            405 => (StatusReasons.MethodNotAllowed, "the server does not allow this method on the requested resource"),
            406 => (StatusReasons.NotAcceptable, "the server was unable to respond with a content type that the client supports"),
            409 => (StatusReasons.Conflict, "the server reported a conflict"),
            410 => (StatusReasons.Gone, "the server reported the requested resource is gone"),
            415 => (StatusReasons.UnsupportedMediaType, "the server was unable to respond with a content type that the client supports"),
            422 => (StatusReasons.Invalid, "the server rejected our request due to an error in our request"),
            429 => (StatusReasons.TooManyRequests, "the server has received too many requests and has asked us to try again later"),
            500 => (StatusReasons.InternalError, "an error on the server has prevented the request from succeeding"),
            503 => (StatusReasons.ServiceUnavailable, "the server is currently unable to handle the request"),
            504 => (StatusReasons.Timeout, "the server was unable to return a response in the time allotted"),
            _ => (StatusReasons.Unknown, $"the server responded with the status code {code} but did not return more information"),
        };
        if (text.Length > 0) message += ": " + text;
        var retry = RetryAfter(response);
        return new ApiStatusException(code, reason, message, retry is null ? null : new StatusDetails(null, null, null, null, retry));
    }

    private static int? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } d ? (int)d.TotalSeconds : null;

    private static ApiStatusException Unexpected(int code, string message) =>
        new(code, StatusReasons.UnexpectedServerResponse, message);

    private HttpRequestException TimedOut(HttpMethod method, string path, Exception inner) =>
        new(HttpRequestError.Unknown, $"{method} {_base}{path}: no answer within {Config.Timeout.TotalSeconds:0.#}s",
            new TimeoutException("the request timed out", inner));

    private static string Trim(string s)
    {
        s = s.Trim();
        return s.Length <= MaxErrorBodyChars ? s : s[..MaxErrorBodyChars];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} answered {StatusCode}; retrying in {DelaySeconds}s")]
    private static partial void LogRetry(ILogger logger, string method, string path, int statusCode, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Trace, Message = "{Method} {Path} -> {StatusCode}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode);
}
