namespace Flotilla.Runtime.Controllers;

/// <summary>
/// Karmada's (and kube-controller-manager's) <c>--controllers</c> list: <c>*</c> enables every controller that is
/// on by default, <c>foo</c> enables foo, <c>-foo</c> disables foo. Example: <c>ControllerSelection.Parse("*,-foo,bar")</c>.
/// An explicit name wins over <c>*</c>; without <c>*</c> only the named controllers run.
/// </summary>
public sealed class ControllerSelection
{
    private readonly HashSet<string> _enabled;
    private readonly HashSet<string> _disabled;

    private ControllerSelection(bool star, HashSet<string> enabled, HashSet<string> disabled)
    {
        IncludesDefaults = star;
        _enabled = enabled;
        _disabled = disabled;
    }

    /// <summary>"*": every controller enabled by default.</summary>
    public static ControllerSelection Default { get; } = Parse("*");

    /// <summary>Whether the list contains <c>*</c>.</summary>
    public bool IncludesDefaults { get; }

    /// <summary>Parses a comma-separated list; null or empty means <c>*</c>.</summary>
    public static ControllerSelection Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) spec = "*";
        var star = false;
        var enabled = new HashSet<string>(StringComparer.Ordinal);
        var disabled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in spec.Split(','))
        {
            var item = raw.Trim();
            if (item.Length == 0) continue;
            if (item == "*") { star = true; continue; }
            var negate = item[0] == '-';
            var name = negate ? item[1..].Trim() : item;
            if (name.Length == 0 || name == "*") throw new FormatException($"invalid controller name \"{item}\" in \"{spec}\"");
            (negate ? disabled : enabled).Add(name);
            (negate ? enabled : disabled).Remove(name);
        }
        return new ControllerSelection(star, enabled, disabled);
    }

    public bool IsEnabled(string name, bool enabledByDefault = true)
    {
        if (_disabled.Contains(name)) return false;
        if (_enabled.Contains(name)) return true;
        return IncludesDefaults && enabledByDefault;
    }

    /// <summary>Names the list mentions that are not in <paramref name="known"/> (to reject typos at start-up).</summary>
    public IReadOnlyList<string> UnknownNames(IEnumerable<string> known)
    {
        var k = known.ToHashSet(StringComparer.Ordinal);
        return _enabled.Concat(_disabled).Where(n => !k.Contains(n)).Order(StringComparer.Ordinal).ToList();
    }

    public override string ToString() =>
        string.Join(",", (IncludesDefaults ? ["*"] : Array.Empty<string>())
            .Concat(_enabled.Order(StringComparer.Ordinal))
            .Concat(_disabled.Order(StringComparer.Ordinal).Select(d => "-" + d)));
}
