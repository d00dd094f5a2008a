using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Registry;

/// <summary>Turns a CustomResourceDefinition into served resources, and the structural checks the apiextensions
/// strategy makes before anything else can be trusted.</summary>
public static class CrdSupport
{
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    public static void Validate(JsonObject crd)
    {
        var name = crd.Name() ?? "";
        var causes = new List<StatusCause>();
        var spec = crd["spec"] as JsonObject;
        var group = spec.GetString("group");
        var names = spec?["names"] as JsonObject;
        var plural = names.GetString("plural");
        if (string.IsNullOrEmpty(group)) causes.Add(new(StatusReasons.FieldValueRequired, "Required value", "spec.group"));
        else if (!group.Contains('.', StringComparison.Ordinal)) causes.Add(new(StatusReasons.FieldValueInvalid, $"Invalid value: \"{group}\": should be a domain with at least one dot", "spec.group"));
        if (string.IsNullOrEmpty(plural)) causes.Add(new(StatusReasons.FieldValueRequired, "Required value", "spec.names.plural"));
        if (string.IsNullOrEmpty(names.GetString("kind"))) causes.Add(new(StatusReasons.FieldValueRequired, "Required value", "spec.names.kind"));
        if (spec.GetString("scope") is not ("Namespaced" or "Cluster"))
            causes.Add(new(StatusReasons.FieldValueNotSupported, $"Unsupported value: \"{spec.GetString("scope")}\": supported values: \"Cluster\", \"Namespaced\"", "spec.scope"));
        if (!string.IsNullOrEmpty(group) && !string.IsNullOrEmpty(plural) && name != plural + "." + group)
            causes.Add(new(StatusReasons.FieldValueInvalid, $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group", "metadata.name"));
        var versions = spec?["versions"] as JsonArray;
        if (versions is null || versions.Count == 0) causes.Add(new(StatusReasons.FieldValueInvalid, "Invalid value: []: must have exactly one version marked as storage version", "spec.versions"));
        else
        {
            var storage = 0;
            foreach (var v in versions.OfType<JsonObject>())
            {
                if (v["storage"] is JsonValue sv && sv.TryGetValue<bool>(out var s) && s) storage++;
                if (string.IsNullOrEmpty(v.GetString("name"))) causes.Add(new(StatusReasons.FieldValueRequired, "Required value", "spec.versions.name"));
            }
            if (storage != 1) causes.Add(new(StatusReasons.FieldValueInvalid, $"Invalid value: \"{storage}\": must have exactly one version marked as storage version", "spec.versions"));
        }
        if (causes.Count > 0) throw ApiErrors.Invalid("CustomResourceDefinition", "apiextensions.k8s.io", name, causes);
    }

    public static IReadOnlyList<ServedResource> ToResources(JsonObject crd)
    {
        var spec = (JsonObject)crd["spec"]!;
        var names = (JsonObject)spec["names"]!;
        var group = spec.GetString("group")!;
        var namespaced = spec.GetString("scope") == "Namespaced";
        var kind = names.GetString("kind")!;
        var plural = names.GetString("plural")!;
        var singular = names.GetString("singular") ?? kind.ToLowerInvariant();
        var shortNames = Strings(names["shortNames"]);
        var categories = Strings(names["categories"]);
        var versions = ((JsonArray)spec["versions"]!).OfType<JsonObject>().ToList();
        string? storageVersion = null;
        foreach (var v in versions)
            if (v["storage"] is JsonValue sv && sv.TryGetValue<bool>(out var s) && s) storageVersion = v.GetString("name");
        var result = new List<ServedResource>();
        foreach (var v in versions)
        {
            if (v["served"] is JsonValue served && served.TryGetValue<bool>(out var isServed) && !isServed) continue;
            var version = v.GetString("name")!;
            var sub = v["subresources"] as JsonObject;
            ScaleSubresource? scale = null;
            if (sub?["scale"] is JsonObject sc)
                scale = new ScaleSubresource(sc.GetString("specReplicasPath") ?? ".spec.replicas", sc.GetString("statusReplicasPath") ?? ".status.replicas", sc.GetString("labelSelectorPath"));
            var r = new ApiResource
            {
                Group = group,
                Version = version,
                Kind = kind,
                Plural = plural,
                Singular = singular,
                Namespaced = namespaced,
                ShortNames = shortNames,
                Categories = categories,
                HasStatus = sub?["status"] is not null,
                Scale = scale,
                StorageVersion = storageVersion == version ? null : storageVersion,
            };
            result.Add(new ServedResource(r, NameRule.Subdomain, null, crd.Name()));
        }
        return result;
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").Where(s => s.Length > 0).ToArray() : [];
}
