using System.Globalization;
using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Schema;

/// <summary>
/// A compact, line-based way to write OpenAPI schemas (our own dialect; see SchemaText*.cs):
/// <code>
/// package io.k8s.api.apps.v1
/// kind Deployment apps/v1 deployments ns # Deployment enables declarative updates for Pods and ReplicaSets.
///   spec DeploymentSpec # Specification of the desired behavior of the Deployment.
/// type DeploymentSpec
///   replicas int32 # Number of desired pods.
///   selector! LabelSelector
///   containers! []Container merge=name patch=merge list=map keys=name
/// </code>
/// "kind" lines add apiVersion, kind and metadata and the x-kubernetes-group-version-kind extension; a "!" after a
/// field name makes it required; a type starting with an upper-case letter is a reference, resolved in the current
/// package first, then by a unique short name over all packages. Scalars: string int32 int64 integer bool number
/// double bytes time quantity intstr any object raw.
/// </summary>
internal static class SchemaDialect
{
    internal const string RefPlaceholderPrefix = "unresolved:";

    public static void Parse(string text, SchemaSetBuilder into)
    {
        var package = "";
        JsonObject? current = null;
        var lineNo = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNo++;
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
            var (body, desc) = SplitDescription(line);
            var indented = char.IsWhiteSpace(line[0]);
            var tokens = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0) continue;
            if (!indented)
            {
                switch (tokens[0])
                {
                    case "package":
                        package = tokens[1];
                        current = null;
                        continue;
                    case "kind":
                    {
                        // kind Name apiVersion plural ns|cluster [flags]
                        var name = tokens[1];
                        var gv = Flotilla.Core.GroupVersion.Parse(tokens[2]);
                        current = NewType(desc);
                        current["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject
                        {
                            ["group"] = gv.Group,
                            ["kind"] = name,
                            ["version"] = gv.Version,
                        });
                        var props = (JsonObject)current["properties"]!;
                        props["apiVersion"] = new JsonObject { ["description"] = ApiVersionDescription, ["type"] = "string" };
                        props["kind"] = new JsonObject { ["description"] = KindDescription, ["type"] = "string" };
                        props["metadata"] = new JsonObject
                        {
                            ["$ref"] = RefPlaceholderPrefix + "io.k8s.apimachinery.pkg.apis.meta.v1|ObjectMeta",
                            ["description"] = MetadataDescription,
                        };
                        ApplyTypeFlags(current, tokens.Skip(5));
                        var full = package + "." + name;
                        into.AddDefinition(full, current);
                        into.AddKind(new KindSchema(new Flotilla.Core.GroupVersionKind(gv.Group, gv.Version, name), full, tokens[3], tokens[4] == "ns"));
                        continue;
                    }
                    case "type":
                    {
                        current = NewType(desc);
                        ApplyTypeFlags(current, tokens.Skip(2));
                        into.AddDefinition(package + "." + tokens[1], current);
                        continue;
                    }
                    default:
                        throw new FormatException($"schema dialect line {lineNo}: unexpected '{tokens[0]}'");
                }
            }
            if (current is null) throw new FormatException($"schema dialect line {lineNo}: field outside a type");
            var fieldName = tokens[0];
            var required = fieldName.EndsWith('!');
            if (required) fieldName = fieldName[..^1];
            if (tokens.Length < 2) throw new FormatException($"schema dialect line {lineNo}: field '{fieldName}' has no type");
            var schema = TypeExpr(tokens[1], package);
            if (desc is not null) schema["description"] = desc;
            foreach (var attr in tokens.Skip(2)) ApplyAttr(schema, attr, lineNo);
            ((JsonObject)current["properties"]!)[fieldName] = schema;
            if (required)
            {
                if (current["required"] is not JsonArray req) current["required"] = req = [];
                req.Add(fieldName);
            }
        }
    }

    private static JsonObject NewType(string? desc)
    {
        var o = new JsonObject();
        if (desc is not null) o["description"] = desc;
        o["type"] = "object";
        o["properties"] = new JsonObject();
        return o;
    }

    private static void ApplyTypeFlags(JsonObject type, IEnumerable<string> flags)
    {
        foreach (var f in flags)
        {
            switch (f)
            {
                case "preserve": type["x-kubernetes-preserve-unknown-fields"] = true; break;
                case "atomic": type["x-kubernetes-map-type"] = "atomic"; break;
                case "granular": type["x-kubernetes-map-type"] = "granular"; break;
                default: break;
            }
        }
    }

    private static (string Body, string? Desc) SplitDescription(string line)
    {
        var idx = line.IndexOf(" # ", StringComparison.Ordinal);
        if (idx < 0) return (line, null);
        return (line[..idx], line[(idx + 3)..].Trim());
    }

    internal static JsonObject TypeExpr(string expr, string package)
    {
        if (expr.StartsWith("[]", StringComparison.Ordinal))
            return new JsonObject { ["type"] = "array", ["items"] = TypeExpr(expr[2..], package) };
        if (expr.StartsWith("map<", StringComparison.Ordinal) && expr.EndsWith('>'))
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = TypeExpr(expr[4..^1], package) };
        return expr switch
        {
            "string" => new JsonObject { ["type"] = "string" },
            "int32" => new JsonObject { ["type"] = "integer", ["format"] = "int32" },
            "int64" => new JsonObject { ["type"] = "integer", ["format"] = "int64" },
            "integer" => new JsonObject { ["type"] = "integer" },
            "bool" => new JsonObject { ["type"] = "boolean" },
            "number" => new JsonObject { ["type"] = "number" },
            "double" => new JsonObject { ["type"] = "number", ["format"] = "double" },
            "bytes" => new JsonObject { ["type"] = "string", ["format"] = "byte" },
            "time" => Ref("io.k8s.apimachinery.pkg.apis.meta.v1|Time"),
            "microtime" => Ref("io.k8s.apimachinery.pkg.apis.meta.v1|MicroTime"),
            "duration" => Ref("io.k8s.apimachinery.pkg.apis.meta.v1|Duration"),
            "quantity" => Ref("io.k8s.apimachinery.pkg.api.resource|Quantity"),
            "intstr" => Ref("io.k8s.apimachinery.pkg.util.intstr|IntOrString"),
            "raw" => Ref("io.k8s.apimachinery.pkg.runtime|RawExtension"),
            "any" => new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true },
            "object" => new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            _ when expr.Contains('.', StringComparison.Ordinal) => Ref("|" + expr),
            _ when char.IsUpper(expr[0]) => Ref(package + "|" + expr),
            _ => throw new FormatException($"unknown schema type '{expr}'"),
        };
    }

    private static JsonObject Ref(string target) => new() { ["$ref"] = RefPlaceholderPrefix + target };

    private static void ApplyAttr(JsonObject schema, string attr, int lineNo)
    {
        if (attr == "preserve") { schema["x-kubernetes-preserve-unknown-fields"] = true; return; }
        if (attr == "nullable") { schema["nullable"] = true; return; }
        var eq = attr.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0) throw new FormatException($"schema dialect line {lineNo}: bad attribute '{attr}'");
        var key = attr[..eq];
        var value = attr[(eq + 1)..];
        var target = schema;
        switch (key)
        {
            case "enum":
            {
                var t = schema["type"]?.GetValue<string>() == "array" ? (JsonObject)schema["items"]! : schema;
                var arr = new JsonArray();
                foreach (var v in value.Split('|')) arr.Add(v);
                t["enum"] = arr;
                break;
            }
            case "default": target["default"] = ParseLiteral(value); break;
            case "merge": target["x-kubernetes-patch-merge-key"] = value; break;
            case "patch": target["x-kubernetes-patch-strategy"] = value; break;
            case "list": target["x-kubernetes-list-type"] = value; break;
            case "keys":
            {
                var arr = new JsonArray();
                foreach (var v in value.Split(',')) arr.Add(v);
                target["x-kubernetes-list-map-keys"] = arr;
                break;
            }
            case "min": target["minimum"] = long.Parse(value, CultureInfo.InvariantCulture); break;
            case "max": target["maximum"] = long.Parse(value, CultureInfo.InvariantCulture); break;
            case "minlen": target["minLength"] = long.Parse(value, CultureInfo.InvariantCulture); break;
            case "maxlen": target["maxLength"] = long.Parse(value, CultureInfo.InvariantCulture); break;
            case "minitems": target["minItems"] = long.Parse(value, CultureInfo.InvariantCulture); break;
            case "maxitems": target["maxItems"] = long.Parse(value, CultureInfo.InvariantCulture); break;
            case "format": target["format"] = value; break;
            case "pattern": target["pattern"] = value; break;
            case "maptype": target["x-kubernetes-map-type"] = value; break;
            default: throw new FormatException($"schema dialect line {lineNo}: unknown attribute '{key}'");
        }
    }

    private static JsonNode ParseLiteral(string value)
    {
        if (value is "true" or "false") return value == "true";
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (value.StartsWith('{') || value.StartsWith('[')) return JsonNode.Parse(value)!;
        if (value.StartsWith('"')) return JsonNode.Parse(value)!;
        return value;
    }

    internal const string ApiVersionDescription = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
    internal const string KindDescription = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
    internal const string MetadataDescription = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
}

