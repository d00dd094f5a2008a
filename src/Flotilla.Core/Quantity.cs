using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flotilla.Core;

/// <summary>How a <see cref="Quantity"/> prints itself: the suffix family it was written with.</summary>
public enum QuantityFormat
{
    /// <summary>Powers of ten with SI suffixes: n u m "" k M G T P E.</summary>
    DecimalSI,
    /// <summary>Powers of two with binary suffixes: Ki Mi Gi Ti Pi Ei.</summary>
    BinarySI,
    /// <summary>Scientific notation: 1e3, 100e-3.</summary>
    DecimalExponent,
}

/// <summary>
/// A Kubernetes resource quantity ("100m", "128Mi", "1.5", "1e3"), with apimachinery's exact rules:
/// values are held exactly in nano-units (10^-9), non-zero values finer than a nano are rounded up (away from zero),
/// binary-suffixed values are capped at 2^63-1 units (decimal ones may go up to ~1.7e29), and <see cref="ToString"/> gives the canonical form
/// (mantissa with an exponent that is a multiple of 3, or of 10 bits for binary suffixes, shortest exact form).
/// Equality and ordering compare the value only, not the format.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    private const long NanosPerUnit = 1_000_000_000L;

    private readonly Int128 _nanos;

    private Quantity(Int128 nanos, QuantityFormat format)
    {
        _nanos = nanos;
        Format = format;
    }

    public QuantityFormat Format { get; }

    public static readonly Quantity Zero = new(0, QuantityFormat.DecimalSI);

    public bool IsZero => _nanos == 0;
    public int Sign => _nanos.CompareTo(Int128.Zero);

    /// <summary>The exact value in nano-units.</summary>
    public Int128 NanoValue => _nanos;

    /// <summary>The value in whole units, rounded up (away from zero), like apimachinery's <c>Value()</c>.</summary>
    public long Value => (long)CeilDiv(_nanos, NanosPerUnit);

    /// <summary>The value in milli-units, rounded up (away from zero), like apimachinery's <c>MilliValue()</c>.</summary>
    public long MilliValue => (long)CeilDiv(_nanos, 1_000_000);

    public static Quantity FromUnits(long units, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new((Int128)units * NanosPerUnit, format);

    public static Quantity FromMilli(long milli, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new((Int128)milli * 1_000_000, format);

    public static Quantity FromNanos(Int128 nanos, QuantityFormat format = QuantityFormat.DecimalSI) => new(nanos, format);

    public static Quantity operator +(Quantity a, Quantity b) => new(a._nanos + b._nanos, a.IsZero ? b.Format : a.Format);
    public static Quantity operator -(Quantity a, Quantity b) => new(a._nanos - b._nanos, a.IsZero ? b.Format : a.Format);
    public static Quantity operator -(Quantity a) => new(-a._nanos, a.Format);
    public static bool operator ==(Quantity a, Quantity b) => a._nanos == b._nanos;
    public static bool operator !=(Quantity a, Quantity b) => a._nanos != b._nanos;
    public static bool operator <(Quantity a, Quantity b) => a._nanos < b._nanos;
    public static bool operator >(Quantity a, Quantity b) => a._nanos > b._nanos;
    public static bool operator <=(Quantity a, Quantity b) => a._nanos <= b._nanos;
    public static bool operator >=(Quantity a, Quantity b) => a._nanos >= b._nanos;

    public Quantity Add(Quantity other) => this + other;
    public Quantity Subtract(Quantity other) => this - other;
    public Quantity Negate() => -this;

    public bool Equals(Quantity other) => _nanos == other._nanos;
    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);
    public override int GetHashCode() => _nanos.GetHashCode();
    public int CompareTo(Quantity other) => _nanos.CompareTo(other._nanos);

    /// <summary>Parses a quantity; throws <see cref="FormatException"/> with apimachinery's messages.</summary>
    public static Quantity Parse(string s)
    {
        if (TryParse(s, out var q, out var error)) return q;
        throw new FormatException(error);
    }

    public static bool TryParse(string? s, out Quantity quantity) => TryParse(s, out quantity, out _);

    private const string FormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    private static bool TryParse(string? s, out Quantity quantity, out string error)
    {
        quantity = default;
        error = FormatError;
        if (string.IsNullOrEmpty(s)) { error = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"; return false; }

        var i = 0;
        var negative = false;
        if (s[i] is '+' or '-') { negative = s[i] == '-'; i++; }

        // number: digits [ . digits ]
        var digits = new StringBuilder();
        var fractionDigits = 0;
        var sawDigit = false;
        var sawDot = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9')
            {
                sawDigit = true;
                digits.Append(c);
                if (sawDot) fractionDigits++;
            }
            else if (c == '.')
            {
                if (sawDot) return false;
                sawDot = true;
            }
            else break;
        }
        if (!sawDigit) return false;

        var suffix = s.AsSpan(i);
        var exp10 = 0;
        var exp2 = 0;
        QuantityFormat format;
        if (!TryParseSuffix(suffix, out format, out exp10, out exp2))
        {
            error = "unable to parse quantity's suffix";
            return false;
        }

        // value = digits * 10^(exp10 - fractionDigits) * 2^exp2, in nanos: * 10^9
        var mantissa = System.Numerics.BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        var scale = exp10 - fractionDigits + 9;
        var value = mantissa * System.Numerics.BigInteger.Pow(2, exp2);
        System.Numerics.BigInteger nanos;
        if (scale >= 0)
        {
            nanos = value * System.Numerics.BigInteger.Pow(10, scale);
        }
        else
        {
            var div = System.Numerics.BigInteger.Pow(10, -scale);
            nanos = System.Numerics.BigInteger.DivRem(value, div, out var rem);
            if (!rem.IsZero) nanos += 1; // round up, away from zero (sign applied below)
        }
        var max = (System.Numerics.BigInteger)long.MaxValue * NanosPerUnit;
        if (format == QuantityFormat.BinarySI && nanos > max) nanos = max; // apimachinery caps binary values at 2^63-1
        if (format == QuantityFormat.BinarySI && nanos < NanosPerUnit && !nanos.IsZero) format = QuantityFormat.DecimalSI;
        if (nanos > (System.Numerics.BigInteger)Int128.MaxValue)
        {
            error = "quantity is too large";
            return false;
        }
        var n = (Int128)nanos;
        quantity = new Quantity(negative ? -n : n, format);
        return true;
    }

    private static bool TryParseSuffix(ReadOnlySpan<char> suffix, out QuantityFormat format, out int exp10, out int exp2)
    {
        format = QuantityFormat.DecimalSI;
        exp10 = 0;
        exp2 = 0;
        switch (suffix)
        {
            case "": return true;
            case "n": exp10 = -9; return true;
            case "u": exp10 = -6; return true;
            case "m": exp10 = -3; return true;
            case "k": exp10 = 3; return true;
            case "M": exp10 = 6; return true;
            case "G": exp10 = 9; return true;
            case "T": exp10 = 12; return true;
            case "P": exp10 = 15; return true;
            case "E": exp10 = 18; return true;
            case "Ki": format = QuantityFormat.BinarySI; exp2 = 10; return true;
            case "Mi": format = QuantityFormat.BinarySI; exp2 = 20; return true;
            case "Gi": format = QuantityFormat.BinarySI; exp2 = 30; return true;
            case "Ti": format = QuantityFormat.BinarySI; exp2 = 40; return true;
            case "Pi": format = QuantityFormat.BinarySI; exp2 = 50; return true;
            case "Ei": format = QuantityFormat.BinarySI; exp2 = 60; return true;
        }
        if (suffix.Length >= 2 && suffix[0] is 'e' or 'E')
        {
            var rest = suffix[1..];
            var j = 0;
            if (rest[0] is '+' or '-') j++;
            if (j >= rest.Length) return false;
            for (var k = j; k < rest.Length; k++) if (rest[k] is < '0' or > '9') return false;
            if (!int.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp10)) return false;
            if (exp10 is > 1000 or < -1000) return false;
            format = QuantityFormat.DecimalExponent;
            return true;
        }
        return false;
    }

    /// <summary>The canonical string form (apimachinery's <c>String()</c>).</summary>
    public override string ToString()
    {
        if (_nanos == 0) return "0";
        var format = Format;
        var abs = _nanos < 0 ? -_nanos : _nanos;
        var sign = _nanos < 0 ? "-" : "";
        if (format == QuantityFormat.BinarySI)
        {
            if (abs < (Int128)1024 * NanosPerUnit || abs % NanosPerUnit != 0)
            {
                format = QuantityFormat.DecimalSI;
            }
            else
            {
                var units = abs / NanosPerUnit;
                var e = 0;
                while (e < 6 && units % 1024 == 0) { units /= 1024; e++; }
                return sign + units.ToString(CultureInfo.InvariantCulture) + BinarySuffixes[e];
            }
        }

        Int128 mantissa;
        int exponent;
        if (abs % NanosPerUnit == 0)
        {
            mantissa = abs / NanosPerUnit;
            exponent = 0;
            while (mantissa % 1000 == 0) { mantissa /= 1000; exponent += 3; }
        }
        else if (abs % 1_000_000 == 0) { mantissa = abs / 1_000_000; exponent = -3; }
        else if (abs % 1_000 == 0) { mantissa = abs / 1_000; exponent = -6; }
        else { mantissa = abs; exponent = -9; }

        var number = sign + mantissa.ToString(CultureInfo.InvariantCulture);
        if (format == QuantityFormat.DecimalExponent)
            return exponent == 0 ? number : number + "e" + exponent.ToString(CultureInfo.InvariantCulture);
        return number + exponent switch
        {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            0 => "",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            18 => "E",
            _ => "e" + exponent.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    private static Int128 CeilDiv(Int128 value, long divisor)
    {
        var q = Int128.DivRem(value, divisor);
        var result = q.Quotient;
        if (q.Remainder > 0) result += 1;
        else if (q.Remainder < 0) result -= 1;
        if (result > long.MaxValue) return long.MaxValue;
        if (result < long.MinValue) return long.MinValue;
        return result;
    }
}

/// <summary>Reads a quantity from a JSON string or number; writes the canonical string.</summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text;
        if (reader.TokenType == JsonTokenType.String)
        {
            text = reader.GetString()!;
        }
        else if (reader.TokenType == JsonTokenType.Number)
        {
            text = reader.HasValueSequence
                ? Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence))
                : Encoding.UTF8.GetString(reader.ValueSpan);
        }
        else
        {
            throw new JsonException("quantity must be a string or a number");
        }
        try
        {
            return Quantity.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    public override Quantity ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Quantity.Parse(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());
}
