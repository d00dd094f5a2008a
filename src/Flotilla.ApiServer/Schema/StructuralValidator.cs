using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Schema;

/// <summary>
/// Walks an object against its OpenAPI schema as the API server's decoder and structural-schema machinery do:
/// drops JSON nulls, collects and prunes unknown fields (except under x-kubernetes-preserve-unknown-fields), applies
/// schema defaults, and reports type, enum, range and required-field errors with field paths.
/// </summary>
internal sealed class StructuralValidator
{
    private readonly SchemaRegistry _registry;
    private readonly bool _applyDefaults;
    private readonly bool _prune;
    private readonly bool _checkRequired;

    public StructuralValidator(SchemaRegistry registry, bool applyDefaults, bool prune, bool checkRequired)
    {
        _registry = registry;
        _applyDefaults = applyDefaults;
        _prune = prune;
        _checkRequired = checkRequired;
    }

    public List<string> UnknownFields { get; } = [];
    public FieldErrors Errors { get; } = new();

    /// <summary>Validates the root object (kind, apiVersion and metadata included).</summary>
    public void ValidateRoot(JsonObject obj, JsonObject rootSchema) => WalkObject(obj, _registry.Resolve(rootSchema), "");

    private void Walk(JsonNode value, JsonObject schemaIn, string path)
    {
        var schema = _registry.Resolve(schemaIn);
        if (IsTrue(schema, "x-kubernetes-int-or-string"))
        {
            if (!IsInteger(value) && !IsString(value)) TypeError(path, value, "integer or string");
            else if (IsString(value)) CheckString(value.GetValue<string>(), schema, path);
            return;
        }
        if (schema["oneOf"] is JsonArray oneOf && schema["type"] is null)
        {
            if (!oneOf.OfType<JsonObject>().Any(alt => MatchesType(value, Text(alt["type"]))))
                TypeError(path, value, string.Join(" or ", oneOf.OfType<JsonObject>().Select(a => Text(a["type"]))));
            return;
        }
        var type = Text(schema["type"]);
        if (type is not null && !MatchesType(value, type))
        {
            TypeError(path, value, type);
            return;
        }
        switch (value)
        {
            case JsonObject o:
                WalkObject(o, schema, path);
                break;
            case JsonArray a:
                WalkArray(a, schema, path);
                break;
            case JsonValue v:
                CheckScalar(v, schema, path);
                break;
            default:
                break;
        }
    }

    private void WalkObject(JsonObject o, JsonObject schema, string path)
    {
        var props = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        var preserve = IsTrue(schema, "x-kubernetes-preserve-unknown-fields");
        if (props is null && additional is null && (preserve || schema["type"] is null)) return;
        var additionalAllowed = additional is JsonValue av && av.TryGetValue<bool>(out var allowed) && allowed;
        // Index-based walk (no snapshot copy of the object): removing the current property leaves the index in place.
        for (var i = 0; i < o.Count;)
        {
            var (key, child) = o.GetAt(i);
            JsonNode? propSchema = null;
            var isProperty = props is not null && props.TryGetPropertyValue(key, out propSchema);
            JsonObject? childSchema = null;
            if (propSchema is JsonObject ps) childSchema = ps;
            else if (additional is JsonObject aps) childSchema = aps;
            else if (additionalAllowed || preserve) { i++; continue; }

            if (childSchema is null)
            {
                UnknownFields.Add(FieldErrors.Child(path, key));
                if (_prune) o.RemoveAt(i); else i++;
                continue;
            }
            if (child is null)
            {
                if (!IsTrue(childSchema, "nullable") && !IsTrue(_registry.Resolve(childSchema), "nullable")) o.RemoveAt(i); else i++;
                continue;
            }
            var childPath = isProperty || additional is not JsonObject ? FieldErrors.Child(path, key) : FieldErrors.Key(path, key);
            Walk(child, childSchema, childPath);
            i++;
        }
        if (props is not null && _applyDefaults)
        {
            foreach (var (key, ps) in props)
            {
                if (o.ContainsKey(key) || ps is not JsonObject pso || pso["default"] is not { } def) continue;
                o[key] = def.DeepClone();
            }
        }
        if (_checkRequired && schema["required"] is JsonArray required)
        {
            foreach (var r in required)
            {
                var name = Text(r);
                if (name is not null && !o.ContainsKey(name)) Errors.Required(FieldErrors.Child(path, name));
            }
        }
    }

    private void WalkArray(JsonArray a, JsonObject schema, string path)
    {
        CheckCount(a.Count, schema, path);
        if (schema["items"] is not JsonObject items) return;
        for (var i = 0; i < a.Count; i++)
        {
            var item = a[i];
            var itemPath = FieldErrors.Index(path, i);
            if (item is null)
            {
                Errors.Invalid(itemPath, (JsonNode?)null, "must not be null");
                continue;
            }
            Walk(item, items, itemPath);
        }
    }

