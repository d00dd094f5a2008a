using Flotilla.ApiServer.Registry;

namespace Flotilla.ApiServer.Store;

/// <summary>Kubernetes' name rules (apimachinery validation): DNS-1123 subdomain and label, path-segment names.</summary>
public static class NameValidation
{
    public const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    public const string LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public static bool IsDns1123Label(string s)
    {
        if (s.Length is 0 or > 63) return false;
        if (!IsAlnum(s[0]) || !IsAlnum(s[^1])) return false;
        foreach (var c in s) if (!IsAlnum(c) && c != '-') return false;
        return true;
    }

    public static bool IsDns1123Subdomain(string s)
    {
        if (s.Length is 0 or > 253) return false;
        foreach (var part in s.Split('.')) if (!IsDns1123Label(part)) return false;
        return true;
    }

    /// <summary>The error messages for <paramref name="name"/> under <paramref name="rule"/> (empty when valid).</summary>
    public static string? Validate(string name, NameRule rule) => rule switch
    {
        NameRule.Label when name.Length > 63 => "must be no more than 63 characters",
        NameRule.Label when !IsDns1123Label(name) => LabelMessage,
        NameRule.Subdomain when name.Length > 253 => "must be no more than 253 characters",
        NameRule.Subdomain when !IsDns1123Subdomain(name) => SubdomainMessage,
        NameRule.PathSegment when name is "." or ".." => $"may not be '{name}'",
        NameRule.PathSegment when name.Contains('/', StringComparison.Ordinal) => "may not contain '/'",
        NameRule.PathSegment when name.Contains('%', StringComparison.Ordinal) => "may not contain '%'",
        _ => null,
    };

    private static bool IsAlnum(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}
