using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>intstr.IntOrString: an int32 or a string such as "25%".</summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    private IntOrString(int? intValue, string? stringValue)
    {
        IntValue = intValue;
        StringValue = stringValue;
    }

    public int? IntValue { get; }
    public string? StringValue { get; }
    public bool IsInt => IntValue.HasValue;

    public static IntOrString FromInt(int value) => new(value, null);
    public static IntOrString FromString(string value) => new(null, value);

    /// <summary>Resolves against a total: ints as-is, "N%" as N% of total (rounded up when <paramref name="roundUp"/>).</summary>
    public int Scaled(int total, bool roundUp)
    {
        if (IntValue is { } i) return i;
        var s = StringValue ?? "0";
        if (s.EndsWith('%') && int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pct))
        {
            var v = (long)pct * total;
            return (int)(roundUp ? (v + 99) / 100 : v / 100);
        }
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    public override string ToString() => IntValue?.ToString(CultureInfo.InvariantCulture) ?? StringValue ?? "";
}

public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => IntOrString.FromInt(reader.GetInt32()),
            JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
            _ => throw new JsonException("expected an integer or a string"),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IntValue is { } i) writer.WriteNumberValue(i);
        else writer.WriteStringValue(value.StringValue);
    }
}
