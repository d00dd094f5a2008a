using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Schema;

/// <summary>Strategic-merge-patch metadata of a field: <paramref name="Schema"/> is the field's schema (the element
/// schema when <paramref name="IsList"/>), <paramref name="Strategy"/> e.g. "merge" or "merge,retainKeys",
/// <paramref name="MergeKey"/> e.g. "name", <paramref name="ListType"/> "atomic" | "set" | "map".</summary>
public sealed record PatchMeta(JsonObject Schema, bool IsList, string? Strategy, string? MergeKey, string? ListType);
