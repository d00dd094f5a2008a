using System.Collections.Concurrent;
using Flotilla.Core;

namespace Flotilla.Simulator.Controllers;

/// <summary>
/// The kube-controller-manager's "expectations": pods a controller created that its informer cache has not shown yet
/// still count, so a reconcile that runs before the cache catches up does not create them a second time.
/// An expectation lapses once the pod is seen, or after <see cref="Ttl"/> (as the real ones do after five minutes).
/// </summary>
internal sealed class CreationExpectations(TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<ObjectKey, ConcurrentDictionary<string, DateTimeOffset>> _created = new();

    public void Created(ObjectKey owner, string podName) =>
        _created.GetOrAdd(owner, _ => new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal))[podName] = time.GetUtcNow();

    /// <summary>How many created pods of <paramref name="owner"/> the cache does not show yet.</summary>
    public int Unseen(ObjectKey owner, IEnumerable<string> cachedNames)
    {
        if (!_created.TryGetValue(owner, out var names) || names.IsEmpty) return 0;
        var seen = cachedNames.ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var (name, at) in names)
            if (seen.Contains(name) || now - at > Ttl) names.TryRemove(name, out _);
        return names.Count;
    }
}
