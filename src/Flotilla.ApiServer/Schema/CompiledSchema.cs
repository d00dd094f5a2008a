using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Schema;

/// <summary>
/// One OpenAPI schema node read once into plain fields ($ref resolved), so that the structural validator walks an
/// object without string-keyed lookups into the schema's JSON for every field it visits. Compiled lazily per schema
/// node and kept as long as that node lives (schemas are immutable once registered; a CRD update brings new nodes).
/// </summary>
internal sealed class CompiledSchema
{
    private static readonly ConditionalWeakTable<JsonObject, CompiledSchema> Cache = new();

    private CompiledSchema(SchemaRegistry registry, JsonObject raw)
    {
        var s = registry.Resolve(raw);
        Nullable = IsTrue(raw, "nullable") || IsTrue(s, "nullable");
        IntOrString = IsTrue(s, "x-kubernetes-int-or-string");
        Type = Text(s["type"]);
        if (s["oneOf"] is JsonArray oneOf && Type is null)
            OneOfTypes = oneOf.OfType<JsonObject>().Select(alt => Text(alt["type"])).ToArray();
        Properties = s["properties"] as JsonObject;
        var additional = s["additionalProperties"];
        AdditionalSchema = additional as JsonObject;
        AdditionalAllowed = additional is JsonValue av && av.TryGetValue<bool>(out var allowed) && allowed;
        Preserve = IsTrue(s, "x-kubernetes-preserve-unknown-fields");
        SkipsObject = Properties is null && additional is null && (Preserve || s["type"] is null);
        if (Properties is not null)
        {
            var defaults = new List<KeyValuePair<string, JsonNode>>();
            foreach (var (key, ps) in Properties)
                if (ps is JsonObject pso && pso["default"] is { } def) defaults.Add(new(key, def));
            Defaults = defaults.Count > 0 ? defaults.ToArray() : null;
        }
        if (s["required"] is JsonArray required)
            Required = required.Select(Text).OfType<string>().ToArray();
        if (s["enum"] is JsonArray e && e.Count > 0)
        {
            Enum = e;
            EnumTexts = new HashSet<string?>(e.Select(x => x?.ToJsonString()), StringComparer.Ordinal);
        }
        Format = Text(s["format"]);
        Minimum = s["minimum"] as JsonValue;
        Maximum = s["maximum"] as JsonValue;
        MaxLength = JsonAccess.AsLong(s["maxLength"]);
        MinLength = JsonAccess.AsLong(s["minLength"]);
        Pattern = Text(s["pattern"]);
        MinItems = JsonAccess.AsLong(s["minItems"]);
        MaxItems = JsonAccess.AsLong(s["maxItems"]);
        Items = s["items"] as JsonObject;
    }

    /// <summary>The compiled form of <paramref name="raw"/> (a schema node as written, possibly a $ref).</summary>
    public static CompiledSchema For(SchemaRegistry registry, JsonObject raw) =>
        Cache.TryGetValue(raw, out var c) ? c : Compile(registry, raw);

    // Apart from For so that the hit path allocates no closure.
    private static CompiledSchema Compile(SchemaRegistry registry, JsonObject raw) =>
        Cache.GetValue(raw, r => new CompiledSchema(registry, r));

    /// <summary>nullable on the node as written or on what it refers to.</summary>
    public bool Nullable { get; }
    public bool IntOrString { get; }
    public string? Type { get; }
    /// <summary>The alternatives' types of a oneOf without a type of its own; null otherwise.</summary>
    public string?[]? OneOfTypes { get; }
    public JsonObject? Properties { get; }
    public JsonObject? AdditionalSchema { get; }
    public bool AdditionalAllowed { get; }
    public bool Preserve { get; }
    /// <summary>An object schema with nothing to check inside (no properties, no additionalProperties, and preserving
    /// unknown fields or untyped).</summary>
    public bool SkipsObject { get; }
    public KeyValuePair<string, JsonNode>[]? Defaults { get; }
    public string[]? Required { get; }
    public JsonArray? Enum { get; }
    public HashSet<string?>? EnumTexts { get; }
    public string? Format { get; }
    public JsonValue? Minimum { get; }
    public JsonValue? Maximum { get; }
    public long? MaxLength { get; }
    public long? MinLength { get; }
    public string? Pattern { get; }
    public long? MinItems { get; }
    public long? MaxItems { get; }
    public JsonObject? Items { get; }

    private static string? Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool IsTrue(JsonObject schema, string property) =>
        schema[property] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
