namespace Flotilla.Runtime;

/// <summary>
/// A level-triggered reconciler: given a key (never an event payload) it reads the current state — from an informer
/// cache — and makes the world match. Any failure is an exception: the host requeues the key with backoff;
/// <see cref="TerminalReconcileException"/> is logged and not retried. Time-based waits return
/// <see cref="ReconcileResult.RequeueAfter"/>; a reconciler never sleeps. Running it twice in a row must be a no-op.
/// </summary>
public interface IReconciler<TKey> where TKey : notnull, IEquatable<TKey>
{
    ValueTask<ReconcileResult> ReconcileAsync(TKey key, CancellationToken ct);
}
