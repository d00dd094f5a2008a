namespace Flotilla.TestKit;

/// <summary>Polls a condition until it holds or a deadline passes (never a fixed sleep standing in for synchronisation).</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = interval ?? TimeSpan.FromMilliseconds(20);
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition().ConfigureAwait(false)) return;
                last = null;
            }
            catch (Exception e)
            {
                last = e;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Condition not met within {timeout.TotalSeconds:0.#}s: {because}" + (last is null ? "" : $" (last error: {last.Message})"), last);
            await Task.Delay(delay).ConfigureAwait(false);
            if (delay < TimeSpan.FromMilliseconds(250)) delay *= 2;
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, because);
}
