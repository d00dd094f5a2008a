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

    /// <summary>Validates the root object (kind, apiVersion and metadata included), or with
    /// <paramref name="onlyProperty"/> only that top-level field (a status write: the rest is the stored object).</summary>
    public void ValidateRoot(JsonObject obj, JsonObject rootSchema, string? onlyProperty = null)
    {
        _path.Clear();
        _only = onlyProperty;
        WalkObject(obj, CompiledSchema.For(_registry, rootSchema));
    }

    private string? _only;

    // The field path is kept as segments and only rendered when an error or an unknown field needs it.
    private enum SegmentKind : byte { Child, Key, Index }

    private readonly record struct Segment(SegmentKind Kind, string? Name, int Index);

    private readonly List<Segment> _path = [];

    private string Path()
    {
        var p = "";
        foreach (var s in _path)
        {
            p = s.Kind switch
            {
                SegmentKind.Child => FieldErrors.Child(p, s.Name!),
                SegmentKind.Key => FieldErrors.Key(p, s.Name!),
                _ => FieldErrors.Index(p, s.Index),
            };
        }
        return p;
    }

    private void Walk(JsonNode value, CompiledSchema schema)
    {
        if (schema.IntOrString)
        {
            if (!IsInteger(value) && !IsString(value)) TypeError(value, "integer or string");
            else if (IsString(value)) CheckString(value.GetValue<string>(), schema);
            return;
        }
        if (schema.OneOfTypes is { } oneOf)
        {
            if (!MatchesAny(value, oneOf)) TypeError(value, string.Join(" or ", oneOf));
            return;
        }
        if (schema.Type is { } type && !MatchesType(value, type))
        {
            TypeError(value, type);
            return;
        }
        switch (value)
        {
            case JsonObject o:
                WalkObject(o, schema);
                break;
            case JsonArray a:
                WalkArray(a, schema);
                break;
            case JsonValue v:
                CheckScalar(v, schema);
                break;
            default:
                break;
        }
    }

    private static bool MatchesAny(JsonNode value, string?[] types)
    {
        foreach (var t in types)
            if (MatchesType(value, t)) return true;
        return false;
    }

    private void WalkObject(JsonObject o, CompiledSchema schema)
    {
        if (schema.SkipsObject) return;
        var props = schema.Properties;
        var additional = schema.AdditionalSchema;
        // Index-based walk (no snapshot copy of the object): removing the current property leaves the index in place.
        for (var i = 0; i < o.Count;)
        {
            var (key, child) = o.GetAt(i);
            if (_only is not null && _path.Count == 0 && key != _only) { i++; continue; }
            JsonNode? propSchema = null;
            var isProperty = props is not null && props.TryGetPropertyValue(key, out propSchema);
            JsonObject? childSchema = null;
            if (propSchema is JsonObject ps) childSchema = ps;
            else if (additional is not null) childSchema = additional;
            else if (schema.AdditionalAllowed || schema.Preserve) { i++; continue; }

            if (childSchema is null)
            {
                UnknownFields.Add(FieldErrors.Child(Path(), key));
                if (_prune) o.RemoveAt(i); else i++;
                continue;
            }
            var compiled = CompiledSchema.For(_registry, childSchema);
            if (child is null)
            {
                if (!compiled.Nullable) o.RemoveAt(i); else i++;
                continue;
            }
            _path.Add(new Segment(isProperty || additional is null ? SegmentKind.Child : SegmentKind.Key, key, 0));
            Walk(child, compiled);
            _path.RemoveAt(_path.Count - 1);
            i++;
        }
        if (_applyDefaults && schema.Defaults is { } defaults)
        {
            foreach (var (key, def) in defaults)
                if (!o.ContainsKey(key)) o[key] = def.DeepClone();
        }
        if (_checkRequired && schema.Required is { } required)
        {
            foreach (var name in required)
                if (!o.ContainsKey(name)) Errors.Required(FieldErrors.Child(Path(), name));
        }
    }

    private void WalkArray(JsonArray a, CompiledSchema schema)
    {
        CheckCount(a.Count, schema);
        if (schema.Items is not { } itemsRaw) return;
        var items = CompiledSchema.For(_registry, itemsRaw);
        for (var i = 0; i < a.Count; i++)
        {
            var item = a[i];
            _path.Add(new Segment(SegmentKind.Index, null, i));
            if (item is null) Errors.Invalid(Path(), (JsonNode?)null, "must not be null");
            else Walk(item, items);
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private void CheckScalar(JsonValue v, CompiledSchema schema)
    {
        if (schema.EnumTexts is { } texts && !texts.Contains(v.ToJsonString()))
        {
            Errors.NotSupported(Path(), v, schema.Enum!.Select(x => x is JsonValue xv && xv.TryGetValue<string>(out var s) ? s : x?.ToJsonString() ?? "null"));
            return;
        }
        if (v.TryGetValue<string>(out var str))
        {
            CheckString(str, schema);
            if (schema.Format == "byte" && !IsBase64(str))
            {
                var path = Path();
                Errors.Invalid(path, v, path + " in body must be of type byte: " + FieldErrors.FormatValue(v));
            }
            return;
        }
        if (schema.Minimum is null && schema.Maximum is null && schema.Format != "int32") return;
        if (TryGetDouble(v, out var d))
        {
            if (schema.Minimum is { } min && TryGetDouble(min, out var mn) && d < mn)
                Errors.Invalid(Path(), v, $"{Path()} in body should be greater than or equal to {min.ToJsonString()}");
            if (schema.Maximum is { } max && TryGetDouble(max, out var mx) && d > mx)
                Errors.Invalid(Path(), v, $"{Path()} in body should be less than or equal to {max.ToJsonString()}");
            if (schema.Format == "int32" && (d > int.MaxValue || d < int.MinValue))
                Errors.Invalid(Path(), v, $"{Path()} in body must be of type int32: " + v.ToJsonString());
        }
    }

    private void CheckString(string s, CompiledSchema schema)
    {
        var maxLength = schema.MaxLength;
        var minLength = schema.MinLength;
        var len = maxLength is null && minLength is null ? 0 : RuneCount(s);
        if (maxLength is { } max && max < len)
            Errors.TooLongValue(Path(), $"may not be more than {max} bytes");
        if (minLength is { } min && min > len)
            Errors.Invalid(Path(), s, $"{Path()} in body should be at least {min} chars long");
        if (schema.Pattern is { } pattern && !PatternMatches(s, pattern))
            Errors.Invalid(Path(), s, $"{Path()} in body should match '{pattern}'");
    }

    /// <summary>Characters as the OpenAPI validator counts them (Unicode code points, as Go's RuneCountInString).</summary>
    private static int RuneCount(string s)
    {
        var n = s.Length;
        foreach (var c in s)
            if (char.IsLowSurrogate(c)) n--;
        return n;
    }

    private void CheckCount(int count, CompiledSchema schema)
    {
        if (schema.MinItems is { } min && min > count)
            Errors.Invalid(Path(), (long)count, $"{Path()} in body should have at least {min} items");
        if (schema.MaxItems is { } max && max < count)
            Errors.TooLongValue(Path(), $"must have at most {max} items");
    }

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

    private void TypeError(JsonNode value, string expected)
    {
        var path = Path();
        Errors.Invalid(path, DescribeType(value), $"{(path.Length == 0 ? "body" : path)} in body must be of type {expected}: {FieldErrors.Quote(DescribeType(value))}");
    }

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

    internal static bool IsBase64(string s)
    {
        if (s.Length == 0) return true;
        var buffer = new byte[(s.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(s, buffer, out _);
    }
}
