using System.Globalization;
using System.Text;

namespace Flotilla.Core.Karmada;

/// <summary>
/// Karmada's generated names (pkg/util/names): bindings, Works, execution namespaces and binding reference keys.
/// All functions are pure and culture-invariant.
/// </summary>
public static class Names
{
    /// <summary>apimachinery rand.SafeEncodeString alphabet (no vowels, no confusable digits).</summary>
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Name of the (Cluster)ResourceBinding of a template: lower(name + "-" + kind) with ':' replaced by '.'.</summary>
    public static string BindingName(string kind, string name) =>
        (name.Replace(':', '.') + "-" + kind).ToLowerInvariant();

    /// <summary>
    /// Name of the Work of a template in an execution namespace: n + "-" + SafeEncode(FNV-1a-32(key)) where
    /// n = lower(name) with ':' → '.', key = lower(namespace + "-" + n + "-" + kind) (cluster-scoped: lower(n + "-" + kind)).
    /// Deployment default/nginx → nginx-687f7fb96f.
    /// </summary>
    public static string WorkName(string kind, string name, string? @namespace)
    {
        var n = name.Replace(':', '.').ToLowerInvariant();
        var key = string.IsNullOrEmpty(@namespace)
            ? (n + "-" + kind).ToLowerInvariant()
            : (@namespace + "-" + n + "-" + kind).ToLowerInvariant();
        return n + "-" + SafeEncodedHash(key);
    }

    /// <summary>Execution namespace of a member cluster: karmada-es-&lt;cluster&gt;.</summary>
    public static string ExecutionSpace(string clusterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterName);
        return WellKnownNamespaces.ForCluster(clusterName);
    }

    /// <summary>Cluster name of an execution namespace, or null when the namespace is not one.</summary>
    public static string? ClusterNameOfExecutionSpace(string executionSpace) =>
        executionSpace.StartsWith(WellKnownNamespaces.ExecutionPrefix, StringComparison.Ordinal)
            ? executionSpace[WellKnownNamespaces.ExecutionPrefix.Length..]
            : null;

    /// <summary>
    /// Karmada's binding reference key (names.GenerateBindingReferenceKey): SafeEncode(FNV-1a-32("ns/name")), or of
    /// "name" for cluster-scoped bindings. Used by older label schemes and by derived names.
    /// </summary>
    public static string BindingReferenceKey(string? @namespace, string name) =>
        SafeEncodedHash(string.IsNullOrEmpty(@namespace) ? name : @namespace + "/" + name);

    /// <summary>Name of the ServiceAccount Karmada creates in a member cluster on join: karmada-&lt;cluster&gt;.</summary>
    public static string ServiceAccountName(string clusterName) => "karmada-" + clusterName;

    /// <summary>Name of the (Cluster)Role Karmada creates in a member cluster on join.</summary>
    public static string RoleName(string serviceAccountName) => "karmada-controller-manager:" + serviceAccountName;

    /// <summary>Name of the Service derived from a ServiceImport (mcs-api): derived-&lt;name&gt;.</summary>
    public static string DerivedServiceName(string serviceName) => "derived-" + serviceName;

    /// <summary>Name of an EndpointSlice imported from a member: imported-&lt;cluster&gt;-&lt;slice&gt;.</summary>
    public static string ImportedEndpointSliceName(string clusterName, string endpointSliceName) =>
        "imported-" + clusterName + "-" + endpointSliceName;

    /// <summary>FNV-1a 32-bit hash of the UTF-8 bytes of <paramref name="s"/>.</summary>
    public static uint Fnv1a32(string s)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            hash ^= b;
            hash = unchecked(hash * 16777619u);
        }
        return hash;
    }

    /// <summary>apimachinery rand.SafeEncodeString: maps each char c to alphabet[c % 27].</summary>
    public static string SafeEncodeString(string s)
    {
        var chars = new char[s.Length];
        for (var i = 0; i < s.Length; i++) chars[i] = SafeAlphabet[s[i] % SafeAlphabet.Length];
        return new string(chars);
    }

    private static string SafeEncodedHash(string key) =>
        SafeEncodeString(Fnv1a32(key).ToString(CultureInfo.InvariantCulture));
}
