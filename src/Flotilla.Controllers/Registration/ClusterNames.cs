namespace Flotilla.Controllers.Registration;

/// <summary>Validation of member cluster names (karmadactl join: a DNS-1123 label of at most 48 characters, so that
/// derived names such as karmada-es-&lt;name&gt; stay valid).</summary>
public static class ClusterNames
{
    public const int MaxLength = 48;

    /// <summary>Null when <paramref name="name"/> is a valid cluster name, else the reason.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "the cluster name must not be empty";
        if (name.Length > MaxLength)
            return $"invalid cluster name \"{name}\": must be no more than {MaxLength} characters (it has {name.Length})";
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                return $"invalid cluster name \"{name}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')";
        }
        if (name[0] == '-' || name[^1] == '-')
            return $"invalid cluster name \"{name}\": a lowercase RFC 1123 label must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')";
        return null;
    }
}
