namespace Flotilla.Core.Selectors;

/// <summary>A field selector: <c>metadata.name=x,status.phase!=Running</c>. Only =, == and != exist.</summary>
public sealed class FieldSelector
{
    private FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> terms) => Terms = terms;

    public IReadOnlyList<(string Field, bool Equal, string Value)> Terms { get; }
    public bool IsEmpty => Terms.Count == 0;
    public static readonly FieldSelector Everything = new([]);

    public static FieldSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) return Everything;
        var terms = new List<(string, bool, string)>();
        foreach (var raw in selector.Split(','))
        {
            var part = raw.Trim();
            if (part.Length == 0) continue;
            int idx;
            if ((idx = part.IndexOf("!=", StringComparison.Ordinal)) > 0)
                terms.Add((part[..idx].Trim(), false, part[(idx + 2)..].Trim()));
            else if ((idx = part.IndexOf("==", StringComparison.Ordinal)) > 0)
                terms.Add((part[..idx].Trim(), true, part[(idx + 2)..].Trim()));
            else if ((idx = part.IndexOf('=', StringComparison.Ordinal)) > 0)
                terms.Add((part[..idx].Trim(), true, part[(idx + 1)..].Trim()));
            else
                throw new FormatException($"invalid selector: '{selector}'; can't understand '{part}'");
        }
        return new FieldSelector(terms);
    }

    /// <summary>Matches using <paramref name="fieldValue"/> to read a field ("metadata.name" → value, or null when
    /// the field is not supported). Unsupported fields make the selector fail to match.</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        foreach (var (field, equal, value) in Terms)
        {
            var actual = fieldValue(field) ?? "";
            if (equal != (actual == value)) return false;
        }
        return true;
    }

    public override string ToString() => string.Join(",", Terms.Select(t => t.Field + (t.Equal ? "=" : "!=") + t.Value));
}