    private void CheckScalar(JsonValue v, JsonObject schema, string path)
    {
        if (schema["enum"] is JsonArray e && e.Count > 0)
        {
            var text = v.ToJsonString();
            if (!e.Any(x => x?.ToJsonString() == text))
            {
                Errors.NotSupported(path, v, e.Select(x => x is JsonValue xv && xv.TryGetValue<string>(out var s) ? s : x?.ToJsonString() ?? "null"));
                return;
            }
        }
        if (v.TryGetValue<string>(out var str))
        {
            CheckString(str, schema, path);
            if (Text(schema["format"]) == "byte" && !IsBase64(str))
                Errors.Invalid(path, v, path + " in body must be of type byte: " + FieldErrors.FormatValue(v));
            return;
        }
        if (TryGetDouble(v, out var d))
        {
            if (schema["minimum"] is JsonValue min && TryGetDouble(min, out var mn) && d < mn)
                Errors.Invalid(path, v, $"{path} in body should be greater than or equal to {min.ToJsonString()}");
            if (schema["maximum"] is JsonValue max && TryGetDouble(max, out var mx) && d > mx)
                Errors.Invalid(path, v, $"{path} in body should be less than or equal to {max.ToJsonString()}");
            if (Text(schema["format"]) == "int32" && (d > int.MaxValue || d < int.MinValue))
                Errors.Invalid(path, v, $"{path} in body must be of type int32: " + v.ToJsonString());
        }
    }

    private void CheckString(string s, JsonObject schema, string path)
    {
        var maxLength = JsonAccess.AsLong(schema["maxLength"]);
        var minLength = JsonAccess.AsLong(schema["minLength"]);
        var len = maxLength is null && minLength is null ? 0 : new StringInfo(s).LengthInTextElements;
        if (maxLength is { } max && max < len)
            Errors.TooLongValue(path, $"may not be more than {max} bytes");
        if (minLength is { } min && min > len)
            Errors.Invalid(path, s, $"{path} in body should be at least {min} chars long");
        if (Text(schema["pattern"]) is { } pattern && !PatternMatches(s, pattern))
            Errors.Invalid(path, s, $"{path} in body should match '{pattern}'");
    }

    private void CheckCount(int count, JsonObject schema, string path)
    {
        if (JsonAccess.AsLong(schema["minItems"]) is { } min && min > count)
            Errors.Invalid(path, (long)count, $"{path} in body should have at least {min} items");
        if (JsonAccess.AsLong(schema["maxItems"]) is { } max && max < count)
            Errors.TooLongValue(path, $"must have at most {max} items");
    }

    private static string? Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool PatternMatches(string s, string pattern)
    {
        try
        {
            return System.Text.RegularExpressions.Regex.IsMatch(s, pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return true; // a pattern .NET cannot parse is not the user's fault
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return true;
        }
    }

    private void TypeError(string path, JsonNode value, string expected) =>
        Errors.Invalid(path, DescribeType(value), $"{(path.Length == 0 ? "body" : path)} in body must be of type {expected}: {FieldErrors.Quote(DescribeType(value))}");

    private static string DescribeType(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "string",
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValue v when IsInteger(v) => "integer",
        _ => "number",
    };

    private static bool MatchesType(JsonNode value, string? type) => type switch
    {
        null => true,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => IsString(value),
        "boolean" => value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "integer" => IsInteger(value),
        "number" => value is JsonValue n && n.GetValueKind() == JsonValueKind.Number,
        _ => true,
    };

    private static bool IsString(JsonNode value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static bool IsInteger(JsonNode value)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return false;
        if (v.TryGetValue<long>(out _) || v.TryGetValue<int>(out _)) return true;
        return TryGetDouble(v, out var d) && Math.Floor(d) == d && !double.IsInfinity(d);
    }

    private static bool TryGetDouble(JsonValue v, out double d)
    {
        if (v.TryGetValue(out d)) return true;
        if (v.TryGetValue<long>(out var l)) { d = l; return true; }
        if (v.TryGetValue<int>(out var i)) { d = i; return true; }
        if (v.TryGetValue<decimal>(out var m)) { d = (double)m; return true; }
        if (v.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return true;
        d = 0;
        return false;
    }

    private static bool IsTrue(JsonObject schema, string property) =>
        schema[property] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    internal static bool IsBase64(string s)
    {
        if (s.Length == 0) return true;
        var buffer = new byte[(s.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(s, buffer, out _);
    }
}
