namespace Flotilla.Runtime;

/// <summary>What a successful reconcile asks for: nothing (<see cref="Done"/>) or another pass after a delay.</summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter = null)
{
    public static ReconcileResult Done => default;

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}
