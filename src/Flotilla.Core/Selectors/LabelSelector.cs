using System.Text;
using System.Text.Json.Nodes;

namespace Flotilla.Core.Selectors;

public enum SelectorOperator { Equals, NotEquals, In, NotIn, Exists, DoesNotExist, GreaterThan, LessThan }

public sealed record Requirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var v);
        return Operator switch
        {
            SelectorOperator.Equals => has && v == Values[0],
            SelectorOperator.NotEquals => !has || v != Values[0],
            SelectorOperator.In => has && Values.Contains(v!),
            SelectorOperator.NotIn => !has || !Values.Contains(v!),
            SelectorOperator.Exists => has,
            SelectorOperator.DoesNotExist => !has,
            SelectorOperator.GreaterThan => has && long.TryParse(v, out var g) && long.TryParse(Values[0], out var gt) && g > gt,
            SelectorOperator.LessThan => has && long.TryParse(v, out var l) && long.TryParse(Values[0], out var lt) && l < lt,
            _ => false,
        };
    }

    public override string ToString() => Operator switch
    {
        SelectorOperator.Equals => $"{Key}={Values[0]}",
        SelectorOperator.NotEquals => $"{Key}!={Values[0]}",
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        SelectorOperator.DoesNotExist => "!" + Key,
        SelectorOperator.GreaterThan => $"{Key}>{Values[0]}",
        SelectorOperator.LessThan => $"{Key}<{Values[0]}",
        _ => Key,
    };
}

/// <summary>
/// A label selector: the string form of list/watch (<c>a=b,c!=d,e in (f,g),!h</c>) and the
/// metav1.LabelSelector object form (matchLabels + matchExpressions). Requirements are ANDed; an empty selector
/// matches everything (use <see cref="Nothing"/> for the "match nothing" selector).
/// </summary>
public sealed class LabelSelector
{
    private readonly bool _nothing;

    private LabelSelector(IReadOnlyList<Requirement> requirements, bool nothing = false)
    {
        Requirements = requirements;
        _nothing = nothing;
    }

    public IReadOnlyList<Requirement> Requirements { get; }
    public bool IsEmpty => Requirements.Count == 0 && !_nothing;

