using Flotilla.Core;

namespace Flotilla.Simulator;

/// <summary>The resources the simulated controllers read and write.</summary>
internal static class SimResources
{
    public static readonly GroupVersionResource Nodes = new("", "v1", "nodes");
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");
    public static readonly GroupVersionResource Services = new("", "v1", "services");
    public static readonly GroupVersionResource Endpoints = new("", "v1", "endpoints");
    public static readonly GroupVersionResource Namespaces = new("", "v1", "namespaces");
    public static readonly GroupVersionResource ServiceAccounts = new("", "v1", "serviceaccounts");
    public static readonly GroupVersionResource Secrets = new("", "v1", "secrets");
    public static readonly GroupVersionResource ConfigMaps = new("", "v1", "configmaps");
    public static readonly GroupVersionResource ResourceQuotas = new("", "v1", "resourcequotas");
    public static readonly GroupVersionResource PersistentVolumeClaims = new("", "v1", "persistentvolumeclaims");
    public static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    public static readonly GroupVersionResource ReplicaSets = new("apps", "v1", "replicasets");
    public static readonly GroupVersionResource StatefulSets = new("apps", "v1", "statefulsets");
    public static readonly GroupVersionResource DaemonSets = new("apps", "v1", "daemonsets");
    public static readonly GroupVersionResource Jobs = new("batch", "v1", "jobs");
    public static readonly GroupVersionResource CronJobs = new("batch", "v1", "cronjobs");
    public static readonly GroupVersionResource EndpointSlices = new("discovery.k8s.io", "v1", "endpointslices");
}
