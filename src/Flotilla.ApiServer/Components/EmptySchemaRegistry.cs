using System.Text.Json.Nodes;
using Flotilla.ApiServer.Schema;

namespace Flotilla.ApiServer.Components;

/// <summary>A schema registry that knows no schemas: valid, empty OpenAPI documents (clients fall back to their
/// compiled-in types).</summary>
public sealed class EmptySchemaRegistry : ISchemaRegistry
{
    public void RegisterCrd(JsonObject crd) { }

    public void UnregisterCrd(JsonObject crd) { }

    public JsonObject OpenApiV2() => new()
    {
        ["swagger"] = "2.0",
        ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.31.0" },
        ["paths"] = new JsonObject(),
        ["definitions"] = new JsonObject(),
    };

    public JsonObject OpenApiV3Discovery() => new() { ["paths"] = new JsonObject() };

    public JsonObject? OpenApiV3(string groupVersionPath) => null;
}
