using System.Text.Json.Nodes;

namespace Flotilla.Controllers.Overrides;

/// <summary>One RFC 6902 operation (only add, remove and replace are used by overriders).</summary>
public sealed record JsonPatchOperation(string Op, string Path, JsonNode? Value = null);
