using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.ApiServer.Schema;

/// <summary>
/// Schema-driven admission of every write, in kube-apiserver's order: decode against the schema (unknown fields per
/// fieldValidation, pruning, schema defaults) and built-in defaulting (<see cref="Decode"/>, before the API records
/// managed fields), then Karmada's mutating webhooks, schema errors (422), object-meta and built-in validation (422),
/// Karmada's validating webhooks (403) or the Cluster strategy (422).
/// Kinds without a schema pass unchanged.
/// </summary>
public sealed class SchemaAdmission : IAdmission
{
    private readonly SchemaRegistry _registry;
    private readonly KarmadaAdmission _karmada;

    public SchemaAdmission(SchemaRegistry registry, TimeProvider? timeProvider = null, Func<string>? newId = null)
    {
        _registry = registry;
        _karmada = new KarmadaAdmission(timeProvider ?? TimeProvider.System, newId ?? (() => Guid.NewGuid().ToString()));
    }

    public IReadOnlyList<string> Decode(AdmissionRequest request)
    {
        if (request.Operation == AdmissionOperation.Delete) return [];
        var obj = request.Object;
        var gvk = request.Resource.Gvk;
        var root = _registry.GetRootSchema(gvk);
        if (root is null) return [];

        var warnings = new List<string>();
        var structural = new StructuralValidator(_registry, applyDefaults: true, prune: true, checkRequired: false);
        structural.ValidateRoot(obj, root, StatusOnly(request));
        if (structural.UnknownFields.Count > 0)
        {
            switch (Mode(request.FieldValidation))
            {
                case "Strict":
                    throw ApiErrors.BadRequest(
                        $"{gvk.Kind} in version \"{gvk.Version}\" cannot be handled as a {gvk.Kind}: strict decoding error: " +
                        string.Join(", ", structural.UnknownFields.Select(f => "unknown field " + FieldErrors.Quote(f))));
                case "Warn":
                    warnings.AddRange(structural.UnknownFields.Select(f => "unknown field " + FieldErrors.Quote(f)));
                    break;
                default:
                    break;
            }
        }
        if (structural.Errors.Count > 0) throw ApiErrors.Invalid(gvk.Kind, gvk.Group, obj.Name() ?? "", structural.Errors.Causes);
        if (request.Subresource is null) BuiltinDefaults.Apply(gvk, obj, request.Operation);
        return warnings;
    }

    public IReadOnlyList<string> Admit(AdmissionRequest request)
    {
        var obj = request.Object;
        var gvk = request.Resource.Gvk;
        if (request.Operation == AdmissionOperation.Delete)
        {
            if (request.Subresource is null) KarmadaAdmission.CheckDeletion(request.OldObject ?? obj);
            return [];
        }
        var root = _registry.GetRootSchema(gvk);
        if (root is null) return [];

        var warnings = request.Decoded ? [] : Decode(request);
        var name = obj.Name() ?? "";
        var isStatus = request.Subresource is not null;
        if (!isStatus && KarmadaAdmission.Handles(gvk)) _karmada.Mutate(gvk, obj, request.OldObject, request.Operation);

        // Required fields are checked after mutation, as kube-apiserver validates CRD schemas after the mutating
        // webhooks and built-in kinds in their strategies.
        var final = new StructuralValidator(_registry, applyDefaults: false, prune: false, checkRequired: true);
        final.ValidateRoot(obj, root, StatusOnly(request));
        var errs = new FieldErrors();
        errs.AddRange(final.Errors);
        if (StatusOnly(request) is null) BuiltinValidation.Metadata(gvk, obj, errs, NameRule(gvk));
        if (!isStatus) BuiltinValidation.Validate(gvk, obj, request.OldObject, errs);
        if (errs.Count > 0) throw ApiErrors.Invalid(gvk.Kind, gvk.Group, name, errs.Causes);

        if (!isStatus && KarmadaAdmission.Handles(gvk)) _karmada.Validate(gvk, obj, request.OldObject);
        return warnings;
    }

    /// <summary>A status write carries the stored object with only its status replaced (the update strategy puts it
    /// together so), so only the status is walked: the rest was admitted when it was written.</summary>
    private static string? StatusOnly(AdmissionRequest request) =>
        request.Subresource == "status" && request.Operation == AdmissionOperation.Update ? "status" : null;

    private static string Mode(string? fieldValidation) => fieldValidation?.ToLowerInvariant() switch
    {
        "strict" => "Strict",
        "ignore" => "Ignore",
        _ => "Warn",
    };

    private static Func<string, IReadOnlyList<string>> NameRule(GroupVersionKind gvk) =>
        gvk is { Group: KarmadaGroups.Cluster, Kind: "Cluster" } ? KarmadaAdmission.ClusterNameErrors : BuiltinValidation.NameRule(gvk);
}
