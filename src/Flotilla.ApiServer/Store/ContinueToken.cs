using System.Text.Json;
using Flotilla.Core;

namespace Flotilla.ApiServer.Store;

/// <summary>The opaque continue token of a paged list: base64 of {"v","rv","start"} like Kubernetes' own.</summary>
public static class ContinueToken
{
    public static string Encode(long revision, string lastKey)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["v"] = "meta.k8s.io/v1",
            ["rv"] = revision,
            ["start"] = lastKey,
        });
        return Convert.ToBase64String(json);
    }

    public static (long Revision, string LastKey) Decode(string token, string prefix)
    {
        try
        {
            using var doc = JsonDocument.Parse(Convert.FromBase64String(token));
            var root = doc.RootElement;
            if (root.GetProperty("v").GetString() != "meta.k8s.io/v1") throw new FormatException();
            var rv = root.GetProperty("rv").GetInt64();
            var start = root.GetProperty("start").GetString() ?? throw new FormatException();
            if (rv <= 0 || !start.StartsWith(prefix, StringComparison.Ordinal) && !prefix.StartsWith(start, StringComparison.Ordinal))
                throw new FormatException();
            return (rv, start);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw ApiErrors.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }

    public const string ExpiredMessage = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";
}
