using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Flotilla.ApiServer.Registry;
using Flotilla.ApiServer.Schema;
using Flotilla.ApiServer.Store;
using Flotilla.Core;
using Flotilla.Core.Karmada;
using Microsoft.Extensions.Logging;

namespace Flotilla.ApiServer;

public sealed partial class KubeApi
{
    internal const string ServiceAccountTokenType = "kubernetes.io/service-account-token";
    internal const string ServiceAccountNameAnnotation = "kubernetes.io/service-account.name";
    internal const string ServiceAccountUidAnnotation = "kubernetes.io/service-account.uid";

    /// <summary>Creates an object. <paramref name="ns"/> is the namespace of the request URL (null: take the object's).</summary>
    public async Task<StoredObject> CreateAsync(ServedResource r, string? ns, JsonObject obj, WriteParams p, CancellationToken ct)
    {
        CheckTypeMeta(r, obj);
        var meta = obj["metadata"] as JsonObject;
        if (meta is null) obj["metadata"] = meta = new JsonObject();
        if (r.Namespaced)
        {
            var bodyNs = meta.GetString("namespace");
            if (!string.IsNullOrEmpty(ns) && !string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            ns = string.IsNullOrEmpty(ns) ? bodyNs : ns;
            if (string.IsNullOrEmpty(ns))
                throw Invalid(r, meta.GetString("name") ?? "", new StatusCause(StatusReasons.FieldValueRequired, "Required value", "metadata.namespace"));
            meta["namespace"] = ns;
        }
        else
        {
            meta.Remove("namespace");
            ns = null;
        }

        var generateName = meta.GetString("generateName");
        var name = meta.GetString("name");
        var generated = string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(generateName);
        if (string.IsNullOrEmpty(name) && !generated)
            throw Invalid(r, "", new StatusCause(StatusReasons.FieldValueRequired, "name or generateName is required", "metadata.name"));
        if (generated) meta["name"] = name = GenerateName(generateName!);
        ValidateName(r, name!, generated ? "metadata.generateName" : "metadata.name", generated ? generateName! : name!);

        if (ns is not null) await EnsureNamespaceAsync(ns, forCreate: true, ct).ConfigureAwait(false);

        meta.Remove("resourceVersion");
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("selfLink");
        meta["uid"] = NewUid();
        meta["creationTimestamp"] = Now();
        if (r.SetsGeneration) meta["generation"] = 1; else meta.Remove("generation");
        PrepareForCreate(r, obj);
        // As kube-apiserver: the decoded object (unknown fields pruned, defaults set) is what the writer owns; what
        // mutating admission adds afterwards is owned by no one.
        p.Warnings.AddRange(Admission.Decode(new AdmissionRequest(r.Resource, AdmissionOperation.Create, obj, null, null, p.FieldValidation)));
        if (!p.ManagedFieldsDone) obj = PatchSupport.PatchApplier.RecordManagedFields(null, obj, r, p, Time.GetUtcNow(), null, PatchMeta);
        meta = obj.Metadata();

        p.Warnings.AddRange(Admission.Admit(new AdmissionRequest(r.Resource, AdmissionOperation.Create, obj, null, null, p.FieldValidation, Decoded: true)));
        // The Service registry allocates addresses after validation (kube-apiserver's BeginCreate); a create that
        // does not happen gives them back.
        var addresses = IsServiceResource(r) ? await ServiceAddressesAsync(ct).ConfigureAwait(false) : null;
        addresses?.Assign(obj, null);
        obj = r.ToStorage(obj);

        var created = false;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var key = r.Key(ns, name!);
                var bytes = ObjectSerializer.Serialize(obj);
                if (p.DryRun)
                {
                    var existing = await Storage.GetAsync(key, 0, ct).ConfigureAwait(false);
                    if (existing.Entry is not null) throw ApiErrors.AlreadyExists(r.GroupResource, name!);
                    return new StoredObject(r, bytes, 0);
                }
                var result = await Storage.CreateAsync(key, bytes, ct).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    created = true;
                    AfterWrite(r, obj);
                    return new StoredObject(r, bytes, result.Revision);
                }
                if (!generated || attempt >= 8) throw ApiErrors.AlreadyExists(r.GroupResource, name!);
                obj.Metadata()["name"] = name = GenerateName(generateName!);
            }
        }
        finally
        {
            if (!created) addresses?.Release(obj);
        }
    }

    /// <summary>Kind-specific defaults a registry strategy applies on create.</summary>
    private void PrepareForCreate(ServedResource r, JsonObject obj)
    {
        if (IsCrdResource(r))
        {
            CrdSupport.Validate(obj);
            obj.AddFinalizer(CrdSupport.CleanupFinalizer);
        }
        if (r.HasStatus && r.Kind is not ("Node" or "Namespace")) obj.Remove("status");
        if (r.Group.Length == 0)
        {
            switch (r.Kind)
            {
                case "Namespace":
                    var spec = obj["spec"] as JsonObject;
                    if (spec is null) obj["spec"] = spec = new JsonObject();
                    if (spec["finalizers"] is not JsonArray { Count: > 0 }) spec["finalizers"] = new JsonArray(WellKnownFinalizers.Kubernetes);
                    obj["status"] = new JsonObject { ["phase"] = "Active" };
                    break;
                case "Pod":
                    obj["status"] = new JsonObject { ["phase"] = "Pending" };
                    break;
                case "Secret" when obj.GetString("type") == ServiceAccountTokenType:
                    FillServiceAccountToken(obj);
                    break;
                case "Secret" when obj["type"] is null:
                    obj["type"] = "Opaque";
                    break;
            }
        }
    }

    /// <summary>What kube-controller-manager's token controller does for a Secret of type service-account-token:
    /// fills data.token (a bearer token this server accepts), data["ca.crt"] and data.namespace.</summary>
    private void FillServiceAccountToken(JsonObject secret)
    {
        var data = secret["data"] as JsonObject;
        if (data is null) secret["data"] = data = new JsonObject();
        if (data.GetString("token") is null)
            data["token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(NewToken()));
        if (data.GetString("ca.crt") is null && Options.CaCertificatePem is { } ca)
            data["ca.crt"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(ca));
        data["namespace"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret.Namespace() ?? ""));
    }

    /// <summary>A random bearer token (URL-safe, 48 characters).</summary>
    public static string NewToken()
    {
        Span<byte> b = stackalloc byte[36];
        RandomNumberGenerator.Fill(b);
        return Convert.ToBase64String(b).Replace('+', '-').Replace('/', '_');
    }

    internal static bool IsCrdResource(ServedResource r) => r.Group == KubeGroups.ApiExtensions && r.Plural == "customresourcedefinitions";

    private void AfterWrite(ServedResource r, JsonObject obj)
    {
        if (IsCrdResource(r))
        {
            ServeCrd(obj);
            return;
        }
        if (ReferenceEquals(r, NamespaceResource) || (r.Group.Length == 0 && r.Plural == "namespaces"))
            NoteNamespace(obj.Name()!, exists: true, terminating: obj.IsDeleting());
        else if (r.Group.Length == 0 && r.Plural == "secrets" && obj.GetString("type") == ServiceAccountTokenType)
            Tokens.Invalidate();
    }

    /// <summary>Serves (or re-serves) a CRD's kinds at once, discovery included.</summary>
    internal void ServeCrd(JsonObject crd)
    {
        try
        {
            Registry.SetCrd(crd.Name()!, CrdSupport.ToResources(crd));
            Schemas.RegisterCrd(crd);
        }
        catch (Exception e) when (e is InvalidCastException or NullReferenceException or InvalidOperationException)
        {
            Logger.LogWarning(e, "CustomResourceDefinition {Name} cannot be served", crd.Name());
        }
    }

    private static void CheckTypeMeta(ServedResource r, JsonObject obj)
    {
        ValidateTypeMeta(r, obj);
        obj["apiVersion"] = r.ApiVersion;
        obj["kind"] = r.Kind;
    }

    /// <summary>Rejects a kind or API group other than the resource's; changes nothing.</summary>
    private static void ValidateTypeMeta(ServedResource r, JsonObject obj)
    {
        var apiVersion = obj.GetString("apiVersion");
        var kind = obj.GetString("kind");
        if (kind is not null && kind != r.Kind)
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({r.Kind})");
        if (apiVersion is not null && apiVersion != r.ApiVersion && apiVersion != r.StorageApiVersion)
        {
            var gv = GroupVersion.Parse(apiVersion);
            if (gv.Group != r.Group)
                throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({r.ApiVersion})");
        }
    }

    private static void ValidateName(ServedResource r, string name, string field, string value)
    {
        var error = Store.NameValidation.Validate(name, r.NameRule);
        if (error is not null)
            throw Invalid(r, name, new StatusCause(StatusReasons.FieldValueInvalid, $"Invalid value: \"{value}\": {error}", field));
    }

    internal static ApiStatusException Invalid(ServedResource r, string name, params StatusCause[] causes) =>
        ApiErrors.Invalid(r.Kind, r.Group, name, causes);

    private static string GenerateName(string prefix)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        if (prefix.Length > 58) prefix = prefix[..58];
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++) suffix[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return prefix + new string(suffix);
    }
}
