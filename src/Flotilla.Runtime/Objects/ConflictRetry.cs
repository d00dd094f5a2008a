using Flotilla.Core;

namespace Flotilla.Runtime.Objects;

/// <summary>client-go's retry.RetryOnConflict: re-runs a read-modify-write while it fails with 409 Conflict.</summary>
public static class ConflictRetry
{
    /// <summary>client-go's DefaultRetry: 5 attempts, 10 ms apart (with up to 10% jitter).</summary>
    public static readonly RetryBackoff Default = new(5, TimeSpan.FromMilliseconds(10), 1.0, 0.1);

    /// <summary>Runs <paramref name="action"/> (which must re-read what it modifies) until it does not throw a
    /// Conflict, up to <see cref="RetryBackoff.Steps"/> attempts; the last conflict is rethrown.</summary>
    public static async Task<T> RetryOnConflictAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct,
        RetryBackoff? backoff = null, TimeProvider? time = null)
    {
        var b = backoff ?? Default;
        var delay = b.Duration;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(ct).ConfigureAwait(false);
            }
            catch (ApiStatusException e) when (e.IsConflict && attempt < b.Steps)
            {
            }
            var jittered = b.Jitter > 0 ? delay + TimeSpan.FromTicks((long)(delay.Ticks * b.Jitter * Random.Shared.NextDouble())) : delay;
            if (jittered > TimeSpan.Zero) await Task.Delay(jittered, time ?? TimeProvider.System, ct).ConfigureAwait(false);
            delay = TimeSpan.FromTicks((long)(delay.Ticks * b.Factor));
        }
    }

    public static Task RetryOnConflictAsync(Func<CancellationToken, Task> action, CancellationToken ct,
        RetryBackoff? backoff = null, TimeProvider? time = null) =>
        RetryOnConflictAsync(async c => { await action(c).ConfigureAwait(false); return true; }, ct, backoff, time);
}

/// <summary>Attempts, first delay, growth factor and jitter fraction of a retry loop.</summary>
public sealed record RetryBackoff(int Steps, TimeSpan Duration, double Factor = 1.0, double Jitter = 0);
