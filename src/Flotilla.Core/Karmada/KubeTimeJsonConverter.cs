using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>
/// metav1.Time on the wire: RFC 3339 in UTC with second precision ("2024-05-01T10:00:00Z"). Reads any RFC 3339
/// timestamp (fractional seconds and offsets accepted); writes the canonical form.
/// </summary>
public sealed class KubeTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var s = reader.GetString() ?? throw new JsonException("time must be a string");
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return t;
        throw new JsonException($"invalid RFC 3339 time \"{s}\"");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary>The canonical wire form of a metav1.Time.</summary>
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
