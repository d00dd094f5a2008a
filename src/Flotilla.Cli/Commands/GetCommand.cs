using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Client;
using Flotilla.Controllers.Members;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Cli.Commands;

/// <summary>
/// <c>flotilla get RESOURCE [NAME] [-n NS] [--clusters a,b]</c>: one table across the control plane and the member
/// clusters, as <c>karmadactl get</c> prints it: the server's own columns plus CLUSTER (after NAME) and ADOPTION
/// (Y when the member object is managed by Flotilla/Karmada).
/// </summary>
internal static class GetCommand
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private static readonly GroupVersionResource Clusters = new(KarmadaGroups.Cluster, KarmadaGroups.V1Alpha1, "clusters");
    private static readonly GroupVersionResource Secrets = new("", "v1", "secrets");

    public static Command Create()
    {
        var resource = new Argument<string>("RESOURCE") { Description = "Resource type, as kubectl accepts it (deployment, deploy, pods, svc, ...)" };
        var name = new Argument<string?>("NAME") { Description = "Only this object", Arity = ArgumentArity.ZeroOrOne };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Namespace (default: default)", HelpName = "NS" };
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "Every namespace" };
        var clusters = new Option<string?>("--clusters", "-C") { Description = "Only these member clusters (comma-separated)", HelpName = "a,b" };
        var scope = new Option<string>("--operation-scope", "-s") { Description = "karmada (control plane), members, or all", DefaultValueFactory = _ => "all" };
        scope.AcceptOnlyFromAmong("karmada", "members", "all");
        var labels = new Option<string?>("--selector", "-l") { Description = "Label selector", HelpName = "SELECTOR" };
        var wide = new Option<bool>("--wide") { Description = "Also the columns kubectl shows with -o wide" };
        var kubeconfig = CommonOptions.Kubeconfig();
        var dataDir = CommonOptions.DataDir();
        var cmd = new Command("get", "Show objects of the control plane and of every member cluster in one table (karmadactl get)")
        {
            resource, name, ns, all, clusters, scope, labels, wide, kubeconfig, dataDir,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            try
            {
                using var cp = ClusterCommandSupport.ControlPlane(parse.GetValue(kubeconfig), parse.GetValue(dataDir)!);
                var rows = new Table();
                var sc = parse.GetValue(scope)!;
                var namespaceArg = parse.GetValue(all) ? null : parse.GetValue(ns) ?? "default";
                var request = new Request(parse.GetValue(resource)!, parse.GetValue(name), namespaceArg, parse.GetValue(labels), parse.GetValue(wide));
                if (sc is "karmada" or "all") await AddAsync(rows, cp, "Karmada", request, adoption: false, ct).ConfigureAwait(false);
                if (sc is "members" or "all")
                {
                    var only = parse.GetValue(clusters)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                    var list = await cp.ListAsync(Clusters, null, null, ct).ConfigureAwait(false);
                    foreach (var cluster in list.Items.OrderBy(c => c.Name(), StringComparer.Ordinal))
                    {
                        var clusterName = cluster.Name()!;
                        if (only is not null && !only.Contains(clusterName)) continue;
                        try
                        {
                            using var member = await MemberAsync(cp, cluster, ct).ConfigureAwait(false);
                            await AddAsync(rows, member, clusterName, request, adoption: true, ct).ConfigureAwait(false);
                        }
                        catch (Exception e) when (e is HttpRequestException or ApiStatusException or MemberClusterUnavailableException or TaskCanceledException)
                        {
                            await Console.Error.WriteLineAsync($"warning: cluster {clusterName}: {e.Message}").ConfigureAwait(false);
                        }
                    }
                }
                if (rows.Count == 0)
                {
                    await Console.Error.WriteLineAsync(namespaceArg is null ? "No resources found" : $"No resources found in {namespaceArg} namespace.").ConfigureAwait(false);
                    return Program.ExitOk;
                }
                await Console.Out.WriteAsync(rows.Render()).ConfigureAwait(false);
                return Program.ExitOk;
            }
            catch (Exception e) when (e is FileNotFoundException or HttpRequestException or ApiStatusException or ArgumentException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Program.ExitFailure;
            }
        });
        return cmd;
    }

    private sealed record Request(string Resource, string? Name, string? Namespace, string? LabelSelector, bool Wide);

    private static async Task<KubeRestClient> MemberAsync(KubeRestClient cp, JsonObject cluster, CancellationToken ct)
    {
        var secretRef = cluster["spec"]?["secretRef"] as JsonObject;
        var secret = await cp.GetAsync(Secrets, secretRef.GetString("namespace") ?? WellKnownNamespaces.KarmadaCluster,
            secretRef.GetString("name") ?? cluster.Name()!, ct).ConfigureAwait(false)
            ?? throw new MemberClusterUnavailableException(cluster.Name()!, "its secret is missing");
        var config = ClusterMemberClientProvider.BuildConfig(cluster.Name()!, cluster["spec"] as JsonObject, secret);
        return new KubeRestClient(config with { Timeout = TimeSpan.FromSeconds(10), MaxRetries = 0 });
    }

    private static async Task AddAsync(Table table, KubeRestClient client, string cluster, Request request, bool adoption, CancellationToken ct)
    {
        var resource = await FindAsync(client, request.Resource, ct).ConfigureAwait(false);
        if (resource is null)
        {
            if (!adoption) throw new ArgumentException($"the server doesn't have a resource type \"{request.Resource}\"");
            return;
        }
        var path = new StringBuilder(resource.Group.Length == 0 ? "/api/v1" : $"/apis/{resource.Group}/{resource.Version}");
        if (resource.Namespaced && request.Namespace is not null) path.Append("/namespaces/").Append(request.Namespace);
        path.Append('/').Append(resource.Plural);
        var query = new List<string> { "includeObject=Metadata" };
        if (request.Name is not null) query.Add("fieldSelector=" + Uri.EscapeDataString("metadata.name=" + request.Name));
        if (request.LabelSelector is not null) query.Add("labelSelector=" + Uri.EscapeDataString(request.LabelSelector));
        path.Append('?').Append(string.Join('&', query));
        using var response = await client.SendAsync(HttpMethod.Get, path.ToString(), null, TableAccept, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"listing {resource.Plural}: {(int)response.StatusCode} {body}");
        if (JsonNode.Parse(body) is not JsonObject doc || doc.GetString("kind") != "Table") return;
        table.Add(doc, cluster, adoption, request.Wide, resource.Namespaced && request.Namespace is null);
    }

    private static async Task<ApiResource?> FindAsync(KubeRestClient client, string name, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
        string? group = null;
        var dot = lower.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0) { group = lower[(dot + 1)..]; lower = lower[..dot]; }
        var all = await client.DiscoverAsync(ct).ConfigureAwait(false);
        return all.FirstOrDefault(r => (group is null || r.Group == group)
            && (r.Plural == lower || r.Singular == lower || r.Kind.Equals(lower, StringComparison.OrdinalIgnoreCase) || r.ShortNames.Contains(lower)));
    }

    /// <summary>Rows from several Tables under one header: NAMESPACE? NAME CLUSTER columns... ADOPTION.</summary>
    private sealed class Table
    {
        private List<string>? _header;
        private readonly List<string[]> _rows = [];

        public int Count => _rows.Count;

        public void Add(JsonObject table, string cluster, bool adoption, bool wide, bool withNamespace)
        {
            var defs = (table["columnDefinitions"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            var keep = defs.Select((d, i) => (d, i)).Where(x => wide || Priority(x.d) == 0).Select(x => x.i).ToList();
            if (_header is null)
            {
                _header = [];
                if (withNamespace) _header.Add("NAMESPACE");
                foreach (var i in keep)
                {
                    _header.Add((defs[i].GetString("name") ?? "").ToUpperInvariant());
                    if (i == 0) _header.Add("CLUSTER");
                }
                _header.Add("ADOPTION");
            }
            foreach (var row in (table["rows"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                var cells = row["cells"] as JsonArray ?? [];
                var meta = row["object"]?["metadata"] as JsonObject;
                var line = new List<string>();
                if (withNamespace) line.Add(meta.GetString("namespace") ?? "");
                foreach (var i in keep)
                {
                    line.Add(i < cells.Count ? Cell(cells[i]) : "");
                    if (i == 0) line.Add(cluster);
                }
                var managed = (meta?["labels"] as JsonObject).GetString(WellKnownLabels.Managed) == "true";
                line.Add(adoption ? (managed ? "Y" : "N") : "-");
                _rows.Add([.. line]);
            }
        }

        private static int Priority(JsonObject d) => d["priority"] is JsonValue v && v.TryGetValue<int>(out var p) ? p : 0;

        private static string Cell(JsonNode? n) => n switch
        {
            null => "<none>",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => n.ToJsonString(),
        };

        public string Render()
        {
            var header = _header ?? [];
            var widths = header.Select(h => h.Length).ToArray();
            foreach (var r in _rows)
                for (var i = 0; i < r.Length && i < widths.Length; i++) widths[i] = Math.Max(widths[i], r[i].Length);
            var sb = new StringBuilder();
            void Line(IReadOnlyList<string> cols)
            {
                for (var i = 0; i < cols.Count; i++)
                {
                    if (i == cols.Count - 1) sb.Append(cols[i]);
                    else sb.Append(cols[i].PadRight(widths[i] + 3));
                }
                sb.Append('\n');
            }
            Line(header);
            foreach (var r in _rows) Line(r);
            return sb.ToString();
        }
    }
}
