using System.Text.Json.Nodes;
using Flotilla.Core;

namespace Flotilla.ApiServer.Auth;

/// <summary>
/// The review kinds of authentication.k8s.io/v1 and authorization.k8s.io/v1: created, answered, never stored, as
/// kube-apiserver does (kubectl auth whoami, kubectl auth can-i [--list]). Flotilla authorizes every authenticated
/// user for everything (no RBAC), so every access review is allowed and the rules review lists "*".
/// </summary>
public static class AccessReviews
{
    public const string AuthenticationGroup = "authentication.k8s.io";
    public const string AuthorizationGroup = "authorization.k8s.io";

    public static bool Handles(ApiResource r) => r.Group is AuthenticationGroup or AuthorizationGroup;

    /// <summary>The answered review: the request's spec with the status Kubernetes fills in.</summary>
    /// <exception cref="ApiStatusException">400 when the body is not the resource's kind.</exception>
    public static async Task<JsonObject> AnswerAsync(ApiResource r, string? ns, JsonObject body, UserInfo user, TokenAuthenticator tokens, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(tokens);
        if (body.Kind() is { } kind && kind != r.Kind)
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({r.Kind})");
        var spec = body["spec"] as JsonObject ?? new JsonObject();
        var metadata = (body["metadata"] as JsonObject)?.DeepClone().AsObject() ?? new JsonObject();
        metadata.Remove("resourceVersion");
        metadata.Remove("uid");
        if (r.Kind == "LocalSubjectAccessReview")
        {
            var attributes = spec["resourceAttributes"] as JsonObject;
            var requested = attributes.GetString("namespace");
            if (attributes is null || (requested is { Length: > 0 } && requested != ns))
                throw ApiErrors.BadRequest($"spec.resourceAttributes.namespace must match namespace: {ns}");
            metadata["namespace"] = ns;
        }
        JsonObject status = r.Kind switch
        {
            "SelfSubjectReview" => new JsonObject { ["userInfo"] = UserJson(user) },
            "TokenReview" => await TokenStatusAsync(spec, tokens, ct).ConfigureAwait(false),
            "SelfSubjectRulesReview" => new JsonObject
            {
                ["resourceRules"] = new JsonArray(new JsonObject
                {
                    ["verbs"] = new JsonArray("*"), ["apiGroups"] = new JsonArray("*"), ["resources"] = new JsonArray("*"),
                }),
                ["nonResourceRules"] = new JsonArray(new JsonObject { ["verbs"] = new JsonArray("*"), ["nonResourceURLs"] = new JsonArray("*") }),
                ["incomplete"] = false,
            },
            _ => new JsonObject { ["allowed"] = true },
        };
        var answer = new JsonObject { ["kind"] = r.Kind, ["apiVersion"] = r.ApiVersion, ["metadata"] = metadata };
        if (r.Kind != "SelfSubjectReview") answer["spec"] = spec.DeepClone();
        answer["status"] = status;
        return answer;
    }

    private static async Task<JsonObject> TokenStatusAsync(JsonObject spec, TokenAuthenticator tokens, CancellationToken ct)
    {
        var reviewed = await tokens.AuthenticateAsync(spec.GetString("token"), ct).ConfigureAwait(false);
        return reviewed is null
            ? new JsonObject { ["authenticated"] = false, ["user"] = new JsonObject(), ["error"] = "invalid bearer token" }
            : new JsonObject { ["authenticated"] = true, ["user"] = UserJson(reviewed) };
    }

    private static JsonObject UserJson(UserInfo user) => new()
    {
        ["username"] = user.Name,
        ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode?)JsonValue.Create(g))]),
    };
}
