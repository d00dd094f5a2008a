namespace Flotilla.Controllers.Dependencies;

/// <summary>Labels of bindings the dependencies distributor creates (Karmada's depended-by label prefix and managed-by value).</summary>
public static class DependencyLabels
{
    /// <summary>Prefix of the label that marks an attached binding as required by an independent binding.</summary>
    public const string DependedByPrefix = "resourcebinding.karmada.io/depended-by-";

    /// <summary>Value of binding.karmada.io/managed-by on attached bindings.</summary>
    public const string ManagedByValue = "dependencies-distributor";
}
