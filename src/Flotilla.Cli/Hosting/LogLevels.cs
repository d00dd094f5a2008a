using Microsoft.Extensions.Logging;

namespace Flotilla.Cli.Hosting;

/// <summary>
/// Log levels from the FLOTILLA_LOG environment variable: a comma-separated list of <c>LEVEL</c> (every category) or
/// <c>CATEGORY-PREFIX=LEVEL</c>, e.g. <c>FLOTILLA_LOG=Flotilla.Controllers.resource-detector=Debug,Flotilla.Runtime=Debug</c>.
/// </summary>
public static class LogLevels
{
    public const string Variable = "FLOTILLA_LOG";

    public static void Apply(ILoggingBuilder logging, string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) return;
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.LastIndexOf('=');
            var levelText = eq < 0 ? part : part[(eq + 1)..];
            if (!Enum.TryParse<LogLevel>(levelText, ignoreCase: true, out var level))
                throw new ArgumentException($"{Variable}: \"{levelText}\" is not a log level (Trace, Debug, Information, Warning, Error, Critical, None)");
            if (eq < 0)
            {
                logging.SetMinimumLevel(level);
                logging.AddFilter("Microsoft", level > LogLevel.Warning ? level : LogLevel.Warning);
            }
            else logging.AddFilter(part[..eq], level);
        }
    }
}
