using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Flotilla.ApiServer.Schema;

/// <summary>Kubernetes' name and label syntax checks (k8s.io/apimachinery/pkg/util/validation), with its messages.</summary>
public static partial class NameValidation
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int LabelValueMaxLength = 63;
    public const int QualifiedNameMaxLength = 63;
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035LabelRegex();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKeyRegex();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvVarNameRegex();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])*$")]
    private static partial Regex PortNameCharsRegex();

    [GeneratedRegex("[a-z]")]
    private static partial Regex HasLetterRegex();

    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > Dns1123LabelMaxLength) errs.Add(MaxLenError(Dns1123LabelMaxLength));
        if (!Dns1123LabelRegex().IsMatch(value))
            errs.Add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        return errs;
    }

    public static IReadOnlyList<string> IsDns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (value.Length > Dns1123SubdomainMaxLength) errs.Add(MaxLenError(Dns1123SubdomainMaxLength));
        if (!Dns1123SubdomainRegex().IsMatch(value))
            errs.Add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        return errs;
    }

    public static IReadOnlyList<string> IsDns1035Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > Dns1123LabelMaxLength) errs.Add(MaxLenError(Dns1123LabelMaxLength));
        if (!Dns1035LabelRegex().IsMatch(value))
            errs.Add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
        return errs;
    }

    /// <summary>Path segment names (RBAC objects and a few others): anything but "." / ".." and without '/' or '%'.</summary>
    public static IReadOnlyList<string> IsPathSegmentName(string value)
    {
        if (value is "." or "..") return [$"may not be '{value}'"];
        var errs = new List<string>();
        if (value.Contains('/', StringComparison.Ordinal)) errs.Add("may not contain '/'");
        if (value.Contains('%', StringComparison.Ordinal)) errs.Add("may not contain '%'");
        return errs;
    }

    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0) errs.Add("prefix part " + EmptyError());
                else foreach (var e in IsDns1123Subdomain(prefix)) errs.Add("prefix part " + e);
                break;
            default:
                return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }
        if (name.Length == 0) errs.Add("name part " + EmptyError());
        else if (name.Length > QualifiedNameMaxLength) errs.Add("name part " + MaxLenError(QualifiedNameMaxLength));
        if (!QualifiedNameRegex().IsMatch(name))
            errs.Add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        return errs;
    }

    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        var errs = new List<string>();
        if (value.Length > LabelValueMaxLength) errs.Add(MaxLenError(LabelValueMaxLength));
        if (!LabelValueRegex().IsMatch(value))
            errs.Add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        return errs;
    }

    public static IReadOnlyList<string> IsConfigMapKey(string value)
    {
        var errs = new List<string>();
        if (value.Length > Dns1123SubdomainMaxLength) errs.Add(MaxLenError(Dns1123SubdomainMaxLength));
        if (!ConfigKeyRegex().IsMatch(value))
            errs.Add("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        if (value == ".") errs.Add("must not be '.'");
        else if (value == "..") errs.Add("must not be '..'");
        else if (value.StartsWith("..", StringComparison.Ordinal)) errs.Add("must not start with '..'");
        return errs;
    }

    public static IReadOnlyList<string> IsEnvVarName(string value)
    {
        var errs = new List<string>();
        if (!EnvVarNameRegex().IsMatch(value))
            errs.Add("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')");
        return errs;
    }

    /// <summary>IANA_SVC_NAME (port names).</summary>
    public static IReadOnlyList<string> IsValidPortName(string port)
    {
        var errs = new List<string>();
        if (port.Length > 15) errs.Add("must be no more than 15 characters");
        if (!PortNameCharsRegex().IsMatch(port)) errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        if (!HasLetterRegex().IsMatch(port)) errs.Add("must contain at least one letter (a-z)");
        if (port.Contains("--", StringComparison.Ordinal)) errs.Add("must not contain consecutive hyphens");
        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-')) errs.Add("must not begin or end with a hyphen");
        return errs;
    }

    public const string PortRangeError = "must be between 1 and 65535, inclusive";

    public static string MaxLenError(int length) => $"must be no more than {length} characters";

    public static string EmptyError() => "must be non-empty";

    /// <summary>ValidateLabels: keys are qualified names, values label values.</summary>
    public static void ValidateLabels(JsonObject? labels, string path, FieldErrors errs)
    {
        if (labels is null) return;
        foreach (var (k, v) in labels)
        {
            foreach (var e in IsQualifiedName(k)) errs.Invalid(path, k, e);
            var s = v is JsonValue jv && jv.TryGetValue<string>(out var str) ? str : null;
            if (s is null) continue;
            foreach (var e in IsValidLabelValue(s)) errs.Invalid(FieldErrors.Key(path, k), s, e);
        }
    }

    /// <summary>ValidateAnnotations: keys are qualified names (case-insensitive), total size at most 256 KiB.</summary>
    public static void ValidateAnnotations(JsonObject? annotations, string path, FieldErrors errs)
    {
        if (annotations is null) return;
        long total = 0;
        foreach (var (k, v) in annotations)
        {
            foreach (var e in IsQualifiedName(k.ToLowerInvariant())) errs.Invalid(path, k, e);
            total += k.Length + (v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s.Length : 0);
        }
        if (total > TotalAnnotationSizeLimit) errs.TooLongValue(path, $"must have at most {TotalAnnotationSizeLimit} bytes");
    }
}
