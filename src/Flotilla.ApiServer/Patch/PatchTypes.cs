namespace Flotilla.ApiServer.Patch;

/// <summary>The PATCH content types kube-apiserver accepts.</summary>
public static class PatchTypes
{
    public const string Json = "application/json-patch+json";
    public const string Merge = "application/merge-patch+json";
    public const string StrategicMerge = "application/strategic-merge-patch+json";
    public const string ApplyYaml = "application/apply-patch+yaml";

    /// <summary>
    /// Accepted types in kube-apiserver's order: built-in kinds take strategic merge, custom resources do not.
    /// </summary>
    public static IReadOnlyList<string> Accepted(bool strategicMerge) =>
        strategicMerge ? [Json, Merge, StrategicMerge, ApplyYaml] : [Json, Merge, ApplyYaml];

    /// <summary>The media type without parameters, lower-cased ("application/merge-patch+json; charset=utf-8" → "application/merge-patch+json").</summary>
    public static string Normalize(string? contentType)
    {
        var ct = contentType ?? "";
        var semi = ct.IndexOf(';', StringComparison.Ordinal);
        return (semi < 0 ? ct : ct[..semi]).Trim().ToLowerInvariant();
    }
}
