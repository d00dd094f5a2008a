using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Schema;

/// <summary>
/// Server-side printing (meta.k8s.io/v1 Table) with the columns kube-apiserver's printers give built-in kinds, the
/// columns of Karmada's CRDs and aggregated Cluster API, and CRDs' additionalPrinterColumns. Every column is sent
/// (priority 1 = "-o wide"); Age cells are Kubernetes' human durations computed against the injected clock.
/// </summary>
public sealed partial class KubeTableConverter : ITableConverter
{
    private readonly SchemaRegistry _registry;
    private readonly TimeProvider _time;

    public KubeTableConverter(SchemaRegistry registry, TimeProvider timeProvider)
    {
        _registry = registry;
        _time = timeProvider;
    }

    public JsonObject ToTable(ApiResource resource, IReadOnlyList<JsonObject> items, string? resourceVersion, string? continueToken, long? remainingItemCount, string includeObject)
    {
        var now = _time.GetUtcNow();
        var gvk = resource.Gvk;
        var (columns, cells) = Printer(gvk);
        var columnDefs = new JsonArray();
        foreach (var c in columns)
        {
            columnDefs.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Description,
                ["priority"] = c.Priority,
            });
        }
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var rowCells = new JsonArray();
            foreach (var cell in cells(item, now)) rowCells.Add(cell);
            var row = new JsonObject { ["cells"] = rowCells };
            switch (includeObject)
            {
                case "None":
                    break;
                case "Object":
                    row["object"] = item.DeepClone();
                    break;
                default:
                    var meta = (item["metadata"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
                    meta.Remove("managedFields");
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = "meta.k8s.io/v1",
                        ["metadata"] = meta,
                    };
                    break;
            }
            rows.Add(row);
        }
        var listMeta = new JsonObject();
        if (!string.IsNullOrEmpty(resourceVersion)) listMeta["resourceVersion"] = resourceVersion;
        if (!string.IsNullOrEmpty(continueToken)) listMeta["continue"] = continueToken;
        if (remainingItemCount is { } rem) listMeta["remainingItemCount"] = rem;
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMeta,
            ["columnDefinitions"] = columnDefs,
            ["rows"] = rows,
        };
    }

    /// <summary>The columns (name first) a kind prints with.</summary>
    public IReadOnlyList<PrinterColumn> Columns(GroupVersionKind gvk) => Printer(gvk).Columns;

    private delegate IEnumerable<JsonNode?> CellsFunc(JsonObject obj, DateTimeOffset now);

    private (IReadOnlyList<PrinterColumn> Columns, CellsFunc Cells) Printer(GroupVersionKind gvk)
    {
        if (BuiltIn.TryGetValue((gvk.Group, gvk.Kind), out var printer)) return printer;
        if (gvk.Group == Flotilla.Core.Karmada.KarmadaGroups.Cluster && gvk.Kind == "Cluster") return ClusterPrinter;
        var columns = _registry.GetPrinterColumns(gvk) ?? KarmadaColumns(gvk);
        if (columns is not null || _registry.IsCustomResource(gvk) || Flotilla.Core.Karmada.KarmadaGroups.MultiCluster == gvk.Group || KarmadaAdmission.Handles(gvk))
            return CustomResourcePrinter(columns ?? [new PrinterColumn("Age", "date", "", AgeDescription, ".metadata.creationTimestamp", 0)]);
        return DefaultPrinter;
    }

    // ---------------- custom resources ----------------

    private static (IReadOnlyList<PrinterColumn>, CellsFunc) CustomResourcePrinter(IReadOnlyList<PrinterColumn> custom)
    {
        var columns = new List<PrinterColumn> { NameColumn };
        columns.AddRange(custom.Select(c => c with { Description = c.Description.Length > 0 ? c.Description : c.Name == "Age" && c.Type == "date" ? AgeDescription : "Custom resource definition column (in JSONPath format): " + c.JsonPath }));
        return (columns, (obj, now) => CustomCells(obj, now, custom));
    }

    private static IEnumerable<JsonNode?> CustomCells(JsonObject obj, DateTimeOffset now, IReadOnlyList<PrinterColumn> custom)
    {
        yield return obj.Name();
        foreach (var c in custom)
        {
            var results = SimpleJsonPath.Evaluate(c.JsonPath, obj);
            if (results.Count == 0 || results[0] is null) { yield return null; continue; }
            var value = results[0]!;
            switch (c.Type)
            {
                case "string":
                    yield return value is JsonValue v && v.TryGetValue<string>(out var s) ? s
                        : value is JsonValue sv ? sv.ToJsonString()
                        : SortedJson(value);
                    break;
                case "integer":
                    yield return JsonAccess.AsLong(value) is { } l ? JsonValue.Create(l) : null;
                    break;
                case "number":
                    yield return value is JsonValue nv && nv.GetValueKind() == JsonValueKind.Number ? nv.DeepClone() : null;
                    break;
                case "boolean":
                    yield return value is JsonValue bv && bv.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? bv.DeepClone() : null;
                    break;
                case "date":
                    yield return value is JsonValue dv && dv.TryGetValue<string>(out var ds)
                        ? (TryParseTime(ds, out var t) ? HumanDuration.Format(now - t) : "<invalid>")
                        : null;
                    break;
                default:
                    yield return null;
                    break;
            }
        }
    }

    /// <summary>Go's json.Marshal of a map sorts keys; JSONPath printing of maps and lists uses it.</summary>
    private static string SortedJson(JsonNode node)
    {
        static JsonNode? Sort(JsonNode? n) => n switch
        {
            JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sort(kv.Value)))),
            JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
            _ => n?.DeepClone(),
        };
        return Sort(node)!.ToJsonString();
    }

    /// <summary>Printer columns of Karmada's CRDs (charts/karmada/_crds), for kinds served without a registered CRD.</summary>
    private static IReadOnlyList<PrinterColumn>? KarmadaColumns(GroupVersionKind gvk)
    {
        var age = new PrinterColumn("Age", "date", "", AgeDescription, ".metadata.creationTimestamp", 0);
        return (gvk.Group, gvk.Version, gvk.Kind) switch
        {
            ("policy.karmada.io", _, "PropagationPolicy" or "ClusterPropagationPolicy") =>
            [
                Col("Conflict-Resolution", "string", ".spec.conflictResolution"),
                Col("Priority", "string", ".spec.priority"),
                age,
            ],
            ("policy.karmada.io", _, "FederatedResourceQuota") =>
            [
                Col("Overall", "string", ".spec.overall"),
                Col("Overall_Used", "string", ".status.overallUsed"),
                age,
            ],
            ("work.karmada.io", "v1alpha2", "ResourceBinding" or "ClusterResourceBinding") =>
            [
                Col("Scheduled", "string", ".status.conditions[?(@.type==\"Scheduled\")].status"),
                Col("FullyApplied", "string", ".status.conditions[?(@.type==\"FullyApplied\")].status"),
                age,
            ],
            ("work.karmada.io", "v1alpha1", "Work") =>
            [
                Col("Workload-Kind", "string", ".spec.workload.manifests[*].kind"),
                Col("Applied", "string", ".status.conditions[?(@.type==\"Applied\")].status"),
                age,
            ],
            ("config.karmada.io", _, "ResourceInterpreterCustomization") =>
            [
                Col("Target-API-Version", "string", ".spec.target.apiVersion"),
                Col("Target-Kind", "string", ".spec.target.kind"),
                age,
            ],
            ("autoscaling.karmada.io", _, "FederatedHPA") =>
            [
                Col("Reference-Kind", "string", ".spec.scaleTargetRef.kind"),
                Col("Reference-Name", "string", ".spec.scaleTargetRef.name"),
                Col("MinPods", "integer", ".spec.minReplicas"),
                Col("MaxPods", "integer", ".spec.maxReplicas"),
                Col("Replicas", "integer", ".status.currentReplicas"),
                age,
            ],
            ("autoscaling.karmada.io", _, "CronFederatedHPA") =>
            [
                Col("Reference-Kind", "string", ".spec.scaleTargetRef.kind"),
                Col("Reference-Name", "string", ".spec.scaleTargetRef.name"),
                age,
            ],
            ("multicluster.x-k8s.io", _, "ServiceImport") =>
            [
                Col("Type", "string", ".spec.type"),
                Col("IP", "string", ".spec.ips"),
                age,
            ],
            _ => null,
        };

        static PrinterColumn Col(string name, string type, string path) => new(name, type, "", "", path, 0);
    }

    // ---------------- Karmada Cluster (aggregated apiserver printer) ----------------

    private static readonly (IReadOnlyList<PrinterColumn>, CellsFunc) ClusterPrinter = (
        [
            NameColumn,
            S("Version", "KubernetesVersion represents version of the member cluster."),
            S("Mode", "SyncMode describes how a cluster sync resources from karmada control plane."),
            S("Ready", "The aggregate readiness state of this cluster for accepting workloads."),
            AgeColumn,
            S("Zones", "Zones represents the failure zones(also called availability zones) of the member cluster.", 1),
            S("Region", "Region represents the region of the member cluster locate in.", 1),
            S("Provider", "Provider represents the cloud provider name of the member cluster.", 1),
            S("API-Endpoint", "The API endpoint of the member cluster.", 1),
            S("Proxy-URL", "ProxyURL is the proxy URL for the cluster.", 1),
        ],
        (obj, now) =>
        {
            var spec = obj.Obj("spec");
            var status = obj.Obj("status");
            var ready = "Unknown";
            foreach (var (_, c) in status.Arr("conditions").Items())
                if (c.Str("type") == "Ready") { ready = c.Str("status") ?? "Unknown"; break; }
            var zones = string.Join(",", spec.Arr("zones").Strings());
            return
            [
                obj.Name(), status.Str("kubernetesVersion") ?? "", spec.Str("syncMode") ?? "", ready, Age(obj, now),
                NoneIfEmpty(zones), NoneIfEmpty(spec.Str("region")), NoneIfEmpty(spec.Str("provider")),
                NoneIfEmpty(spec.Str("apiEndpoint")), NoneIfEmpty(spec.Str("proxyURL")),
            ];
        });

    // ---------------- default ----------------

    private static readonly (IReadOnlyList<PrinterColumn>, CellsFunc) DefaultPrinter = (
        [NameColumn, new PrinterColumn("Created At", "date", "", CreationTimestampDescription, "", 0)],
        (obj, _) => [obj.Name(), CreatedAt(obj)]);

    // ---------------- helpers ----------------

    internal const string NameDescription = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    internal const string CreationTimestampDescription = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
    internal const string AgeDescription = CreationTimestampDescription;

    private static PrinterColumn NameColumn => new("Name", "string", "name", NameDescription, "", 0);
    private static PrinterColumn AgeColumn => new("Age", "string", "", AgeDescription, "", 0);

    private static PrinterColumn S(string name, string description, int priority = 0) => new(name, "string", "", description, "", priority);
    private static PrinterColumn I(string name, string description, int priority = 0) => new(name, "integer", "", description, "", priority);
    private static PrinterColumn D(string name, string description, int priority = 0) => new(name, "date", "", description, "", priority);

    private static string NoneIfEmpty(string? s) => string.IsNullOrEmpty(s) ? "<none>" : s;

    /// <summary>translateTimestampSince: "&lt;unknown&gt;" for a missing timestamp.</summary>
    internal static string Age(JsonObject obj, DateTimeOffset now) => Since(obj.Obj("metadata").Str("creationTimestamp"), now);

    internal static string Since(string? timestamp, DateTimeOffset now) =>
        timestamp is not null && TryParseTime(timestamp, out var t) ? HumanDuration.Format(now - t) : "<unknown>";

    private static string CreatedAt(JsonObject obj) =>
        obj.Obj("metadata").Str("creationTimestamp") is { } ts && TryParseTime(ts, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "";

    internal static bool TryParseTime(string s, out DateTimeOffset t) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out t);
}
