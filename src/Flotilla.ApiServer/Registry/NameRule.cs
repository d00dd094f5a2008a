namespace Flotilla.ApiServer.Registry;

/// <summary>How a kind's metadata.name is validated, as Kubernetes' per-kind ValidateObjectMeta callbacks.</summary>
public enum NameRule
{
    /// <summary>DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', at most 253 characters.</summary>
    Subdomain,
    /// <summary>DNS-1123 label: lower-case alphanumerics and '-', at most 63 characters (namespaces, services).</summary>
    Label,
    /// <summary>Any name that is a valid path segment (RBAC kinds): not "." or "..", no '/' or '%'.</summary>
    PathSegment,
}