/// <summary>One served kind as the schema registry knows it.</summary>
public sealed record KindSchema(Flotilla.Core.GroupVersionKind Gvk, string DefinitionName, string Plural, bool Namespaced);

/// <summary>Collects definitions and kinds, then resolves the dialect's references.</summary>
internal sealed class SchemaSetBuilder
{
    private readonly Dictionary<string, JsonObject> _definitions = new(StringComparer.Ordinal);
    private readonly List<KindSchema> _kinds = [];

    public void AddDefinition(string fullName, JsonObject schema)
    {
        if (!_definitions.TryAdd(fullName, schema)) throw new InvalidOperationException($"duplicate schema definition {fullName}");
    }

    public void AddKind(KindSchema kind) => _kinds.Add(kind);

    public (IReadOnlyDictionary<string, JsonObject> Definitions, IReadOnlyList<KindSchema> Kinds) Build()
    {
        var byShort = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in _definitions.Keys)
        {
            var shortName = name[(name.LastIndexOf('.') + 1)..];
            if (!byShort.TryGetValue(shortName, out var list)) byShort[shortName] = list = [];
            list.Add(name);
        }
        foreach (var def in _definitions.Values) Resolve(def, byShort);
        return (_definitions, _kinds);
    }

    private void Resolve(JsonNode? node, Dictionary<string, List<string>> byShort)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue v && v.GetValue<string>() is var r && r.StartsWith(SchemaDialect.RefPlaceholderPrefix, StringComparison.Ordinal))
                    o["$ref"] = "#/definitions/" + Lookup(r[SchemaDialect.RefPlaceholderPrefix.Length..], byShort);
                foreach (var (_, child) in o.ToList()) Resolve(child, byShort);
                break;
            case JsonArray a:
                foreach (var child in a) Resolve(child, byShort);
                break;
            default:
                break;
        }
    }

    private string Lookup(string target, Dictionary<string, List<string>> byShort)
    {
        var bar = target.IndexOf('|', StringComparison.Ordinal);
        var package = target[..bar];
        var name = target[(bar + 1)..];
        if (name.Contains('.', StringComparison.Ordinal))
        {
            if (_definitions.ContainsKey(name)) return name;
            throw new InvalidOperationException($"schema reference to unknown definition {name}");
        }
        if (package.Length > 0 && _definitions.ContainsKey(package + "." + name)) return package + "." + name;
        if (byShort.TryGetValue(name, out var list))
        {
            if (list.Count == 1) return list[0];
            throw new InvalidOperationException($"ambiguous schema reference {name} from {package}: {string.Join(", ", list)}");
        }
        throw new InvalidOperationException($"schema reference to unknown type {name} from {package}");
    }
}
