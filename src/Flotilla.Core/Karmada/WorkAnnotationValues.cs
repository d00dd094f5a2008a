namespace Flotilla.Core.Karmada;

/// <summary>Label and annotation values Karmada writes on Works and propagated objects.</summary>
public static class WorkAnnotationValues
{
    /// <summary>Value of karmada.io/managed on propagated objects.</summary>
    public const string ManagedTrue = "true";

    /// <summary>Values of work.karmada.io/conflict-resolution.</summary>
    public const string ConflictOverwrite = "overwrite";
    public const string ConflictAbort = "abort";

    /// <summary>Values of policy conflictResolution (binding.spec.conflictResolution).</summary>
    public const string PolicyConflictOverwrite = "Overwrite";
    public const string PolicyConflictAbort = "Abort";

    /// <summary>Value of resourcetemplate.karmada.io/retain-replicas that makes members keep their replicas.</summary>
    public const string RetainReplicasTrue = "true";
}
