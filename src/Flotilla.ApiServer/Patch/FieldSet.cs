using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Patch;

/// <summary>
/// A set of field paths, shaped as Kubernetes' FieldsV1 tree: each path element is a key "f:&lt;field&gt;",
/// "k:&lt;json key object&gt;" (associative-list element), "v:&lt;json value&gt;" (set element) or "i:&lt;index&gt;";
/// a node is a member of the set when it is a leaf ({}) or carries ".": {}.
/// </summary>
public sealed class FieldSet
{
    private readonly Dictionary<string, FieldSet> _children = new(StringComparer.Ordinal);

    /// <summary>Whether the path leading to this node is itself in the set.</summary>
    public bool IsMember { get; private set; }

    public bool IsEmpty => !IsMember && _children.Count == 0;

    public IReadOnlyDictionary<string, FieldSet> Children => _children;

    public FieldSet? Child(string element) => _children.GetValueOrDefault(element);

    private FieldSet GetOrAdd(string element)
    {
        if (!_children.TryGetValue(element, out var child)) _children[element] = child = new FieldSet();
        return child;
    }

    /// <summary>Adds <paramref name="path"/> (a list of path elements) to the set.</summary>
    public void Insert(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var e in path) node = node.GetOrAdd(e);
        node.IsMember = true;
    }

    public bool Contains(IReadOnlyList<string> path) => Find(path)?.IsMember == true;

    /// <summary>The node at <paramref name="path"/>, or null.</summary>
    public FieldSet? Find(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var e in path)
            if (!node._children.TryGetValue(e, out node!)) return null;
        return node;
    }

    /// <summary>True when the path or anything below it is in the set.</summary>
    public bool ContainsPrefix(IReadOnlyList<string> path) => Find(path) is { IsEmpty: false };

    /// <summary>Removes <paramref name="path"/> (not its descendants); empty branches are dropped.</summary>
    public void Remove(IReadOnlyList<string> path) => Remove(path, 0);

    private bool Remove(IReadOnlyList<string> path, int depth)
    {
        if (depth == path.Count) IsMember = false;
        else if (_children.TryGetValue(path[depth], out var child) && child.Remove(path, depth + 1))
            _children.Remove(path[depth]);
        return IsEmpty;
    }

    /// <summary>Every member path, parents before children.</summary>
    public IEnumerable<IReadOnlyList<string>> Paths()
    {
        var stack = new List<string>();
        return Walk(this, stack);

        static IEnumerable<IReadOnlyList<string>> Walk(FieldSet node, List<string> prefix)
        {
            if (node.IsMember) yield return prefix.ToArray();
            foreach (var key in node._children.Keys.Order(ElementComparer.Instance))
            {
                prefix.Add(key);
                foreach (var p in Walk(node._children[key], prefix)) yield return p;
                prefix.RemoveAt(prefix.Count - 1);
            }
        }
    }

    /// <summary>Member paths with no member below them (the values a manager sets).</summary>
    public IEnumerable<IReadOnlyList<string>> Leaves() => Paths().Where(p => Find(p)!._children.Count == 0);

    public FieldSet Clone()
    {
        var copy = new FieldSet();
        foreach (var p in Paths()) copy.Insert(p);
        return copy;
    }

    public void UnionWith(FieldSet other)
    {
        foreach (var p in other.Paths()) Insert(p);
    }

    public void ExceptWith(FieldSet other)
    {
        foreach (var p in other.Paths()) Remove(p);
    }

    /// <summary>Parses a FieldsV1 object.</summary>
    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new FieldSet();
        if (fields is not null) Read(set, fields);
        return set;

        static void Read(FieldSet node, JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (key == ".") { node.IsMember = true; continue; }
                var child = node.GetOrAdd(key);
                if (value is JsonObject o && o.Count > 0) Read(child, o);
                else child.IsMember = true;
            }
        }
    }

    /// <summary>Renders the FieldsV1 object ("." first, then f:, k:, v:, i: elements in order).</summary>
    public JsonObject ToFieldsV1()
    {
        var obj = new JsonObject();
        if (IsMember && _children.Count > 0) obj["."] = new JsonObject();
        foreach (var key in _children.Keys.Order(ElementComparer.Instance))
        {
            var child = _children[key];
            if (!child.IsEmpty) obj[key] = child.ToFieldsV1();
        }
        return obj;
    }

    public override string ToString() => ToFieldsV1().ToJsonString();

    /// <summary>Orders path elements as Kubernetes prints them: fields, keys, values, indexes.</summary>
    private sealed class ElementComparer : IComparer<string>
    {
        public static readonly ElementComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var c = Rank(x).CompareTo(Rank(y));
            return c != 0 ? c : string.CompareOrdinal(x, y);
        }

        private static int Rank(string? s) => s is null || s.Length < 2 ? 9 : s[0] switch
        {
            'f' => 0, 'k' => 1, 'v' => 2, 'i' => 3, _ => 4,
        };
    }
}
