using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Flotilla.Simulator;

/// <summary>Talks to a member process's admin endpoint, found through &lt;data-dir&gt;/members/&lt;NAME&gt;.admin.json.</summary>
public sealed class SimAdminClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _cluster;

    private SimAdminClient(string url, string token, string cluster)
    {
        _http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _cluster = cluster;
    }

    /// <summary>Finds the member's admin endpoint; throws FileNotFoundException with a helpful message when no member of that name runs.</summary>
    public static SimAdminClient Open(string dataDir, string cluster)
    {
        var path = SimulatorHost.AdminFilePath(dataDir, cluster);
        if (!File.Exists(path))
            throw new FileNotFoundException($"no simulated member named \"{cluster}\" is running with data directory {Path.GetFullPath(dataDir)} (looked for {path})");
        var doc = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object");
        return new SimAdminClient(doc["url"]!.GetValue<string>(), doc["token"]!.GetValue<string>(), cluster);
    }

    /// <summary>Runs an action (outage, recover, fail-pods, heal-pods, capacity) with query parameters; returns the
    /// server's message or throws InvalidOperationException with it.</summary>
    public async Task<string> InvokeAsync(string action, IReadOnlyDictionary<string, string?> query, CancellationToken ct)
    {
        var qs = string.Join("&", query.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => kv.Key + "=" + Uri.EscapeDataString(kv.Value!)));
        using var resp = await _http.PostAsync($"clusters/{_cluster}/{action}" + (qs.Length > 0 ? "?" + qs : ""), null, ct).ConfigureAwait(false);
        var body = await resp.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var message = (JsonNode.Parse(body) as JsonObject)?["message"]?.GetValue<string>() ?? body;
        if (!resp.IsSuccessStatusCode) throw new InvalidOperationException(message);
        return message;
    }

    public void Dispose() => _http.Dispose();
}
