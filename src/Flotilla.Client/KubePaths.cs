using System.Text;
using Flotilla.Core;
using Flotilla.Core.Client;

namespace Flotilla.Client;

/// <summary>Builds Kubernetes REST paths and query strings (core group under /api, others under /apis).</summary>
public static class KubePaths
{
    /// <summary><c>/api/v1</c> or <c>/apis/apps/v1</c>.</summary>
    public static string GroupVersionPath(string group, string version) =>
        group.Length == 0 ? "/api/" + version : "/apis/" + group + "/" + version;

    /// <summary>
    /// The path of a collection (<paramref name="name"/> null) or an object, optionally in a namespace and with a subresource.
    /// A null or empty namespace means cluster-scoped (or all namespaces for a list).
    /// </summary>
    public static string Resource(GroupVersionResource resource, string? ns, string? name = null, string? subresource = null)
    {
        var sb = new StringBuilder(GroupVersionPath(resource.Group, resource.Version));
        if (!string.IsNullOrEmpty(ns)) sb.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        sb.Append('/').Append(resource.Resource);
        if (!string.IsNullOrEmpty(name))
        {
            sb.Append('/').Append(Uri.EscapeDataString(name));
            if (!string.IsNullOrEmpty(subresource)) sb.Append('/').Append(subresource);
        }
        else if (!string.IsNullOrEmpty(subresource))
        {
            throw new ArgumentException("a subresource needs an object name", nameof(subresource));
        }
        return sb.ToString();
    }

    /// <summary>The query string (with leading '?', or empty) of a list or watch.</summary>
    public static string ListQuery(ListOptions? options, bool watch)
    {
        var q = new QueryString();
        if (watch) q.Add("watch", "true");
        if (options is not null)
        {
            q.Add("labelSelector", options.LabelSelector);
            q.Add("fieldSelector", options.FieldSelector);
            if (options.Limit is { } limit) q.Add("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            q.Add("continue", options.Continue);
            q.Add("resourceVersion", options.ResourceVersion);
            q.Add("resourceVersionMatch", options.ResourceVersionMatch);
            if (options.TimeoutSeconds is { } t) q.Add("timeoutSeconds", t.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (watch && options.AllowWatchBookmarks) q.Add("allowWatchBookmarks", "true");
        }
        return q.ToString();
    }

    /// <summary>The query string of a create, update or patch. <c>force</c> is only sent for server-side apply
    /// (<paramref name="apply"/>): the API server rejects it on any other request.</summary>
    public static string WriteQuery(WriteOptions? options, bool apply = true)
    {
        var q = new QueryString();
        if (options is not null)
        {
            if (options.DryRun) q.Add("dryRun", "All");
            q.Add("fieldManager", options.FieldManager);
            if (apply && options.Force is { } force) q.Add("force", force ? "true" : "false");
            q.Add("fieldValidation", options.FieldValidation);
        }
        return q.ToString();
    }

    private struct QueryString
    {
        private StringBuilder? _sb;

        public void Add(string key, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            _sb ??= new StringBuilder();
            _sb.Append(_sb.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }

        public override readonly string ToString() => _sb?.ToString() ?? "";
    }
}
