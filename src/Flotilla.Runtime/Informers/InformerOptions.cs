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
    /// <summary>Cache and deliver only apiVersion, kind and metadata (without managedFields and the
    /// last-applied-configuration annotation), like client-go's metadata informers: for watchers that match on
    /// identity and labels and read the full object from the API when they act (the detector over every
    /// propagatable kind). Part of the informer's identity.</summary>
    public bool MetadataOnly { get; init; }

    /// <summary>Field of a metadata-only projection holding a digest of everything the projection dropped except
    /// status (spec, data, ...): watchers that react to content changes compare it, since objects without a
    /// generation (ConfigMaps, Secrets) change their data without any metadata change.</summary>
    public const string ContentDigestField = "$contentDigest";

    /// <summary>The projection <see cref="MetadataOnly"/> applies; a new object sharing nothing with the input.</summary>
    public static System.Text.Json.Nodes.JsonObject MetadataOf(System.Text.Json.Nodes.JsonObject obj)
    {
        var projected = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = obj["apiVersion"]?.DeepClone(),
            ["kind"] = obj["kind"]?.DeepClone(),
        };
        if (obj["metadata"] is System.Text.Json.Nodes.JsonObject meta)
        {
            var m = new System.Text.Json.Nodes.JsonObject();
            foreach (var (k, v) in meta)
            {
                if (k == "managedFields") continue;
                if (k == "annotations" && v is System.Text.Json.Nodes.JsonObject a && a.ContainsKey(LastApplied))
                {
                    var kept = new System.Text.Json.Nodes.JsonObject();
                    foreach (var (ak, av) in a) if (ak != LastApplied) kept[ak] = av?.DeepClone();
                    m[k] = kept;
                    continue;
                }
                m[k] = v?.DeepClone();
            }
            projected["metadata"] = m;
        }
        projected[ContentDigestField] = ContentDigest(obj);
        return projected;
    }

    /// <summary>FNV-1a 64 of the object's JSON without metadata and status.</summary>
    private static string ContentDigest(System.Text.Json.Nodes.JsonObject obj)
    {
        var hash = 14695981039346656037UL;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        foreach (var (k, v) in obj)
        {
            if (k is "metadata" or "status" or "apiVersion" or "kind" || v is null) continue;
            buffer.ResetWrittenCount();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) v.WriteTo(writer);
            foreach (var b in System.Text.Encoding.UTF8.GetBytes(k)) hash = (hash ^ b) * 1099511628211UL;
            foreach (var b in buffer.WrittenSpan) hash = (hash ^ b) * 1099511628211UL;
        }
        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";
}