    public static readonly LabelSelector Everything = new([]);
    public static readonly LabelSelector Nothing = new([], nothing: true);

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        if (_nothing) return false;
        foreach (var r in Requirements) if (!r.Matches(labels)) return false;
        return true;
    }

    public override string ToString() => string.Join(",", Requirements);

    /// <summary>Parses the string form; throws <see cref="FormatException"/> with a message naming the problem.</summary>
    public static LabelSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) return Everything;
        var p = new Parser(selector);
        return new LabelSelector(p.ParseAll());
    }

    /// <summary>From a metav1.LabelSelector object; null ⇒ <see cref="Nothing"/>, {} ⇒ <see cref="Everything"/>
    /// (apimachinery's LabelSelectorAsSelector semantics).</summary>
    public static LabelSelector FromJson(JsonNode? node)
    {
        if (node is not JsonObject o) return Nothing;
        var reqs = new List<Requirement>();
        if (o["matchLabels"] is JsonObject ml)
            foreach (var (k, v) in ml.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                reqs.Add(new Requirement(k, SelectorOperator.Equals, [v?.GetValue<string>() ?? ""]));
        if (o["matchExpressions"] is JsonArray me)
        {
            foreach (var e in me.OfType<JsonObject>())
            {
                var key = e.GetString("key") ?? throw new FormatException("matchExpressions: key is required");
                var values = e["values"] is JsonArray va ? va.Select(x => x?.GetValue<string>() ?? "").ToList() : [];
                var op = e.GetString("operator") switch
                {
                    "In" => SelectorOperator.In,
                    "NotIn" => SelectorOperator.NotIn,
                    "Exists" => SelectorOperator.Exists,
                    "DoesNotExist" => SelectorOperator.DoesNotExist,
                    "Gt" => SelectorOperator.GreaterThan,
                    "Lt" => SelectorOperator.LessThan,
                    var other => throw new FormatException($"\"{other}\" is not a valid label selector operator"),
                };
                if (op is SelectorOperator.In or SelectorOperator.NotIn && values.Count == 0)
                    throw new FormatException($"values: for 'in', 'notin' operators, values set can't be empty");
                reqs.Add(new Requirement(key, op, values));
            }
        }
        return new LabelSelector(reqs);
    }

    private sealed class Parser(string s)
    {
        private int _i;

        public List<Requirement> ParseAll()
        {
            var list = new List<Requirement>();
            while (true)
            {
                SkipWs();
                if (_i >= s.Length) break;
                list.Add(ParseRequirement());
                SkipWs();
                if (_i >= s.Length) break;
                if (s[_i] != ',') throw new FormatException($"unable to parse requirement: found '{s[_i]}', expected: ','");
                _i++;
            }
            return list;
        }

        private Requirement ParseRequirement()
        {
            SkipWs();
            if (s[_i] == '!')
            {
                _i++;
                var k = ReadKey();
                return new Requirement(k, SelectorOperator.DoesNotExist, []);
            }
            var key = ReadKey();
            SkipWs();
            if (_i >= s.Length || s[_i] == ',') return new Requirement(key, SelectorOperator.Exists, []);
            if (Match("==")) return new Requirement(key, SelectorOperator.Equals, [ReadValue()]);
            if (Match("!=")) return new Requirement(key, SelectorOperator.NotEquals, [ReadValue()]);
            if (Match("=")) return new Requirement(key, SelectorOperator.Equals, [ReadValue()]);
            if (Match(">")) return new Requirement(key, SelectorOperator.GreaterThan, [ReadValue()]);
            if (Match("<")) return new Requirement(key, SelectorOperator.LessThan, [ReadValue()]);
            if (MatchWord("notin")) return new Requirement(key, SelectorOperator.NotIn, ReadSet());
            if (MatchWord("in")) return new Requirement(key, SelectorOperator.In, ReadSet());
            throw new FormatException($"unable to parse requirement: found '{s[_i..]}', expected: in, notin, =, ==, !=, gt, lt");
        }

        private List<string> ReadSet()
        {
            SkipWs();
            if (_i >= s.Length || s[_i] != '(') throw new FormatException("unable to parse requirement: expected '('");
            _i++;
            var values = new List<string>();
            while (true)
            {
                SkipWs();
                var v = ReadValue();
                values.Add(v);
                SkipWs();
                if (_i >= s.Length) throw new FormatException("unable to parse requirement: expected ')'");
                if (s[_i] == ')') { _i++; break; }
                if (s[_i] != ',') throw new FormatException($"unable to parse requirement: found '{s[_i]}', expected: ',' or ')'");
                _i++;
            }
            if (values.Count == 1 && values[0].Length == 0) values.Clear();
            if (values.Count == 0) throw new FormatException("for 'in', 'notin' operators, values set can't be empty");
            return values;
        }

        private string ReadKey()
        {
            SkipWs();
            var start = _i;
            while (_i < s.Length && IsKeyChar(s[_i])) _i++;
            var key = s[start.._i];
            if (key.Length == 0) throw new FormatException($"unable to parse requirement: found '{(start < s.Length ? s[start..] : "")}', expected: identifier");
            ValidateKey(key);
            return key;
        }

        private string ReadValue()
        {
            SkipWs();
            var start = _i;
            while (_i < s.Length && IsValueChar(s[_i])) _i++;
            var v = s[start.._i];
            if (v.Length > 63) throw new FormatException($"invalid label value: \"{v}\": must be no more than 63 characters");
            return v;
        }

        private bool Match(string tok)
        {
            if (string.CompareOrdinal(s, _i, tok, 0, tok.Length) != 0) return false;
            _i += tok.Length;
            return true;
        }

        private bool MatchWord(string word)
        {
            if (string.CompareOrdinal(s, _i, word, 0, word.Length) != 0) return false;
            var end = _i + word.Length;
            if (end < s.Length && (char.IsLetterOrDigit(s[end]) || s[end] == '-')) return false;
            _i = end;
            return true;
        }

        private void SkipWs() { while (_i < s.Length && s[_i] == ' ') _i++; }
        private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/';
        private static bool IsValueChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
    }

    /// <summary>Validates a qualified label key ("prefix/name"), throwing a FormatException like apimachinery.</summary>
    public static void ValidateKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (name.Length is 0 or > 63 || !char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
            throw new FormatException($"invalid label key \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    }
}
