using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Schema;

/// <summary>Collects validation errors with Kubernetes' field.Error wording (k8s.io/apimachinery/pkg/util/validation/field).</summary>
public sealed class FieldErrors
{
    private readonly List<StatusCause> _causes = [];

    public IReadOnlyList<StatusCause> Causes => _causes;
    public int Count => _causes.Count;

    public void Required(string path, string detail = "") =>
        Add(StatusReasons.FieldValueRequired, path, "Required value" + Detail(detail));

    public void Invalid(string path, JsonNode? value, string detail) =>
        Add(StatusReasons.FieldValueInvalid, path, "Invalid value: " + FormatValue(value) + Detail(detail));

    public void Invalid(string path, string value, string detail) => Invalid(path, JsonValue.Create(value), detail);

    /// <summary>Invalid with the value already rendered (e.g. Go's map[string]string{...} notation).</summary>
    public void InvalidRaw(string path, string renderedValue, string detail) =>
        Add(StatusReasons.FieldValueInvalid, path, "Invalid value: " + renderedValue + Detail(detail));

    public void Invalid(string path, long value, string detail) => Invalid(path, JsonValue.Create(value), detail);

    public void NotSupported(string path, JsonNode? value, IEnumerable<string> supported) =>
        Add(StatusReasons.FieldValueNotSupported, path, "Unsupported value: " + FormatValue(value) + ": supported values: " +
            string.Join(", ", supported.Select(s => "\"" + s + "\"")));

    public void NotSupported(string path, string value, IEnumerable<string> supported) => NotSupported(path, JsonValue.Create(value), supported);

    public void Duplicate(string path, JsonNode? value) =>
        Add(StatusReasons.FieldValueDuplicate, path, "Duplicate value: " + FormatValue(value));

    public void Duplicate(string path, string value) => Duplicate(path, JsonValue.Create(value));

    public void NotFound(string path, string value) =>
        Add(StatusReasons.FieldValueNotFound, path, "Not found: " + FormatValue(JsonValue.Create(value)));

    public void Forbidden(string path, string detail) =>
        Add(StatusReasons.FieldValueForbidden, path, "Forbidden" + Detail(detail));

    public void TooLong(string path, int max) =>
        Add(StatusReasons.FieldValueTooLong, path, $"Too long: may not be more than {max} bytes");

    public void TooLongValue(string path, string detail) =>
        Add(StatusReasons.FieldValueTooLong, path, "Too long: " + detail);

    public void TypeInvalid(string path, JsonNode? value, string detail) =>
        Add(StatusReasons.FieldValueTypeInvalid, path, "Invalid value: " + FormatValue(value) + Detail(detail));

    public void AddRange(FieldErrors other) => _causes.AddRange(other._causes);

    private void Add(string reason, string path, string message) => _causes.Add(new StatusCause(reason, message, path));

    private static string Detail(string detail) => detail.Length == 0 ? "" : ": " + detail;

    /// <summary>Renders a value as Kubernetes does in messages: strings quoted, numbers and booleans bare, other values as JSON.</summary>
    public static string FormatValue(JsonNode? value)
    {
        switch (value)
        {
            case null: return "null";
            case JsonValue v when v.TryGetValue<string>(out var s): return Quote(s);
            case JsonValue v when v.TryGetValue<bool>(out var b): return b ? "true" : "false";
            case JsonValue v when v.TryGetValue<long>(out var l): return l.ToString(CultureInfo.InvariantCulture);
            case JsonValue v when v.TryGetValue<double>(out var d): return d.ToString(CultureInfo.InvariantCulture);
            default: return value.ToJsonString();
        }
    }

    /// <summary>Go's %q for the common cases.</summary>
    public static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s, QuoteOptions);

    private static readonly System.Text.Json.JsonSerializerOptions QuoteOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Kubernetes field path helpers: "spec" + "replicas" ⇒ "spec.replicas"; index ⇒ "spec.containers[0]"; key ⇒ "data[foo]".</summary>
    public static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;
    public static string Index(string path, int i) => path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
    public static string Key(string path, string key) => path + "[" + key + "]";
}
