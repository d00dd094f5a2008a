using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Schema;

/// <summary>
/// The OpenAPI schemas of every served kind: built-in Kubernetes kinds, Karmada's kinds (written in the schema dialect,
/// see <see cref="SchemaDialect"/>) and CRDs registered at run time. Serves /openapi/v2 and /openapi/v3 and gives
/// admission and table printing the schema of a kind. Thread-safe: readers see an immutable snapshot.
/// </summary>
public sealed class SchemaRegistry : ISchemaRegistry
{
    internal const string DefinitionsPrefix = "#/definitions/";
    private const string V3Prefix = "#/components/schemas/";
    private const string ObjectMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private const string ListMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

    private static readonly Lazy<(IReadOnlyDictionary<string, JsonObject> Definitions, IReadOnlyList<KindSchema> Kinds)> BuiltIn = new(BuildBuiltIn);

    private readonly Lock _gate = new();
    private State _state;
    private readonly string _kubernetesVersion;

    /// <param name="kubernetesVersion">The version reported in the documents' info block (e.g. "v1.31.0").</param>
    public SchemaRegistry(string kubernetesVersion = "v1.31.0")
    {
        _kubernetesVersion = kubernetesVersion;
        var (defs, kinds) = BuiltIn.Value;
        _state = new State(defs, kinds, new Dictionary<string, CrdEntry>(StringComparer.Ordinal), 0);
    }

    /// <summary>Every kind with a schema: built-ins first, then CRD versions.</summary>
    public IReadOnlyList<KindSchema> Kinds => _state.AllKinds;

    /// <summary>Finds the schema entry of a kind (built-in wins over a CRD of the same group/version/kind).</summary>
    public bool TryGetKind(GroupVersionKind gvk, out KindSchema kind)
    {
        if (_state.KindsByGvk.TryGetValue(gvk, out var k)) { kind = k; return true; }
        kind = null!;
        return false;
    }

    /// <summary>The root schema of a kind (the definition carrying x-kubernetes-group-version-kind), or null.</summary>
    public JsonObject? GetRootSchema(GroupVersionKind gvk) =>
        _state.KindsByGvk.TryGetValue(gvk, out var k) ? GetDefinition(k.DefinitionName) : null;

    /// <summary>A definition by its full name ("io.k8s.api.apps.v1.DeploymentSpec"), or null.</summary>
    public JsonObject? GetDefinition(string name) => _state.Definitions.TryGetValue(name, out var d) ? d : null;

