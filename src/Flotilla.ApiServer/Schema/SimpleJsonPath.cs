using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Schema;

/// <summary>
/// The "simple JSONPath" of CRD additionalPrinterColumns: <c>.a.b</c>, <c>.a[0]</c>, <c>.a[*].b</c>,
/// <c>.a['x.y']</c>, escaped dots (<c>.metadata.annotations.example\.com/x</c>) and equality filters
/// (<c>.status.conditions[?(@.type=="Ready")].status</c>). Returns every matching node, in order.
/// </summary>
public static class SimpleJsonPath
{
    private abstract record Step;
    private sealed record Field(string Name) : Step;
    private sealed record IndexStep(int Index) : Step;
    private sealed record Wildcard : Step;
    private sealed record Filter(string[] Path, string? Value, bool Exists, bool NotEqual) : Step;

    public static IReadOnlyList<JsonNode?> Evaluate(string expression, JsonNode? root)
    {
        List<Step> steps;
        try
        {
            steps = Parse(expression);
        }
        catch (FormatException)
        {
            return [];
        }
        IEnumerable<JsonNode?> current = [root];
        foreach (var step in steps)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                switch (step)
                {
                    case Field f when node is JsonObject o && o.TryGetPropertyValue(f.Name, out var v):
                        next.Add(v);
                        break;
                    case IndexStep i when node is JsonArray a:
                        var idx = i.Index < 0 ? a.Count + i.Index : i.Index;
                        if (idx >= 0 && idx < a.Count) next.Add(a[idx]);
                        break;
                    case Wildcard when node is JsonArray a:
                        next.AddRange(a);
                        break;
                    case Wildcard when node is JsonObject o:
                        next.AddRange(o.Select(kv => kv.Value));
                        break;
                    case Filter f when node is JsonArray a:
                        foreach (var item in a)
                            if (Matches(item, f)) next.Add(item);
                        break;
                    default:
                        break;
                }
            }
            current = next;
        }
        return current.ToList();
    }

    private static bool Matches(JsonNode? item, Filter f)
    {
        JsonNode? cur = item;
        foreach (var p in f.Path)
        {
            if (cur is not JsonObject o || !o.TryGetPropertyValue(p, out cur)) return false;
        }
        if (f.Exists) return cur is not null;
        var text = cur is JsonValue v && v.TryGetValue<string>(out var s) ? s : cur?.ToJsonString();
        return f.NotEqual ? text != f.Value : text == f.Value;
    }

    private static List<Step> Parse(string expression)
    {
        var e = expression.Trim();
        if (e.StartsWith('{') && e.EndsWith('}')) e = e[1..^1];
        if (e.StartsWith('$')) e = e[1..];
        var steps = new List<Step>();
        var i = 0;
        while (i < e.Length)
        {
            var c = e[i];
            if (c == '.')
            {
                i++;
                if (i < e.Length && e[i] == '*') { steps.Add(new Wildcard()); i++; continue; }
                var sb = new StringBuilder();
                while (i < e.Length && e[i] != '.' && e[i] != '[')
                {
                    if (e[i] == '\\' && i + 1 < e.Length) { sb.Append(e[i + 1]); i += 2; continue; }
                    sb.Append(e[i]);
                    i++;
                }
                if (sb.Length > 0) steps.Add(new Field(sb.ToString()));
                continue;
            }
            if (c == '[')
            {
                var end = FindClose(e, i);
                var inner = e[(i + 1)..end].Trim();
                i = end + 1;
                if (inner == "*") steps.Add(new Wildcard());
                else if (inner.StartsWith('?')) steps.Add(ParseFilter(inner));
                else if (inner.StartsWith('\'') || inner.StartsWith('"')) steps.Add(new Field(inner[1..^1]));
                else if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) steps.Add(new IndexStep(n));
                else if (inner.Contains(':', StringComparison.Ordinal)) steps.Add(new Wildcard());
                else throw new FormatException("unsupported JSONPath segment " + inner);
                continue;
            }
            // a bare leading name ("metadata.name")
            var bare = new StringBuilder();
            while (i < e.Length && e[i] != '.' && e[i] != '[') { bare.Append(e[i]); i++; }
            steps.Add(new Field(bare.ToString()));
        }
        return steps;
    }

    private static int FindClose(string e, int open)
    {
        var depth = 0;
        char? quote = null;
        for (var i = open; i < e.Length; i++)
        {
            var c = e[i];
            if (quote is not null) { if (c == quote) quote = null; continue; }
            if (c is '\'' or '"') { quote = c; continue; }
            if (c == '[' || c == '(') depth++;
            else if (c == ']' || c == ')')
            {
                depth--;
                if (depth == 0 && c == ']') return i;
            }
        }
        throw new FormatException("unbalanced JSONPath " + e);
    }

    private static Filter ParseFilter(string inner)
    {
        // ?(@.type=="Ready")  or  ?(@.type)
        var body = inner[1..].Trim();
        if (body.StartsWith('(') && body.EndsWith(')')) body = body[1..^1].Trim();
        var notEqual = body.Contains("!=", StringComparison.Ordinal);
        var op = notEqual ? "!=" : "==";
        var idx = body.IndexOf(op, StringComparison.Ordinal);
        string left;
        string? value = null;
        var exists = idx < 0;
        if (exists) left = body;
        else
        {
            left = body[..idx].Trim();
            value = body[(idx + 2)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'')) value = value[1..^1];
        }
        if (!left.StartsWith('@')) throw new FormatException("unsupported filter " + inner);
        var path = left[1..].Split('.', StringSplitOptions.RemoveEmptyEntries);
        return new Filter(path, value, exists, notEqual);
    }
}
