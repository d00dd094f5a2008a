using System.Collections.Immutable;
using Flotilla.Core.Selectors;

namespace Flotilla.Simulator;

/// <summary>Faults injected into one member: pods matching any failing selector crash-loop (unready).</summary>
public sealed class FaultState
{
    private ImmutableList<(string Text, LabelSelector Selector)> _failing = [];

    /// <summary>Raised when the set of failing selectors changes (the kubelet re-evaluates every pod).</summary>
    public event Action? Changed;

    public IReadOnlyList<string> FailingSelectors => _failing.Select(f => f.Text).ToList();

    public void FailPods(string selector)
    {
        var parsed = LabelSelector.Parse(selector);
        ImmutableInterlocked.Update(ref _failing, l => l.Any(f => f.Text == selector) ? l : l.Add((selector, parsed)));
        Changed?.Invoke();
    }

    /// <summary>Heals pods of one selector, or of every selector when <paramref name="selector"/> is null.</summary>
    public void HealPods(string? selector)
    {
        ImmutableInterlocked.Update(ref _failing, l => selector is null ? [] : l.RemoveAll(f => f.Text == selector));
        Changed?.Invoke();
    }

    public bool IsFailing(IReadOnlyDictionary<string, string> podLabels)
    {
        foreach (var (_, s) in _failing) if (s.Matches(podLabels)) return true;
        return false;
    }
}
