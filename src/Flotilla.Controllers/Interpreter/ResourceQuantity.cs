using System.Globalization;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// Minimal Kubernetes quantity arithmetic for summing pod resource requests (a private stand-in until the shared
/// Quantity type lands): parses "100m", "1.5", "128Mi", "1G", "2e3"; formats like resource.Quantity's canonical
/// form for the formats Karmada uses (cpu as milli DecimalSI, memory/storage/hugepages as BinarySI, others DecimalSI).
/// </summary>
internal static class ResourceQuantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1000m), ("M", 1000000m), ("G", 1000000000m),
        ("T", 1000000000000m), ("P", 1000000000000000m), ("E", 1000000000000000000m),
    ];

    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        foreach (var (suffix, factor) in Suffixes)
        {
            if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.Ordinal) && decimal.TryParse(s[..^suffix.Length], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                value = n * factor;
                return true;
            }
        }
        if (decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return true;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d))
        {
            value = (decimal)d;
            return true;
        }
        return false;
    }

    /// <summary>Whether a resource is formatted as BinarySI by Karmada's Resource.ResourceList.</summary>
    public static bool IsBinary(string resourceName) =>
        resourceName is "memory" or "ephemeral-storage" or "storage" || resourceName.StartsWith("hugepages-", StringComparison.Ordinal);

    /// <summary>Canonical form of a resource amount (cpu in cores, everything else in units).</summary>
    public static string Format(string resourceName, decimal amount)
    {
        if (resourceName == "cpu") return FormatDecimal(Math.Ceiling(amount * 1000), -3);
        var units = Math.Ceiling(amount);
        return IsBinary(resourceName) && Math.Abs(units) >= 1024 ? FormatBinary(units) : FormatDecimal(units, 0);
    }

    private static string FormatBinary(decimal units)
    {
        string[] names = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
        var i = 0;
        while (i < names.Length - 1 && units != 0 && units % 1024 == 0)
        {
            units /= 1024;
            i++;
        }
        return units.ToString("0", CultureInfo.InvariantCulture) + names[i];
    }

    /// <summary>DecimalSI: mantissa × 10^(exponent) with the exponent raised in steps of 3 while divisible.</summary>
    private static string FormatDecimal(decimal mantissa, int exponent)
    {
        if (mantissa == 0) return "0";
        while (mantissa % 1000 == 0 && exponent < 18)
        {
            mantissa /= 1000;
            exponent += 3;
        }
        var suffix = exponent switch
        {
            -9 => "n", -6 => "u", -3 => "m", 0 => "", 3 => "k", 6 => "M", 9 => "G", 12 => "T", 15 => "P", 18 => "E",
            _ => "",
        };
        return mantissa.ToString("0", CultureInfo.InvariantCulture) + suffix;
    }
}
