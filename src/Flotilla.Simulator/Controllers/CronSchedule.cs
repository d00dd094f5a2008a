using System.Globalization;

namespace Flotilla.Simulator.Controllers;

/// <summary>A standard 5-field cron schedule (minute hour day-of-month month day-of-week) with lists, ranges, steps,
/// names and the @yearly/@monthly/@weekly/@daily/@hourly macros, evaluated in UTC as the CronJob controller does
/// without a timeZone. Day-of-month and day-of-week are ORed when both are restricted (Vixie cron).</summary>
public sealed class CronSchedule
{
    private readonly bool[] _minutes = new bool[60], _hours = new bool[24], _days = new bool[32], _months = new bool[13], _weekdays = new bool[7];
    private readonly bool _domStar, _dowStar;

    private CronSchedule(string[] f)
    {
        Fill(_minutes, f[0], 0, 59, null);
        Fill(_hours, f[1], 0, 23, null);
        _domStar = f[2] is "*" or "?";
        Fill(_days, f[2], 1, 31, null);
        Fill(_months, f[3], 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]);
        _dowStar = f[4] is "*" or "?";
        var dow = new bool[8];
        Fill(dow, f[4], 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]);
        for (var i = 0; i < 7; i++) _weekdays[i] = dow[i];
        if (dow[7]) _weekdays[0] = true;
    }

    public static CronSchedule Parse(string text)
    {
        var t = text.Trim();
        t = t switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            _ => t,
        };
        var fields = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5) throw new FormatException($"expected exactly 5 fields, found {fields.Length}: {text}");
        return new CronSchedule(fields);
    }

    /// <summary>The first activation strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        var t = new DateTimeOffset(after.UtcDateTime.Year, after.UtcDateTime.Month, after.UtcDateTime.Day, after.UtcDateTime.Hour, after.UtcDateTime.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_months[t.Month]) { t = new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1); continue; }
            if (!DayMatches(t)) { t = new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1); continue; }
            if (!_hours[t.Hour]) { t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero).AddHours(1); continue; }
            if (!_minutes[t.Minute]) { t = t.AddMinutes(1); continue; }
            return t;
        }
        throw new InvalidOperationException("schedule never fires");
    }

    private bool DayMatches(DateTimeOffset t)
    {
        var dom = _days[t.Day];
        var dow = _weekdays[(int)t.DayOfWeek];
        if (_domStar && _dowStar) return true;
        if (_domStar) return dow;
        if (_dowStar) return dom;
        return dom || dow;
    }

    private static void Fill(bool[] set, string field, int min, int max, string[]? names)
    {
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                step = int.Parse(part[(slash + 1)..], CultureInfo.InvariantCulture);
                if (step <= 0) throw new FormatException($"invalid step in {field}");
                range = part[..slash];
            }
            int lo, hi;
            if (range is "*" or "?") { lo = min; hi = max; }
            else
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                lo = Value(dash >= 0 ? range[..dash] : range, names, min);
                hi = dash >= 0 ? Value(range[(dash + 1)..], names, min) : (slash >= 0 ? max : lo);
            }
            if (lo < min || hi > max || lo > hi) throw new FormatException($"value out of range in {field}");
            for (var v = lo; v <= hi; v += step) set[v] = true;
        }
    }

    private static int Value(string s, string[]? names, int min)
    {
        if (names is not null)
        {
            var idx = Array.FindIndex(names, n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase));
            if (idx >= 0) return idx + (min == 1 ? 1 : 0);
        }
        return int.Parse(s, CultureInfo.InvariantCulture);
    }
}
