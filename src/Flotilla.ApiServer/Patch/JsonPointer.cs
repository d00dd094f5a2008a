using System.Globalization;
using System.Text;

namespace Flotilla.ApiServer.Patch;

/// <summary>RFC 6901 JSON pointers: "/a/b~1c/0" ⇄ ["a", "b/c", "0"].</summary>
public static class JsonPointer
{
    /// <summary>Splits a pointer into unescaped reference tokens; "" is the whole document.</summary>
    /// <exception cref="FormatException">The pointer is neither empty nor starts with '/', or has a bad escape.</exception>
    public static IReadOnlyList<string> Parse(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (pointer[0] != '/') throw new FormatException($"JSON pointer must be empty or start with '/': \"{pointer}\"");
        var parts = pointer[1..].Split('/');
        var tokens = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++) tokens[i] = Unescape(parts[i], pointer);
        return tokens;
    }

    /// <summary>Builds a pointer from reference tokens, escaping '~' and '/'.</summary>
    public static string Format(IEnumerable<string> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens) sb.Append('/').Append(Escape(t));
        return sb.ToString();
    }

    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Parses an array index token: digits only, no leading zero (RFC 6901 §4).</summary>
    public static bool TryParseIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0')) return false;
        foreach (var c in token) if (c is < '0' or > '9') return false;
        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static string Unescape(string part, string pointer)
    {
        if (!part.Contains('~', StringComparison.Ordinal)) return part;
        var sb = new StringBuilder(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] != '~') { sb.Append(part[i]); continue; }
            if (i + 1 >= part.Length || (part[i + 1] != '0' && part[i + 1] != '1'))
                throw new FormatException($"invalid escape in JSON pointer \"{pointer}\"");
            sb.Append(part[i + 1] == '0' ? '~' : '/');
            i++;
        }
        return sb.ToString();
    }
}
