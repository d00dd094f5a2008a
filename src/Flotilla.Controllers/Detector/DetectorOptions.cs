namespace Flotilla.Controllers.Detector;

/// <summary>Options of the resource detector (Karmada's --skipped-propagating-apis / --skipped-propagating-namespaces).</summary>
public sealed class DetectorOptions
{
    /// <summary>Extra APIs never propagated, in Karmada's format: "group", "group/version", "group/version/Kind,Kind",
    /// "v1/Kind,Kind" (entries may also be joined with ';'; see <see cref="SkippedPropagatingApis"/>).</summary>
    public IReadOnlyList<string> SkippedPropagatingApis { get; set; } = [];

    /// <summary>Regular expressions of namespaces whose templates are ignored (default kube-.*).</summary>
    public IReadOnlyList<string> SkippedPropagatingNamespaces { get; set; } = ["kube-.*"];

    /// <summary>How often the served resources are re-discovered (CRD events also trigger it).</summary>
    public TimeSpan RediscoveryInterval { get; set; } = TimeSpan.FromSeconds(30);
}
