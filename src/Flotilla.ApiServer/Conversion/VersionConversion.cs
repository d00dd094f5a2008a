using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Conversion;

/// <summary>
/// How a served version whose objects live under another group's storage is converted: <see cref="StorageGroup"/>
/// names the group whose keys and storage version hold the objects (e.g. core for events.k8s.io/v1 Events).
/// </summary>
public sealed record VersionConversion(string StorageGroup, Func<JsonObject, JsonObject> ToStorage, Func<JsonObject, JsonObject> FromStorage);
