using Flotilla.ApiServer.Components;
using Flotilla.Core.Karmada;

namespace Flotilla.ApiServer;

/// <summary>Settings of one API server instance (bound from "Flotilla:ApiServer" when hosted).</summary>
public sealed class KubeApiOptions
{
    /// <summary>Admission, schemas and tables; null ⇒ <see cref="ApiServerComponents.CreateDefault"/>.</summary>
    public ApiServerComponents? Components { get; set; }

    /// <summary>Namespaces that exist from the start.</summary>
    public IList<string> InitialNamespaces { get; } =
    [
        WellKnownNamespaces.Default, WellKnownNamespaces.KubeSystem, WellKnownNamespaces.KubePublic,
        WellKnownNamespaces.KubeNodeLease, WellKnownNamespaces.KarmadaSystem, WellKnownNamespaces.KarmadaCluster,
    ];

    /// <summary>Run the built-in loops (garbage collector, namespace lifecycle, CRD establishing, compaction).</summary>
    public bool RunControllers { get; set; } = true;

    /// <summary>How often the API server compacts history (to the revision seen at the previous tick, as
    /// kube-apiserver does). Zero (the default) leaves compaction to the storage backend's own policy.</summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.Zero;

    /// <summary>Interval of BOOKMARK events on watches that ask for them.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The Kubernetes version reported by /version (minor must be within 28..33 for kubectl's dispatcher).</summary>
    public string KubernetesVersion { get; set; } = "v1.31.0";

    /// <summary>PEM of the CA that signed the serving certificate; put into ServiceAccount token Secrets (ca.crt).</summary>
    public string? CaCertificatePem { get; set; }

    /// <summary>Which built-in resources to serve; null ⇒ all (a simulated member serves no *.karmada.io group).</summary>
    public Func<Flotilla.ApiServer.Registry.ServedResource, bool>? ServeResource { get; set; }

    /// <summary>The IPv4 range Services get their ClusterIP from (karmada-apiserver's --service-cluster-ip-range
    /// default); node ports come from 30000-32767. Null or empty: Services get no addresses.</summary>
    public string? ServiceClusterIpRange { get; set; } = "10.96.0.0/12";

    /// <summary>A name for logs (e.g. "control-plane", "member1").</summary>
    public string InstanceName { get; set; } = "flotilla";
}
