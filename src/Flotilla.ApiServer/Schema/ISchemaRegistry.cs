using System.Text.Json.Nodes;

namespace Flotilla.ApiServer.Schema;

/// <summary>The OpenAPI schemas of every served kind: built-in, Karmada's, and CRDs as they come and go.
/// The same schemas drive validation (<see cref="IAdmission"/>), /openapi/v2, /openapi/v3 and kubectl explain.</summary>
public interface ISchemaRegistry
{
    /// <summary>Called when a CustomResourceDefinition is created or updated (the whole CRD object).</summary>
    void RegisterCrd(JsonObject crd);

    /// <summary>Called when a CustomResourceDefinition is deleted.</summary>
    void UnregisterCrd(JsonObject crd);

    /// <summary>The Swagger 2.0 document served at /openapi/v2.</summary>
    JsonObject OpenApiV2();

    /// <summary>The discovery document served at /openapi/v3: {"paths": {"api/v1": {"serverRelativeURL": ...}, ...}}.</summary>
    JsonObject OpenApiV3Discovery();

    /// <summary>The OpenAPI 3 document of one group-version path ("api/v1", "apis/apps/v1"), or null if unknown.</summary>
    JsonObject? OpenApiV3(string groupVersionPath);
}