    /// <summary>Follows "$ref" (and a single-element allOf wrapping one) until a concrete schema.</summary>
    public JsonObject Resolve(JsonObject schema)
    {
        for (var i = 0; i < 16; i++)
        {
            string? target = null;
            if (schema["$ref"] is JsonValue rv && rv.TryGetValue<string>(out var r1)) target = r1;
            else if (schema["allOf"] is JsonArray { Count: 1 } all && all[0] is JsonObject only && only["$ref"] is JsonValue av && av.TryGetValue<string>(out var r2)) target = r2;
            if (target is null) return schema;
            var name = target.StartsWith(DefinitionsPrefix, StringComparison.Ordinal) ? target[DefinitionsPrefix.Length..]
                : target.StartsWith(V3Prefix, StringComparison.Ordinal) ? target[V3Prefix.Length..] : target;
            if (!_state.Definitions.TryGetValue(name, out var next)) return new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true };
            schema = next;
        }
        return schema;
    }

    /// <summary>The schema of a property of an object schema (refs resolved), or null.</summary>
    public JsonObject? PropertySchema(JsonObject objectSchema, string property)
    {
        var s = Resolve(objectSchema);
        if (s["properties"] is JsonObject props && props[property] is JsonObject p) return Resolve(p);
        if (s["additionalProperties"] is JsonObject ap) return Resolve(ap);
        return null;
    }

    /// <summary>
    /// Strategic-merge-patch metadata of one field of an object schema (as kubectl and kube-apiserver read it from
    /// x-kubernetes-patch-strategy / x-kubernetes-patch-merge-key / x-kubernetes-list-type): the field's resolved
    /// schema (the item schema for lists), its patch strategy and merge key. Null when the field is unknown.
    /// </summary>
    public PatchMeta? FieldPatchMeta(JsonObject objectSchema, string field)
    {
        var parent = Resolve(objectSchema);
        JsonObject? raw = null;
        if (parent["properties"] is JsonObject props && props[field] is JsonObject p) raw = p;
        else if (parent["additionalProperties"] is JsonObject ap) raw = ap;
        if (raw is null) return null;
        var strategy = raw["x-kubernetes-patch-strategy"]?.GetValue<string>();
        var mergeKey = raw["x-kubernetes-patch-merge-key"]?.GetValue<string>();
        var listType = raw["x-kubernetes-list-type"]?.GetValue<string>();
        var resolved = Resolve(raw);
        strategy ??= resolved["x-kubernetes-patch-strategy"]?.GetValue<string>();
        mergeKey ??= resolved["x-kubernetes-patch-merge-key"]?.GetValue<string>();
        listType ??= resolved["x-kubernetes-list-type"]?.GetValue<string>();
        var isList = resolved["type"]?.GetValue<string>() == "array";
        var element = isList && resolved["items"] is JsonObject items ? Resolve(items) : resolved;
        return new PatchMeta(element, isList, strategy, mergeKey, listType);
    }

    /// <summary>Printer columns of a CRD version, or null when the kind is not a CRD or has none.</summary>
    public IReadOnlyList<PrinterColumn>? GetPrinterColumns(GroupVersionKind gvk) =>
        _state.PrinterColumns.TryGetValue(gvk, out var cols) ? cols : null;

    /// <summary>True when the kind's schema comes from a registered CRD (structural CRD semantics apply).</summary>
    public bool IsCustomResource(GroupVersionKind gvk) => _state.CrdKinds.Contains(gvk);

    public void RegisterCrd(JsonObject crd)
    {
        var entry = CrdEntry.From(crd);
        lock (_gate)
        {
            var crds = new Dictionary<string, CrdEntry>(_state.Crds, StringComparer.Ordinal) { [entry.Name] = entry };
            _state = _state.With(crds);
        }
    }

    public void UnregisterCrd(JsonObject crd)
    {
        var name = crd.Name() ?? "";
        lock (_gate)
        {
            if (!_state.Crds.ContainsKey(name)) return;
            var crds = new Dictionary<string, CrdEntry>(_state.Crds, StringComparer.Ordinal);
            crds.Remove(name);
            _state = _state.With(crds);
        }
    }

    public JsonObject OpenApiV2()
    {
        var state = _state;
        return (JsonObject)state.Cached("v2", () => BuildV2(state)).DeepClone();
    }

    public JsonObject OpenApiV3Discovery()
    {
        var state = _state;
        var paths = new JsonObject();
        foreach (var gv in state.GroupVersions)
        {
            var path = GroupVersionPath(gv);
            var doc = state.Cached("v3:" + path, () => BuildV3(state, gv));
            var hash = state.Cached("hash:" + path, () => JsonValue.Create(Hash(doc))!).GetValue<string>();
            paths[path] = new JsonObject { ["serverRelativeURL"] = "/openapi/v3/" + path + "?hash=" + hash };
        }
        return new JsonObject { ["paths"] = paths };
    }

    public JsonObject? OpenApiV3(string groupVersionPath)
    {
        var state = _state;
        var trimmed = groupVersionPath.Trim('/');
        foreach (var gv in state.GroupVersions)
        {
            if (GroupVersionPath(gv) == trimmed)
                return (JsonObject)state.Cached("v3:" + trimmed, () => BuildV3(state, gv)).DeepClone();
        }
        return null;
    }

    /// <summary>"api/v1" or "apis/apps/v1".</summary>
    public static string GroupVersionPath(GroupVersion gv) => gv.Group.Length == 0 ? "api/" + gv.Version : "apis/" + gv.Group + "/" + gv.Version;

    private static string Hash(JsonNode doc) => Convert.ToHexString(SHA512.HashData(doc.ToUtf8()));

    // ---------------- construction ----------------

    private static (IReadOnlyDictionary<string, JsonObject>, IReadOnlyList<KindSchema>) BuildBuiltIn()
    {
        var b = new SchemaSetBuilder();
        AddSpecialDefinitions(b);
        SchemaDialect.Parse(SchemaTextMeta.Text, b);
        SchemaDialect.Parse(SchemaTextCore.Text, b);
        SchemaDialect.Parse(SchemaTextApps.Text, b);
        SchemaDialect.Parse(SchemaTextOther.Text, b);
        SchemaDialect.Parse(SchemaTextKarmada.Text, b);
        var (defs, kinds) = b.Build();
        var all = new Dictionary<string, JsonObject>(defs, StringComparer.Ordinal);
        foreach (var k in kinds) AddListDefinition(all, k);
        return (all, kinds);
    }

    private static void AddListDefinition(Dictionary<string, JsonObject> defs, KindSchema k)
    {
        defs[k.DefinitionName + "List"] = new JsonObject
        {
            ["description"] = k.Gvk.Kind + "List is a list of " + k.Gvk.Kind,
            ["type"] = "object",
            ["required"] = new JsonArray("items"),
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["description"] = SchemaDialect.ApiVersionDescription, ["type"] = "string" },
                ["items"] = new JsonObject
                {
                    ["description"] = "List of " + k.Plural + ".",
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["$ref"] = DefinitionsPrefix + k.DefinitionName },
                },
                ["kind"] = new JsonObject { ["description"] = SchemaDialect.KindDescription, ["type"] = "string" },
                ["metadata"] = new JsonObject { ["$ref"] = DefinitionsPrefix + ListMetaName, ["description"] = "Standard list metadata." },
            },
            ["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject
            {
                ["group"] = k.Gvk.Group, ["kind"] = k.Gvk.Kind + "List", ["version"] = k.Gvk.Version,
            }),
        };
    }

    private static void AddSpecialDefinitions(SchemaSetBuilder b)
    {
        b.AddDefinition("io.k8s.apimachinery.pkg.apis.meta.v1.Time", new JsonObject
        {
            ["description"] = "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON. Wrappers are provided for many of the factory methods that the time package offers.",
            ["type"] = "string",
            ["format"] = "date-time",
        });
        b.AddDefinition("io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime", new JsonObject
        {
            ["description"] = "MicroTime is version of Time with microsecond level precision.",
            ["type"] = "string",
            ["format"] = "date-time",
        });
        b.AddDefinition("io.k8s.apimachinery.pkg.apis.meta.v1.Duration", new JsonObject
        {
            ["description"] = "Duration is a wrapper around time.Duration which supports correct marshaling to YAML and JSON.",
            ["type"] = "string",
        });
        b.AddDefinition("io.k8s.apimachinery.pkg.api.resource.Quantity", new JsonObject
        {
            ["description"] = "Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors. The serialization format is: <quantity> ::= <signedNumber><suffix> (e.g. 100m, 1.5Gi, 2).",
            ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" }),
        });
        b.AddDefinition("io.k8s.apimachinery.pkg.util.intstr.IntOrString", new JsonObject
        {
            ["description"] = "IntOrString is a type that can hold an int32 or a string. When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type. This allows you to have, for example, a JSON field that can accept a name or number.",
            ["x-kubernetes-int-or-string"] = true,
            ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
        });
        b.AddDefinition("io.k8s.apimachinery.pkg.runtime.RawExtension", new JsonObject
        {
            ["description"] = "RawExtension is used to hold extensions in external versions. An embedded Kubernetes object (apiVersion, kind, metadata, ...).",
            ["type"] = "object",
            ["x-kubernetes-preserve-unknown-fields"] = true,
            ["x-kubernetes-embedded-resource"] = true,
        });
        b.AddDefinition("io.k8s.apimachinery.pkg.apis.meta.v1.Patch", new JsonObject
        {
            ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
            ["type"] = "object",
        });
    }

    /// <summary>How a special definition is written in Swagger 2.0 (Kubernetes' own v2 shapes).</summary>
    private static readonly Dictionary<string, JsonObject> V2Overrides = new(StringComparer.Ordinal)
    {
        ["io.k8s.apimachinery.pkg.api.resource.Quantity"] = new JsonObject { ["type"] = "string" },
        ["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = new JsonObject { ["type"] = "string", ["format"] = "int-or-string" },
        ["io.k8s.apimachinery.pkg.runtime.RawExtension"] = new JsonObject { ["type"] = "object" },
    };

    // ---------------- documents ----------------

    private JsonObject BuildV2(State state)
    {
        var defs = new JsonObject();
        var published = PublishedRoots(state, state.AllKinds, v2: true);
        // Definitions only custom-resource-like kinds used are inlined into them and not published on their own.
        var used = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(state.Definitions.Keys.Where(n => !n.StartsWith("io.karmada.", StringComparison.Ordinal) || published.ContainsKey(n)
            || state.AllKinds.Any(k => k.DefinitionName == n || k.DefinitionName + "List" == n)));
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!used.Add(name)) continue;
            var def = published.GetValueOrDefault(name) ?? state.Definitions.GetValueOrDefault(name);
            if (def is null) continue;
            foreach (var r in Refs(def)) queue.Enqueue(r);
        }
        foreach (var name in state.Definitions.Keys.Where(used.Contains).Order(StringComparer.Ordinal))
        {
            if (published.TryGetValue(name, out var root))
            {
                StripV3Only(root);
                defs[name] = root;
                continue;
            }
            var d = (JsonObject)state.Definitions[name].DeepClone();
            if (V2Overrides.TryGetValue(name, out var o))
            {
                var desc = d["description"]?.DeepClone();
                d = (JsonObject)o.DeepClone();
                if (desc is not null) d["description"] = desc;
            }
            StripV3Only(d);
            defs[name] = d;
        }
        var paths = new JsonObject();
        foreach (var k in state.AllKinds) AddPaths(paths, k, DefinitionsPrefix, v3: false, SupportsStrategicMerge(state, k.Gvk));
        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = _kubernetesVersion },
            ["paths"] = paths,
            ["definitions"] = defs,
            ["securityDefinitions"] = new JsonObject
            {
                ["BearerToken"] = new JsonObject { ["description"] = "Bearer Token authentication", ["in"] = "header", ["name"] = "authorization", ["type"] = "apiKey" },
            },
            ["security"] = new JsonArray(new JsonObject { ["BearerToken"] = new JsonArray() }),
        };
    }

    private static void StripV3Only(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove("nullable");
                foreach (var (_, c) in o.ToList()) StripV3Only(c);
                break;
            case JsonArray a:
                foreach (var c in a) StripV3Only(c);
                break;
            default:
                break;
        }
    }

    private JsonObject BuildV3(State state, GroupVersion gv)
    {
        var kinds = state.AllKinds.Where(k => k.Gvk.Group == gv.Group && k.Gvk.Version == gv.Version).ToList();
        var needed = new SortedSet<string>(StringComparer.Ordinal)
        {
            "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
            "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
            "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
        };
        var published = PublishedRoots(state, kinds, v2: false);
        foreach (var k in kinds) { needed.Add(k.DefinitionName); needed.Add(k.DefinitionName + "List"); }
        var queue = new Queue<string>(needed);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            var def = published.GetValueOrDefault(name) ?? state.Definitions.GetValueOrDefault(name);
            if (def is null) continue;
            foreach (var r in Refs(def))
                if (needed.Add(r)) queue.Enqueue(r);
        }
        var schemas = new JsonObject();
        foreach (var name in needed)
        {
            if (published.TryGetValue(name, out var root)) schemas[name] = ToV3(root);
            else if (state.Definitions.TryGetValue(name, out var def)) schemas[name] = ToV3((JsonObject)def.DeepClone());
        }
        var paths = new JsonObject();
        foreach (var k in kinds) AddPaths(paths, k, V3Prefix, v3: true, SupportsStrategicMerge(state, k.Gvk));
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = _kubernetesVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["BearerToken"] = new JsonObject { ["type"] = "apiKey", ["description"] = "Bearer Token authentication", ["name"] = "authorization", ["in"] = "header" },
                },
            },
        };
    }

    /// <summary>
    /// The root definitions of the kinds Karmada serves as custom resources (everything but cluster.karmada.io), as a
    /// CRD publishes them: every reference except metadata's resolved in place, so kubectl explain shows Object and
    /// []Object rather than Go type names and one description per field (the field's, else the type's).
    /// </summary>
    private static Dictionary<string, JsonObject> PublishedRoots(State state, IEnumerable<KindSchema> kinds, bool v2)
    {
        var roots = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var k in kinds)
        {
            if (state.CrdKinds.Contains(k.Gvk) || SupportsStrategicMerge(state, k.Gvk)) continue;
            if (!state.Definitions.TryGetValue(k.DefinitionName, out var def)) continue;
            var root = (JsonObject)def.DeepClone();
            if (root["properties"] is JsonObject props)
                foreach (var (name, value) in props.ToList())
                    if (name != "metadata") props[name] = InlineRefs(state, value, v2, 0);
            roots[k.DefinitionName] = root;
        }
        return roots;
    }

    /// <summary>How a CRD's structural schema writes a quantity (apiextensions' int-or-string with Kubernetes' pattern).</summary>
    private static readonly JsonObject CrdQuantity = new()
    {
        ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
        ["pattern"] = "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
        ["x-kubernetes-int-or-string"] = true,
    };

    private static JsonNode? InlineRefs(State state, JsonNode? node, bool v2, int depth)
    {
        switch (node)
        {
            case JsonObject o when depth < 64:
                if (o["$ref"] is JsonValue v && v.GetValue<string>() is var r && r.StartsWith(DefinitionsPrefix, StringComparison.Ordinal)
                    && state.Definitions.TryGetValue(r[DefinitionsPrefix.Length..], out var target))
                {
                    var name = r[DefinitionsPrefix.Length..];
                    JsonObject shape;
                    if (v2 && V2Overrides.TryGetValue(name, out var over)) shape = (JsonObject)over.DeepClone();
                    else if (!v2 && name == "io.k8s.apimachinery.pkg.api.resource.Quantity") shape = (JsonObject)CrdQuantity.DeepClone();
                    else shape = (JsonObject)InlineRefs(state, target, v2, depth + 1)!;
                    shape.Remove("description");
                    if (target["description"] is { } typeDescription && o["description"] is null) shape["description"] = typeDescription.DeepClone();
                    foreach (var (key, value) in o)
                        if (key != "$ref") shape[key] = value?.DeepClone();
                    return shape;
                }
                var copy = new JsonObject();
                foreach (var (key, value) in o) copy[key] = InlineRefs(state, value, v2, depth + 1);
                return copy;
            case JsonArray a:
                return new JsonArray([.. a.Select(x => InlineRefs(state, x, v2, depth + 1))]);
            default:
                return node?.DeepClone();
        }
    }

    private static IEnumerable<string> Refs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue v && v.GetValue<string>() is var r && r.StartsWith(DefinitionsPrefix, StringComparison.Ordinal))
                    yield return r[DefinitionsPrefix.Length..];
                foreach (var (_, c) in o)
                    foreach (var x in Refs(c)) yield return x;
                break;
            case JsonArray a:
                foreach (var c in a)
                    foreach (var x in Refs(c)) yield return x;
                break;
            default:
                break;
        }
    }

    /// <summary>Rewrites references for OpenAPI 3 the way Kubernetes does: "$ref" alone, or wrapped in allOf when the
    /// reference carries its own description or default.</summary>
    private static JsonObject ToV3(JsonObject schema)
    {
        Rewrite(schema);
        return schema;

        static void Rewrite(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["$ref"] is JsonValue v && v.GetValue<string>() is var r && r.StartsWith(DefinitionsPrefix, StringComparison.Ordinal))
                    {
                        var target = V3Prefix + r[DefinitionsPrefix.Length..];
                        if (o.Count == 1) o["$ref"] = target;
                        else
                        {
                            o.Remove("$ref");
                            o["allOf"] = new JsonArray(new JsonObject { ["$ref"] = target });
                        }
                    }
                    foreach (var (_, c) in o.ToList()) Rewrite(c);
                    break;
                case JsonArray a:
                    foreach (var c in a) Rewrite(c);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// Whether PATCH advertises application/strategic-merge-patch+json. kube-apiserver offers it for compiled-in kinds
    /// (and Karmada's aggregated apiserver for Cluster) but not for custom resources — Karmada's policies, bindings and
    /// works are CRDs — and kubectl apply picks merge patch when the content type is absent.
    /// </summary>
    public bool SupportsStrategicMerge(GroupVersionKind gvk) => SupportsStrategicMerge(_state, gvk);

    private static bool SupportsStrategicMerge(State state, GroupVersionKind gvk)
    {
        if (state.CrdKinds.Contains(gvk)) return false;
        if (gvk.Group == Flotilla.Core.Karmada.KarmadaGroups.MultiCluster) return false;
        if (KarmadaAdmission.Handles(gvk)) return gvk.Group == Flotilla.Core.Karmada.KarmadaGroups.Cluster;
        return true;
    }

    private static void AddPaths(JsonObject paths, KindSchema k, string refPrefix, bool v3, bool strategicMerge)
    {
        var gv = new GroupVersion(k.Gvk.Group, k.Gvk.Version);
        var basePath = "/" + GroupVersionPath(gv);
        var collection = k.Namespaced ? basePath + "/namespaces/{namespace}/" + k.Plural : basePath + "/" + k.Plural;
        var item = collection + "/{name}";
        var opKind = OperationKindName(k);
        var gvkExt = new JsonObject { ["group"] = k.Gvk.Group, ["kind"] = k.Gvk.Kind, ["version"] = k.Gvk.Version };
        var objRef = refPrefix + k.DefinitionName;
        var listRef = refPrefix + k.DefinitionName + "List";
        var scopeWord = k.Namespaced ? "Namespaced" : "";

        var itemPath = new JsonObject
        {
            ["get"] = Operation(v3, "read" + opKind + scopeWord + k.Gvk.Kind, "get", "read the specified " + k.Gvk.Kind, gvkExt, objRef, null, ["pretty"]),
            ["put"] = Operation(v3, "replace" + opKind + scopeWord + k.Gvk.Kind, "put", "replace the specified " + k.Gvk.Kind, gvkExt, objRef, objRef, ["pretty", "dryRun", "fieldManager", "fieldValidation"]),
            ["delete"] = Operation(v3, "delete" + opKind + scopeWord + k.Gvk.Kind, "delete", "delete a " + k.Gvk.Kind, gvkExt, refPrefix + "io.k8s.apimachinery.pkg.apis.meta.v1.Status", refPrefix + "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", ["pretty", "dryRun", "gracePeriodSeconds", "propagationPolicy"]),
            ["patch"] = Operation(v3, "patch" + opKind + scopeWord + k.Gvk.Kind, "patch", "partially update the specified " + k.Gvk.Kind, gvkExt, objRef, refPrefix + "io.k8s.apimachinery.pkg.apis.meta.v1.Patch", ["pretty", "dryRun", "fieldManager", "fieldValidation", "force"], strategicMerge),
            ["parameters"] = PathParameters(v3, k.Namespaced, withName: true),
        };
        var collectionPath = new JsonObject
        {
            ["get"] = Operation(v3, "list" + opKind + scopeWord + k.Gvk.Kind, "list", "list or watch objects of kind " + k.Gvk.Kind, gvkExt, listRef, null, ["pretty", "labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "watch"]),
            ["post"] = Operation(v3, "create" + opKind + scopeWord + k.Gvk.Kind, "post", "create a " + k.Gvk.Kind, gvkExt, objRef, objRef, ["pretty", "dryRun", "fieldManager", "fieldValidation"]),
            ["delete"] = Operation(v3, "deletecollection" + opKind + scopeWord + k.Gvk.Kind, "deletecollection", "delete collection of " + k.Gvk.Kind, gvkExt, refPrefix + "io.k8s.apimachinery.pkg.apis.meta.v1.Status", refPrefix + "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", ["pretty", "labelSelector", "fieldSelector"]),
            ["parameters"] = PathParameters(v3, k.Namespaced, withName: false),
        };
        paths[item] = itemPath;
        paths[collection] = collectionPath;
        if (k.Namespaced)
        {
            paths[basePath + "/" + k.Plural] = new JsonObject
            {
                ["get"] = Operation(v3, "list" + opKind + k.Gvk.Kind + "ForAllNamespaces", "list", "list or watch objects of kind " + k.Gvk.Kind, gvkExt, listRef, null, ["pretty", "labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "watch"]),
            };
        }
    }

    private static string OperationKindName(KindSchema k)
    {
        var sb = new StringBuilder();
        var group = k.Gvk.Group.Length == 0 ? "core" : k.Gvk.Group.Split('.')[0];
        sb.Append(char.ToUpperInvariant(group[0])).Append(group.AsSpan(1));
        sb.Append(char.ToUpperInvariant(k.Gvk.Version[0])).Append(k.Gvk.Version.AsSpan(1));
        return sb.ToString();
    }

    private static JsonArray PathParameters(bool v3, bool namespaced, bool withName)
    {
        var arr = new JsonArray();
        if (withName) arr.Add(Param(v3, "name", "path", "name of the " + "object", required: true));
        if (namespaced) arr.Add(Param(v3, "namespace", "path", "object name and auth scope, such as for teams and projects", required: true));
        return arr;
    }

    private static JsonObject Param(bool v3, string name, string @in, string description, bool required = false, string type = "string")
    {
        var p = new JsonObject { ["name"] = name, ["in"] = @in, ["description"] = description };
        if (required) p["required"] = true;
        if (v3) p["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true };
        else { p["type"] = type; p["uniqueItems"] = true; }
        return p;
    }

    private static readonly Dictionary<string, (string Description, string Type)> QueryParams = new(StringComparer.Ordinal)
    {
        ["pretty"] = ("If 'true', then the output is pretty printed.", "string"),
        ["dryRun"] = ("When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed", "string"),
        ["fieldManager"] = ("fieldManager is a name associated with the actor or entity that is making these changes.", "string"),
        ["fieldValidation"] = ("fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict", "string"),
        ["force"] = ("Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people.", "boolean"),
        ["gracePeriodSeconds"] = ("The duration in seconds before the object should be deleted.", "integer"),
        ["propagationPolicy"] = ("Whether and how garbage collection will be performed. Acceptable values are: 'Orphan', 'Background', 'Foreground'.", "string"),
        ["labelSelector"] = ("A selector to restrict the list of returned objects by their labels. Defaults to everything.", "string"),
        ["fieldSelector"] = ("A selector to restrict the list of returned objects by their fields. Defaults to everything.", "string"),
        ["limit"] = ("limit is a maximum number of responses to return for a list call.", "integer"),
        ["continue"] = ("The continue option should be set when retrieving more results from the server.", "string"),
        ["resourceVersion"] = ("resourceVersion sets a constraint on what resource versions a request may be served from.", "string"),
        ["watch"] = ("Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.", "boolean"),
    };

    private static JsonObject Operation(bool v3, string operationId, string action, string description, JsonObject gvk, string responseRef, string? bodyRef, string[] query, bool strategicMerge = true)
    {
        string[] patchTypes = strategicMerge
            ? ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"]
            : ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"];
        var parameters = new JsonArray();
        foreach (var q in query)
        {
            var (d, t) = QueryParams[q];
            parameters.Add(Param(v3, q, "query", d, type: t));
        }
        var op = new JsonObject
        {
            ["description"] = description,
            ["operationId"] = operationId,
            ["parameters"] = parameters,
        };
        if (v3)
        {
            if (bodyRef is not null)
            {
                var content = new JsonObject();
                var types = action == "patch" ? patchTypes : ["*/*"];
                foreach (var t in types) content[t] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = bodyRef } };
                op["requestBody"] = new JsonObject { ["content"] = content, ["required"] = action != "delete" && action != "deletecollection" };
            }
            op["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject
                    {
                        ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = responseRef } },
                        ["application/yaml"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = responseRef } },
                    },
                },
                ["401"] = new JsonObject { ["description"] = "Unauthorized" },
            };
        }
        else
        {
            if (bodyRef is not null)
                parameters.Add(new JsonObject { ["in"] = "body", ["name"] = "body", ["required"] = action != "delete" && action != "deletecollection", ["schema"] = new JsonObject { ["$ref"] = bodyRef } });
            op["consumes"] = action == "patch"
                ? new JsonArray(patchTypes.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray())
                : new JsonArray("*/*");
            op["produces"] = new JsonArray("application/json", "application/yaml", "application/vnd.kubernetes.protobuf");
            op["schemes"] = new JsonArray("https");
            op["responses"] = new JsonObject
            {
                ["200"] = new JsonObject { ["description"] = "OK", ["schema"] = new JsonObject { ["$ref"] = responseRef } },
                ["401"] = new JsonObject { ["description"] = "Unauthorized" },
            };
        }
        op["x-kubernetes-action"] = action;
        op["x-kubernetes-group-version-kind"] = gvk.DeepClone();
        return op;
    }

    // ---------------- state ----------------

    private sealed class State
    {
        private readonly Dictionary<string, JsonNode> _cache = new(StringComparer.Ordinal);
        private readonly Lock _cacheGate = new();

        public State(IReadOnlyDictionary<string, JsonObject> builtInDefs, IReadOnlyList<KindSchema> builtInKinds, Dictionary<string, CrdEntry> crds, int generation)
        {
            BuiltInDefinitions = builtInDefs;
            BuiltInKinds = builtInKinds;
            Crds = crds;
            Generation = generation;
            var defs = new Dictionary<string, JsonObject>(builtInDefs, StringComparer.Ordinal);
            var kinds = new List<KindSchema>(builtInKinds);
            var byGvk = new Dictionary<GroupVersionKind, KindSchema>();
            foreach (var k in builtInKinds) byGvk.TryAdd(k.Gvk, k);
            var columns = new Dictionary<GroupVersionKind, IReadOnlyList<PrinterColumn>>();
            var crdKinds = new HashSet<GroupVersionKind>();
            foreach (var crd in crds.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                foreach (var v in crd.Versions)
                {
                    if (byGvk.ContainsKey(v.Kind.Gvk)) continue;
                    defs[v.Kind.DefinitionName] = v.Schema;
                    AddListDefinition(defs, v.Kind);
                    kinds.Add(v.Kind);
                    byGvk[v.Kind.Gvk] = v.Kind;
                    crdKinds.Add(v.Kind.Gvk);
                    if (v.Columns.Count > 0) columns[v.Kind.Gvk] = v.Columns;
                }
            }
            Definitions = defs;
            AllKinds = kinds;
            KindsByGvk = byGvk;
            PrinterColumns = columns;
            CrdKinds = crdKinds;
            GroupVersions = kinds.Select(k => new GroupVersion(k.Gvk.Group, k.Gvk.Version)).Distinct()
                .OrderBy(g => g.Group.Length == 0 ? "" : g.Group, StringComparer.Ordinal).ThenBy(g => g.Version, StringComparer.Ordinal).ToList();
        }

        public IReadOnlyDictionary<string, JsonObject> BuiltInDefinitions { get; }
        public IReadOnlyList<KindSchema> BuiltInKinds { get; }
        public Dictionary<string, CrdEntry> Crds { get; }
        public int Generation { get; }
        public IReadOnlyDictionary<string, JsonObject> Definitions { get; }
        public IReadOnlyList<KindSchema> AllKinds { get; }
        public IReadOnlyDictionary<GroupVersionKind, KindSchema> KindsByGvk { get; }
        public IReadOnlyDictionary<GroupVersionKind, IReadOnlyList<PrinterColumn>> PrinterColumns { get; }
        public HashSet<GroupVersionKind> CrdKinds { get; }
        public IReadOnlyList<GroupVersion> GroupVersions { get; }

        public State With(Dictionary<string, CrdEntry> crds) => new(BuiltInDefinitions, BuiltInKinds, crds, Generation + 1);

        public JsonNode Cached(string key, Func<JsonNode> build)
        {
            lock (_cacheGate)
            {
                if (_cache.TryGetValue(key, out var v)) return v;
                v = build();
                _cache[key] = v;
                return v;
            }
        }
    }

    private sealed record CrdVersion(KindSchema Kind, JsonObject Schema, IReadOnlyList<PrinterColumn> Columns);

    private sealed record CrdEntry(string Name, IReadOnlyList<CrdVersion> Versions)
    {
        public static CrdEntry From(JsonObject crd)
        {
            var spec = crd["spec"] as JsonObject ?? new JsonObject();
            var group = spec.GetString("group") ?? "";
            var names = spec["names"] as JsonObject;
            var kind = names.GetString("kind") ?? "";
            var plural = names.GetString("plural") ?? kind.ToLowerInvariant() + "s";
            var namespaced = spec.GetString("scope") != "Cluster";
            var versions = new List<CrdVersion>();
            var topSchema = (spec["validation"] as JsonObject)?["openAPIV3Schema"] as JsonObject;
            var topColumns = spec["additionalPrinterColumns"] as JsonArray;
            if (spec["versions"] is JsonArray vs)
            {
                foreach (var vn in vs.OfType<JsonObject>())
                {
                    if (vn["served"] is JsonValue sv && sv.TryGetValue<bool>(out var served) && !served) continue;
                    var version = vn.GetString("name") ?? "";
                    var schema = ((vn["schema"] as JsonObject)?["openAPIV3Schema"] as JsonObject) ?? topSchema;
                    var defName = DefinitionName(group, version, kind);
                    var root = schema is null
                        ? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true }
                        : (JsonObject)schema.DeepClone();
                    root["type"] ??= "object";
                    if (spec["preserveUnknownFields"] is JsonValue puf && puf.TryGetValue<bool>(out var preserveAll) && preserveAll)
                        PreserveEverywhere(root);
                    if (root["properties"] is not JsonObject props) root["properties"] = props = new JsonObject();
                    props["apiVersion"] = new JsonObject { ["description"] = SchemaDialect.ApiVersionDescription, ["type"] = "string" };
                    props["kind"] = new JsonObject { ["description"] = SchemaDialect.KindDescription, ["type"] = "string" };
                    props["metadata"] = new JsonObject { ["$ref"] = DefinitionsPrefix + ObjectMetaName, ["description"] = SchemaDialect.MetadataDescription };
                    root["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version });
                    var columns = new List<PrinterColumn>();
                    foreach (var c in ((vn["additionalPrinterColumns"] as JsonArray) ?? topColumns ?? []).OfType<JsonObject>())
                    {
                        var jsonPath = c.GetString("jsonPath") ?? c.GetString("JSONPath") ?? "";
                        var priority = c["priority"] is JsonValue pv && pv.TryGetValue<int>(out var p) ? p : 0;
                        columns.Add(new PrinterColumn(c.GetString("name") ?? "", c.GetString("type") ?? "string", c.GetString("format") ?? "",
                            c.GetString("description") ?? "", jsonPath, priority));
                    }
                    versions.Add(new CrdVersion(new KindSchema(new GroupVersionKind(group, version, kind), defName, plural, namespaced), root, columns));
                }
            }
            return new CrdEntry(crd.Name() ?? plural + "." + group, versions);
        }

        /// <summary>Legacy spec.preserveUnknownFields=true: nothing is pruned anywhere in the object.</summary>
        private static void PreserveEverywhere(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == "object") o["x-kubernetes-preserve-unknown-fields"] = true;
                    foreach (var (_, c) in o.ToList()) PreserveEverywhere(c);
                    break;
                case JsonArray a:
                    foreach (var c in a) PreserveEverywhere(c);
                    break;
                default:
                    break;
            }
        }

        /// <summary>Kubernetes' CRD definition names: the group reversed ("source.toolkit.fluxcd.io" ⇒
        /// "io.fluxcd.toolkit.source"), then version and kind.</summary>
        private static string DefinitionName(string group, string version, string kind)
        {
            var parts = group.Split('.');
            Array.Reverse(parts);
            return string.Join('.', parts) + "." + version + "." + kind;
        }
    }
}
