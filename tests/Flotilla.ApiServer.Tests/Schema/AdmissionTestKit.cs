using System.Text.Json.Nodes;
using Flotilla.ApiServer.Schema;
using Flotilla.Core;

namespace Flotilla.ApiServer.Tests.Schema;

/// <summary>Runs objects through <see cref="SchemaAdmission"/> the way the API server does (namespace filled in from
/// the URL, CRDs registered first).</summary>
internal sealed class AdmissionTestKit
{
    public AdmissionTestKit()
    {
        Registry = new SchemaRegistry();
        Admission = new SchemaAdmission(Registry, TimeProvider.System, () => "11111111-2222-3333-4444-555555555555");
    }

    public SchemaRegistry Registry { get; }
    public SchemaAdmission Admission { get; }

    public static ApiResource ResourceFor(SchemaRegistry registry, JsonObject obj)
    {
        var gvk = obj.Gvk();
        Assert.True(registry.TryGetKind(gvk, out var kind), "no schema for " + gvk);
        return new ApiResource
        {
            Group = gvk.Group, Version = gvk.Version, Kind = gvk.Kind, Plural = kind.Plural,
            Singular = gvk.Kind.ToLowerInvariant(), Namespaced = kind.Namespaced,
        };
    }

    public IReadOnlyList<string> Admit(JsonObject obj, string fieldValidation = "Strict", JsonObject? old = null, string? subresource = null)
    {
        var resource = ResourceFor(Registry, obj);
        if (resource.Namespaced && string.IsNullOrEmpty(obj.Namespace())) obj.Metadata()["namespace"] = "default";
        var op = old is null ? AdmissionOperation.Create : AdmissionOperation.Update;
        var warnings = Admission.Admit(new AdmissionRequest(resource, op, obj, old, subresource, fieldValidation));
        if (resource.Group == "apiextensions.k8s.io" && resource.Kind == "CustomResourceDefinition") Registry.RegisterCrd(obj);
        return warnings;
    }

    public ApiStatusException Reject(JsonObject obj, string fieldValidation = "Strict", JsonObject? old = null, string? subresource = null) =>
        Assert.Throws<ApiStatusException>(() => Admit(obj, fieldValidation, old, subresource));

    /// <summary>Create then update with a modified copy (the update sees the stored object as old).</summary>
    public JsonObject Created(string yaml)
    {
        var obj = TestManifests.Yaml(yaml);
        Admit(obj);
        return obj;
    }
}
