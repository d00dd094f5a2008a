using System.Globalization;

namespace Flotilla.Cli.Commands;

/// <summary>Go-style durations on the command line: 300ms, 2s, 1m30s, 1h; a bare number means seconds and
/// hh:mm:ss is accepted too.</summary>
internal static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s.Contains(':', StringComparison.Ordinal))
            return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out value);
        var i = 0;
        double total = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (start == i || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return false;
            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
            var unit = s[unitStart..i];
            double ms = unit switch { "ms" => 1, "s" or "" => 1000, "m" => 60_000, "h" => 3_600_000, _ => -1 };
            if (ms < 0) return false;
            total += n * ms;
        }
        value = TimeSpan.FromMilliseconds(total);
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"\"{text}\" is not a duration (e.g. 500ms, 2s, 1m)");
}
