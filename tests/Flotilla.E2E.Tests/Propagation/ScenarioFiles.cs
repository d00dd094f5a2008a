using Flotilla.TestKit;

namespace Flotilla.E2E.Tests.Propagation;

/// <summary>The scenario manifests copied verbatim into the test output, and small kubectl read helpers.</summary>
internal static class ScenarioFiles
{
    /// <summary>One xUnit collection, so scenario classes (each a whole flotilla up) run one at a time on a small machine.</summary>
    public const string Collection = "flotilla-up scenarios";

    public static string Path(string scenario, string file) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario, file);

    /// <summary>A jsonpath value of one object, or null when kubectl fails (e.g. NotFound).</summary>
    public static async Task<string?> GetAsync(this Kubectl k, string kind, string name, string jsonPath, string? ns = null)
    {
        var args = new List<string> { "get", kind, name, "-o", "jsonpath=" + jsonPath };
        if (ns is not null) { args.Add("-n"); args.Add(ns); }
        var r = await k.RunAsync([.. args]).ConfigureAwait(false);
        return r.ExitCode == 0 ? r.Stdout.Trim() : null;
    }

    /// <summary>True when kubectl reports the object NotFound.</summary>
    public static async Task<bool> IsGoneAsync(this Kubectl k, string kind, string name, string? ns = null)
    {
        var args = new List<string> { "get", kind, name };
        if (ns is not null) { args.Add("-n"); args.Add(ns); }
        var r = await k.RunAsync([.. args]).ConfigureAwait(false);
        return r.ExitCode != 0 && r.Stderr.Contains("NotFound", StringComparison.Ordinal);
    }
}
