using System.Collections.Frozen;
using Flotilla.Core;

namespace Flotilla.ApiServer.Registry;

/// <summary>
/// Every resource one API server serves: the built-in catalogue plus CRDs. Reads are lock-free over an immutable
/// snapshot; CRD changes build and publish a new snapshot.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<ServedResource> _builtin;
    private readonly Dictionary<string, IReadOnlyList<ServedResource>> _crds = new(StringComparer.Ordinal);
    private volatile Snapshot _snapshot;

    public ResourceRegistry(IReadOnlyList<ServedResource> builtin)
    {
        _builtin = builtin;
        _snapshot = new Snapshot(builtin, 1);
    }

    public static ResourceRegistry CreateDefault() => new(BuiltinResources.Create());

    /// <summary>Bumped on every change; discovery caches key on it.</summary>
    public long Generation => _snapshot.Generation;

    public IReadOnlyList<ServedResource> All => _snapshot.All;

    /// <summary>API groups in discovery order, each with its versions (preferred first).</summary>
    public IReadOnlyList<GroupInfo> Groups => _snapshot.Groups;

    public bool TryGet(string group, string version, string plural, out ServedResource resource) =>
        _snapshot.ByGvr.TryGetValue(new GroupVersionResource(group, version, plural), out resource!);

    public ServedResource? Find(GroupVersionResource gvr) => _snapshot.ByGvr.GetValueOrDefault(gvr);

    public ServedResource? FindByKind(GroupVersionKind gvk) => _snapshot.ByGvk.GetValueOrDefault(gvk);

    /// <summary>The entry whose version is the storage version of a group/plural (one per stored resource).</summary>
    public ServedResource? FindStored(string group, string plural) =>
        _snapshot.Stored.GetValueOrDefault(group + "/" + plural);

    /// <summary>One entry per stored resource (storage version), e.g. for namespace cleanup.</summary>
    public IReadOnlyList<ServedResource> StoredResources => _snapshot.StoredList;

    public bool IsGroupVersionServed(string group, string version) => _snapshot.GroupVersions.Contains(group + "/" + version);

    /// <summary>Serves (or re-serves with changes) the resources of one CRD.</summary>
    public void SetCrd(string crdName, IReadOnlyList<ServedResource> resources)
    {
        lock (_gate)
        {
            _crds[crdName] = resources;
            Publish();
        }
    }

    /// <summary>Stops serving a CRD's resources; returns false if it was not served.</summary>
    public bool RemoveCrd(string crdName)
    {
        lock (_gate)
        {
            if (!_crds.Remove(crdName)) return false;
            Publish();
            return true;
        }
    }

    public bool HasCrd(string crdName) { lock (_gate) return _crds.ContainsKey(crdName); }

    private void Publish()
    {
        var all = new List<ServedResource>(_builtin);
        foreach (var list in _crds.Values)
            foreach (var r in list)
                if (!_snapshot.ByGvrBuiltin(r, _builtin)) all.Add(r);
        _snapshot = new Snapshot(all, _snapshot.Generation + 1);
    }

    /// <summary>Orders Kubernetes versions: GA before beta before alpha, higher numbers first.</summary>
    public static int CompareVersionPriority(string a, string b)
    {
        var (ka, ma, na) = Parse(a);
        var (kb, mb, nb) = Parse(b);
        if (ka != kb) return kb.CompareTo(ka);
        if (ka == 0) return string.CompareOrdinal(a, b);
        if (ma != mb) return mb.CompareTo(ma);
        return nb.CompareTo(na);

        static (int Kind, int Major, int Minor) Parse(string v)
        {
            if (v.Length < 2 || v[0] != 'v' || !char.IsAsciiDigit(v[1])) return (0, 0, 0);
            var i = 1;
            while (i < v.Length && char.IsAsciiDigit(v[i])) i++;
            var major = int.Parse(v.AsSpan(1, i - 1), System.Globalization.CultureInfo.InvariantCulture);
            if (i == v.Length) return (3, major, 0);
            var rest = v.AsSpan(i);
            int kind;
            if (rest.StartsWith("beta")) { kind = 2; rest = rest[4..]; }
            else if (rest.StartsWith("alpha")) { kind = 1; rest = rest[5..]; }
            else return (0, 0, 0);
            return int.TryParse(rest, System.Globalization.CultureInfo.InvariantCulture, out var minor) ? (kind, major, minor) : (0, 0, 0);
        }
    }

    public sealed record GroupInfo(string Name, IReadOnlyList<string> Versions, IReadOnlyDictionary<string, IReadOnlyList<ServedResource>> ResourcesByVersion)
    {
        public string PreferredVersion => Versions[0];
    }

    private sealed class Snapshot
    {
        public Snapshot(IReadOnlyList<ServedResource> all, long generation)
        {
            All = all;
            Generation = generation;
            var byGvr = new Dictionary<GroupVersionResource, ServedResource>();
            var byGvk = new Dictionary<GroupVersionKind, ServedResource>();
            var stored = new Dictionary<string, ServedResource>(StringComparer.Ordinal);
            var storedList = new List<ServedResource>();
            var groupOrder = new List<string>();
            var groups = new Dictionary<string, Dictionary<string, List<ServedResource>>>(StringComparer.Ordinal);
            var gvs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in all)
            {
                byGvr.TryAdd(r.Resource.Gvr, r);
                byGvk.TryAdd(r.Resource.Gvk, r);
                gvs.Add(r.Group + "/" + r.Version);
                var storageVersion = r.Resource.StorageVersion ?? r.Version;
                if (storageVersion == r.Version && stored.TryAdd(r.Group + "/" + r.Plural, r)) storedList.Add(r);
                if (!groups.TryGetValue(r.Group, out var versions))
                {
                    groups[r.Group] = versions = new Dictionary<string, List<ServedResource>>(StringComparer.Ordinal);
                    groupOrder.Add(r.Group);
                }
                if (!versions.TryGetValue(r.Version, out var list)) versions[r.Version] = list = [];
                list.Add(r);
            }
            ByGvr = byGvr.ToFrozenDictionary();
            ByGvk = byGvk.ToFrozenDictionary();
            Stored = stored.ToFrozenDictionary(StringComparer.Ordinal);
            StoredList = storedList;
            GroupVersions = gvs.ToFrozenSet(StringComparer.Ordinal);
            var infos = new List<GroupInfo>(groupOrder.Count);
            foreach (var g in groupOrder)
            {
                var versions = groups[g].Keys.ToList();
                versions.Sort(CompareVersionPriority);
                var map = new Dictionary<string, IReadOnlyList<ServedResource>>(StringComparer.Ordinal);
                foreach (var (v, list) in groups[g]) map[v] = list;
                infos.Add(new GroupInfo(g, versions, map));
            }
            Groups = infos;
        }

        public IReadOnlyList<ServedResource> All { get; }
        public long Generation { get; }
        public FrozenDictionary<GroupVersionResource, ServedResource> ByGvr { get; }
        public FrozenDictionary<GroupVersionKind, ServedResource> ByGvk { get; }
        public FrozenDictionary<string, ServedResource> Stored { get; }
        public IReadOnlyList<ServedResource> StoredList { get; }
        public FrozenSet<string> GroupVersions { get; }
        public IReadOnlyList<GroupInfo> Groups { get; }

        /// <summary>A CRD may not shadow a built-in resource.</summary>
        public bool ByGvrBuiltin(ServedResource r, IReadOnlyList<ServedResource> builtin)
        {
            foreach (var b in builtin) if (b.Resource.Gvr == r.Resource.Gvr) return true;
            return false;
        }
    }
}
