namespace Flotilla.Runtime.Informers;

public sealed class InformerOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    /// <summary>Page size of the initial list (0 ⇒ unpaged).</summary>
    public int PageSize { get; init; } = 500;
    /// <summary>Periodic resync (OnUpdate with the same object for every cached object); null ⇒ none.</summary>
    public TimeSpan? ResyncPeriod { get; init; }
    /// <summary>Server-side watch timeout; the informer re-watches from the last resourceVersion when it ends.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>First delay after a failed list or watch; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
