using System.Globalization;

namespace Flotilla.ApiServer.Schema;

/// <summary>Kubernetes' duration.HumanDuration (k8s.io/apimachinery/pkg/util/duration): "45s", "5m2s", "3h", "2d4h", "3y12d".</summary>
public static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        // Integer truncation toward zero, as Go's int conversions of time.Duration divisions.
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return I(seconds) + "s";
        var minutes = (long)(d.Ticks / TimeSpan.TicksPerMinute);
        if (minutes < 10)
        {
            var s = (d.Ticks / TimeSpan.TicksPerSecond) % 60;
            return s == 0 ? I(minutes) + "m" : I(minutes) + "m" + I(s) + "s";
        }
        if (minutes < 60 * 3) return I(minutes) + "m";
        var hours = d.Ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? I(hours) + "h" : I(hours) + "h" + I(m) + "m";
        }
        if (hours < 48) return I(hours) + "h";
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? I(hours / 24) + "d" : I(hours / 24) + "d" + I(h) + "h";
        }
        if (hours < 24 * 365 * 2) return I(hours / 24) + "d";
        if (hours < 24 * 365 * 8)
        {
            var dy = (hours / 24) % 365;
            return dy == 0 ? I(hours / 24 / 365) + "y" : I(hours / 24 / 365) + "y" + I(dy) + "d";
        }
        return I(hours / 24 / 365) + "y";
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
}
