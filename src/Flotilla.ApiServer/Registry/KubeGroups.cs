namespace Flotilla.ApiServer.Registry;

/// <summary>Kubernetes' built-in API group names (Karmada's are in <c>Flotilla.Core.Karmada.KarmadaGroups</c>).</summary>
public static class KubeGroups
{
    public const string Core = "";
    public const string Apps = "apps";
    public const string Batch = "batch";
    public const string Networking = "networking.k8s.io";
    public const string Policy = "policy";
    public const string Autoscaling = "autoscaling";
    public const string Coordination = "coordination.k8s.io";
    public const string Discovery = "discovery.k8s.io";
    public const string Rbac = "rbac.authorization.k8s.io";
    public const string Events = "events.k8s.io";
    public const string ApiExtensions = "apiextensions.k8s.io";
    public const string Storage = "storage.k8s.io";
    public const string Scheduling = "scheduling.k8s.io";
    public const string Authentication = "authentication.k8s.io";
    public const string Authorization = "authorization.k8s.io";
}
