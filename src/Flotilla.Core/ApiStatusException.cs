using System.Text.Json.Nodes;

namespace Flotilla.Core;

/// <summary>One cause of an error, as in metav1.StatusCause ("FieldValueRequired", "spec.placement", ...).</summary>
public sealed record StatusCause(string Reason, string Message, string Field);

/// <summary>
/// An error that crosses the API boundary: carries everything needed to render a Kubernetes <c>Status</c>.
/// Thrown by the API layer and by clients (which rebuild it from the server's Status body).
/// </summary>
public sealed class ApiStatusException : Exception
{
    public ApiStatusException(int code, string reason, string message, StatusDetails? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }
    /// <summary>metav1.StatusReason: NotFound, AlreadyExists, Conflict, Invalid, Gone, Expired, BadRequest, ...</summary>
    public string Reason { get; }
    public StatusDetails? Details { get; }

    public bool IsNotFound => Reason == StatusReasons.NotFound;
    public bool IsConflict => Reason == StatusReasons.Conflict;
    public bool IsAlreadyExists => Reason == StatusReasons.AlreadyExists;
    public bool IsGone => Code == 410;

    /// <summary>Renders the metav1.Status object.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            var d = new JsonObject();
            if (Details.Name is not null) d["name"] = Details.Name;
            if (Details.Group is not null) d["group"] = Details.Group;
            if (Details.Kind is not null) d["kind"] = Details.Kind;
            if (Details.Causes is { Count: > 0 } causes)
            {
                var arr = new JsonArray();
                foreach (var c in causes) arr.Add(new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message, ["field"] = c.Field });
                d["causes"] = arr;
            }
            if (Details.RetryAfterSeconds is { } r) d["retryAfterSeconds"] = r;
            status["details"] = d;
        }
        status["code"] = Code;
        return status;
    }

    /// <summary>Rebuilds the exception from a Status object returned by a server.</summary>
    public static ApiStatusException FromStatus(JsonObject status, int httpCode)
    {
        var code = status["code"] is JsonValue cv && cv.TryGetValue<int>(out var c) ? c : httpCode;
        var reason = status.GetString("reason") ?? StatusReasons.Unknown;
        var message = status.GetString("message") ?? $"the server responded with status {httpCode}";
        StatusDetails? details = null;
        if (status["details"] is JsonObject d)
        {
            var causes = new List<StatusCause>();
            if (d["causes"] is JsonArray arr)
                foreach (var n in arr.OfType<JsonObject>())
                    causes.Add(new StatusCause(n.GetString("reason") ?? "", n.GetString("message") ?? "", n.GetString("field") ?? ""));
            details = new StatusDetails(d.GetString("name"), d.GetString("group"), d.GetString("kind"), causes);
        }
        return new ApiStatusException(code, reason, message, details);
    }
}

public sealed record StatusDetails(string? Name, string? Group, string? Kind, IReadOnlyList<StatusCause>? Causes = null, int? RetryAfterSeconds = null);

/// <summary>metav1.StatusReason values and metav1.CauseType values.</summary>
public static class StatusReasons
{
    public const string Unknown = "";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string NotFound = "NotFound";
    public const string AlreadyExists = "AlreadyExists";
    public const string Conflict = "Conflict";
    public const string Gone = "Gone";
    public const string Expired = "Expired";
    public const string Invalid = "Invalid";
    public const string BadRequest = "BadRequest";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string NotAcceptable = "NotAcceptable";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string TooManyRequests = "TooManyRequests";
    public const string InternalError = "InternalError";
    public const string Timeout = "Timeout";
    public const string ServiceUnavailable = "ServiceUnavailable";

    // cause types
    public const string FieldValueNotFound = "FieldValueNotFound";
    public const string FieldValueRequired = "FieldValueRequired";
    public const string FieldValueDuplicate = "FieldValueDuplicate";
    public const string FieldValueInvalid = "FieldValueInvalid";
    public const string FieldValueNotSupported = "FieldValueNotSupported";
    public const string FieldValueForbidden = "FieldValueForbidden";
    public const string FieldValueTooLong = "FieldValueTooLong";
    public const string FieldValueTypeInvalid = "FieldValueTypeInvalid";
    public const string UnexpectedServerResponse = "UnexpectedServerResponse";
    public const string FieldManagerConflict = "FieldManagerConflict";
    public const string ResourceVersionTooLarge = "ResourceVersionTooLarge";
}

/// <summary>Factories for the errors the API returns, with Kubernetes' exact message shapes.</summary>
public static class ApiErrors
{
    public static ApiStatusException NotFound(string groupResource, string name) =>
        new(404, StatusReasons.NotFound, $"{groupResource} \"{name}\" not found", Details(groupResource, name));

    public static ApiStatusException AlreadyExists(string groupResource, string name) =>
        new(409, StatusReasons.AlreadyExists, $"{groupResource} \"{name}\" already exists", Details(groupResource, name));

    public static ApiStatusException Conflict(string groupResource, string name, string why) =>
        new(409, StatusReasons.Conflict, $"Operation cannot be fulfilled on {groupResource} \"{name}\": {why}", Details(groupResource, name));

    public const string StaleObjectMessage = "the object has been modified; please apply your changes to the latest version and try again";

    /// <summary>422 Invalid: <c>Deployment.apps "x" is invalid: [spec.replicas: Invalid value: -1: must be ..., ...]</c>.</summary>
    public static ApiStatusException Invalid(string kind, string group, string name, IReadOnlyList<StatusCause> causes)
    {
        var qualified = group.Length == 0 ? kind : kind + "." + group;
        var parts = causes.Select(c => c.Field.Length == 0 ? c.Message : $"{c.Field}: {c.Message}").ToList();
        var summary = parts.Count == 1 ? parts[0] : "[" + string.Join(", ", parts) + "]";
        return new(422, StatusReasons.Invalid, $"{qualified} \"{name}\" is invalid: {summary}",
            new StatusDetails(name, group, kind, causes));
    }

    public static ApiStatusException BadRequest(string message) => new(400, StatusReasons.BadRequest, message);

    public static ApiStatusException Gone(string message = "too old resource version") => new(410, StatusReasons.Expired, message);

    public static ApiStatusException Unauthorized() => new(401, StatusReasons.Unauthorized, "Unauthorized");

    public static ApiStatusException Forbidden(string message) => new(403, StatusReasons.Forbidden, message);

    public static ApiStatusException MethodNotSupported(string groupResource, string verb) =>
        new(405, StatusReasons.MethodNotAllowed, $"{verb} is not supported on resources of kind \"{groupResource}\"",
            new StatusDetails(null, null, groupResource));

    public static ApiStatusException UnsupportedMediaType(string contentType) =>
        new(415, StatusReasons.UnsupportedMediaType, $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/apply-patch+yaml, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json; got {contentType}");

    public static ApiStatusException Internal(string message) => new(500, StatusReasons.InternalError, $"Internal error occurred: {message}");

    public static ApiStatusException TooManyRequests(string message, int retryAfterSeconds) =>
        new(429, StatusReasons.TooManyRequests, message, new StatusDetails(null, null, null, null, retryAfterSeconds));

    private static StatusDetails Details(string groupResource, string name)
    {
        var dot = groupResource.IndexOf('.', StringComparison.Ordinal);
        return dot < 0
            ? new StatusDetails(name, "", groupResource)
            : new StatusDetails(name, groupResource[(dot + 1)..], groupResource[..dot]);
    }
}
