using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flotilla.Core.Karmada;

/// <summary>
/// Source-generated System.Text.Json metadata for Karmada's typed records: camelCase names, Go's omitempty
/// approximated by omitting defaults (fields that Go always writes are marked to be always written).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    Converters = [typeof(KubeTimeJsonConverter)])]
[JsonSerializable(typeof(Cluster))]
[JsonSerializable(typeof(PropagationPolicy))]
[JsonSerializable(typeof(ClusterPropagationPolicy))]
[JsonSerializable(typeof(ResourceBinding))]
[JsonSerializable(typeof(ClusterResourceBinding))]
[JsonSerializable(typeof(Placement))]
[JsonSerializable(typeof(ClusterAffinity))]
[JsonSerializable(typeof(PropagationSpec))]
[JsonSerializable(typeof(ResourceBindingSpec))]
[JsonSerializable(typeof(ResourceBindingStatus))]
[JsonSerializable(typeof(ClusterSpec))]
[JsonSerializable(typeof(ClusterStatus))]
[JsonSerializable(typeof(List<TargetCluster>))]
[JsonSerializable(typeof(Condition))]
[JsonSerializable(typeof(ResourceSummary))]
public sealed partial class KarmadaJsonContext : JsonSerializerContext;

/// <summary>Serialize / deserialize Karmada's typed records with the source-generated context.</summary>
public static class KarmadaJson
{
    public static KarmadaJsonContext Context => KarmadaJsonContext.Default;

    public static T Deserialize<T>(string json) where T : class =>
        (T)(JsonSerializer.Deserialize(json, typeof(T), KarmadaJsonContext.Default)
            ?? throw new JsonException($"null {typeof(T).Name}"));

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) where T : class =>
        (T)(JsonSerializer.Deserialize(utf8, typeof(T), KarmadaJsonContext.Default)
            ?? throw new JsonException($"null {typeof(T).Name}"));

    public static T Deserialize<T>(System.Text.Json.Nodes.JsonNode node) where T : class =>
        (T)(node.Deserialize(typeof(T), KarmadaJsonContext.Default) ?? throw new JsonException($"null {typeof(T).Name}"));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), KarmadaJsonContext.Default);

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, typeof(T), KarmadaJsonContext.Default);

    public static System.Text.Json.Nodes.JsonNode SerializeToNode<T>(T value) =>
        JsonSerializer.SerializeToNode(value, typeof(T), KarmadaJsonContext.Default)!;
}
