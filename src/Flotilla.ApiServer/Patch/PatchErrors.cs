using Flotilla.Core;

namespace Flotilla.ApiServer.Patch;

/// <summary>
/// The errors the patch engines raise, shaped as kube-apiserver answers them, so the API layer can return
/// <see cref="ApiStatusException.ToStatus"/> directly. The engine's own explanation (which Kubernetes drops for
/// JSON patch failures) is kept in <c>Exception.Data[<see cref="DetailKey"/>]</c> for logs and tests.
/// </summary>
public static class PatchErrors
{
    /// <summary>Key in <see cref="Exception.Data"/> holding the detailed reason of a patch failure.</summary>
    public const string DetailKey = "flotilla.patch.detail";

    /// <summary>kube-apiserver's fixed message for a JSON patch that does not apply (NewGenericServerResponse 422).</summary>
    public const string UnprocessableMessage = "the server rejected our request due to an error in our request";

    /// <summary>422 Invalid with Kubernetes' generic message; <paramref name="detail"/> is kept in Data.</summary>
    public static ApiStatusException Unprocessable(string detail) =>
        WithDetail(new ApiStatusException(422, StatusReasons.Invalid, UnprocessableMessage, new StatusDetails(null, null, null)), detail);

    /// <summary>400 BadRequest carrying the message (malformed patch document, bad directive).</summary>
    public static ApiStatusException BadRequest(string message) => WithDetail(ApiErrors.BadRequest(message), message);

    /// <summary>500 as Kubernetes answers strategic-merge errors it does not classify (e.g. a missing merge key).</summary>
    public static ApiStatusException Internal(string message) => WithDetail(ApiErrors.Internal(message), message);

    /// <summary>415 for strategic merge patch on a kind without patch metadata (custom resources).</summary>
    public static ApiStatusException StrategicMergeUnsupported() => UnsupportedPatchType(PatchTypes.Accepted(strategicMerge: false));

    /// <summary>415 for a PATCH content type the resource does not accept, listing those it does.</summary>
    public static ApiStatusException UnsupportedPatchType(IReadOnlyList<string> accepted) =>
        new(415, StatusReasons.UnsupportedMediaType,
            "the body of the request was in an unknown format - accepted media types include: " + string.Join(", ", accepted));

    /// <summary>422 for an apply patch without <c>?fieldManager=</c>, as PatchOptions validation words it.</summary>
    public static ApiStatusException FieldManagerRequired() =>
        ApiErrors.Invalid("PatchOptions", "meta.k8s.io", "",
            [new StatusCause(StatusReasons.FieldValueRequired, "Required value: is required for apply patch", "fieldManager")]);

    /// <summary>422 for <c>?force=</c> on a patch that is not an apply patch.</summary>
    public static ApiStatusException ForceForNonApplyPatch() =>
        ApiErrors.Invalid("PatchOptions", "meta.k8s.io", "",
            [new StatusCause(StatusReasons.FieldValueForbidden, "Forbidden: may not be specified for non-apply patch", "force")]);

    /// <summary>The detailed reason stored by these factories, or the exception message.</summary>
    public static string Detail(Exception ex) => ex.Data[DetailKey] as string ?? ex.Message;

    private static ApiStatusException WithDetail(ApiStatusException ex, string detail)
    {
        ex.Data[DetailKey] = detail;
        return ex;
    }
}
