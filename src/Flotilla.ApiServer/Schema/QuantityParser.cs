using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Flotilla.ApiServer.Schema;

/// <summary>Parses Kubernetes resource quantities ("100m", "1.5Gi", "2", "1e3") to a double, for range and
/// comparison checks.</summary>
public static partial class QuantityParser
{
    public const string FormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    [GeneratedRegex("^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$")]
    private static partial Regex QuantityRegex();

    public static bool TryParse(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v) return false;
        if (v.GetValueKind() == JsonValueKind.Number)
            return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        return v.GetValueKind() == JsonValueKind.String && TryParse(v.GetValue<string>(), out value);
    }

    public static bool TryParse(string s, out double value)
    {
        value = 0;
        var m = QuantityRegex().Match(s.Trim());
        if (!m.Success) return false;
        if (!double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return false;
        var suffix = m.Groups[2].Value;
        double multiplier;
        switch (suffix)
        {
            case "": multiplier = 1; break;
            case "n": multiplier = 1e-9; break;
            case "u": multiplier = 1e-6; break;
            case "m": multiplier = 1e-3; break;
            case "k": multiplier = 1e3; break;
            case "M": multiplier = 1e6; break;
            case "G": multiplier = 1e9; break;
            case "T": multiplier = 1e12; break;
            case "P": multiplier = 1e15; break;
            case "E": multiplier = 1e18; break;
            case "Ki": multiplier = 1024; break;
            case "Mi": multiplier = Math.Pow(1024, 2); break;
            case "Gi": multiplier = Math.Pow(1024, 3); break;
            case "Ti": multiplier = Math.Pow(1024, 4); break;
            case "Pi": multiplier = Math.Pow(1024, 5); break;
            case "Ei": multiplier = Math.Pow(1024, 6); break;
            default:
                if ((suffix[0] == 'e' || suffix[0] == 'E') && int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exp))
                {
                    multiplier = Math.Pow(10, exp);
                    break;
                }
                return false;
        }
        value = number * multiplier;
        return true;
    }
}
