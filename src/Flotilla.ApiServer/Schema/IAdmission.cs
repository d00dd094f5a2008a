namespace Flotilla.ApiServer.Schema;

/// <summary>
/// Defaulting and validation of one write, as Kubernetes' registry strategies, Karmada's webhooks and CRD schemas
/// do: applies defaults to <see cref="AdmissionRequest.Object"/> in place, handles unknown fields according to
/// the request's fieldValidation, and validates. Throws ApiStatusException (422 Invalid with causes naming the
/// fields; 400 BadRequest "strict decoding error: unknown field ..." under Strict). Returns warnings
/// (sent back in the Warning header, e.g. unknown fields under Warn).
/// </summary>
public interface IAdmission
{
    /// <summary>
    /// What the API server does while it decodes the request body, before it records <c>metadata.managedFields</c>:
    /// unknown fields per fieldValidation (pruned), schema defaults and the built-in kinds' defaults. Admit runs it
    /// too unless the request says it ran (<see cref="AdmissionRequest.Decoded"/>).
    /// </summary>
    IReadOnlyList<string> Decode(AdmissionRequest request);

    IReadOnlyList<string> Admit(AdmissionRequest request);
}
