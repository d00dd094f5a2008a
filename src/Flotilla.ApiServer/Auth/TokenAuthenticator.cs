using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Store;
using Flotilla.Core;

namespace Flotilla.ApiServer.Auth;

/// <summary>The identity behind a bearer token.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups);

/// <summary>
/// Bearer-token authentication: static tokens (the admin token written at init, tokens added by the host) and
/// ServiceAccount tokens, i.e. data.token of Secrets of type kubernetes.io/service-account-token. Everything
/// authenticated is allowed (no RBAC).
/// </summary>
public sealed class TokenAuthenticator
{
    private readonly KubeApi _api;
    private readonly ConcurrentDictionary<string, UserInfo> _static = new(StringComparer.Ordinal);
    private volatile Dictionary<string, UserInfo>? _serviceAccounts;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private long _lastRefreshTicks;

    internal TokenAuthenticator(KubeApi api) => _api = api;

    /// <summary>False disables authentication (every request is admin); for in-process tests only.</summary>
    public bool Enabled { get; set; } = true;

    public static readonly UserInfo Admin = new("kubernetes-admin", ["system:masters", "system:authenticated"]);

    public void AddToken(string token, UserInfo? user = null) => _static[token] = user ?? Admin;

    public void RemoveToken(string token) => _static.TryRemove(token, out _);

    /// <summary>Forgets the ServiceAccount token index (called when token Secrets change).</summary>
    public void Invalidate() => _serviceAccounts = null;

    public async ValueTask<UserInfo?> AuthenticateAsync(string? token, CancellationToken ct)
    {
        if (!Enabled) return Admin;
        if (string.IsNullOrEmpty(token)) return null;
        foreach (var (t, u) in _static)
            if (FixedEquals(t, token)) return u;
        var sa = _serviceAccounts;
        if (sa is null || !sa.ContainsKey(token))
        {
            // Rebuild at most once a second so bad tokens cannot make us scan Secrets on every request.
            var now = Environment.TickCount64;
            if (sa is null || now - Interlocked.Read(ref _lastRefreshTicks) > 1000)
                sa = await RefreshAsync(ct).ConfigureAwait(false);
        }
        return sa.GetValueOrDefault(token);
    }

    private async Task<Dictionary<string, UserInfo>> RefreshAsync(CancellationToken ct)
    {
        await _refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var map = new Dictionary<string, UserInfo>(StringComparer.Ordinal);
            var page = await _api.ListAsync(_api.SecretResource, null, new ListQuery
            {
                Fields = Core.Selectors.FieldSelector.Parse("type=" + KubeApi.ServiceAccountTokenType),
            }, ct).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                var secret = item.ToObject();
                if ((secret["data"] as JsonObject).GetString("token") is not { } b64) continue;
                string token;
                try { token = Encoding.UTF8.GetString(Convert.FromBase64String(b64)); }
                catch (FormatException) { continue; }
                var ns = secret.Namespace() ?? "";
                var sa = secret.Annotation(KubeApi.ServiceAccountNameAnnotation) ?? "default";
                map[token] = new UserInfo($"system:serviceaccount:{ns}:{sa}",
                    ["system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated"]);
            }
            _serviceAccounts = map;
            Interlocked.Exchange(ref _lastRefreshTicks, Environment.TickCount64);
            return map;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private static bool FixedEquals(string a, string b) =>
        a.Length == b.Length && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
