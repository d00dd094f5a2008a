using System.Globalization;
using System.Text.Json.Nodes;
using Flotilla.Core;
using Flotilla.Core.Karmada;

namespace Flotilla.Controllers.Interpreter;

/// <summary>
/// Builds the Work for one target cluster from the already revised and overridden template, adding the metadata
/// Karmada puts on propagated objects (binding ensureWork + ctrlutil.CreateOrUpdateWork), in Karmada's order:
/// binding permanent-id label; template generation, binding namespace/name annotations; karmada.io/managed label;
/// template uid, Work name/namespace and conflict-resolution annotations; pruning; then the managed-annotations list,
/// the Work permanent-id label and the managed-labels list (both sorted, comma-separated).
/// </summary>
public static class WorkManifestBuilder
{
    /// <summary>Labels Karmada adds to member objects (removed when resources are preserved on deletion).</summary>
    public static readonly IReadOnlyList<string> ManagedResourceLabels =
    [
        WellKnownLabels.ResourceBindingPermanentId, WellKnownLabels.ClusterResourceBindingPermanentId,
        WellKnownLabels.WorkPermanentId, WellKnownLabels.Managed,
    ];

    /// <summary>Annotations Karmada adds to member objects (removed when resources are preserved on deletion).</summary>
    public static readonly IReadOnlyList<string> ManagedResourceAnnotations =
    [
        WellKnownAnnotations.ManagedAnnotations, WellKnownAnnotations.ManagedLabels,
        WellKnownAnnotations.ResourceBindingNamespace, WellKnownAnnotations.ResourceBindingName,
        WellKnownAnnotations.ClusterResourceBindingName, WellKnownAnnotations.ResourceTemplateUid,
        WellKnownAnnotations.ResourceTemplateGeneration, WellKnownAnnotations.WorkName, WellKnownAnnotations.WorkNamespace,
    ];

    public static WorkManifest Build(JsonObject overridden, WorkManifestContext context, IResourceInterpreter? interpreter = null)
    {
        var m = overridden.DeepCloneObject();
        var workName = Names.WorkName(m.Kind() ?? "", m.Name() ?? "", m.Namespace());
        var workNamespace = Names.ExecutionSpace(context.ClusterName);

        // Binding controller: labels and annotations tying the object to its binding.
        var (idLabel, id) = context.IsClusterScopedBinding
            ? (WellKnownLabels.ClusterResourceBindingPermanentId, context.BindingPermanentId ?? "")
            : (WellKnownLabels.ResourceBindingPermanentId, context.BindingPermanentId ?? "");
        var workLabels = new Dictionary<string, string>(StringComparer.Ordinal) { [idLabel] = id };
        m.SetLabel(idLabel, id);

        var generation = m.Generation();
        if (generation > 0) m.SetAnnotation(WellKnownAnnotations.ResourceTemplateGeneration, generation.ToString(CultureInfo.InvariantCulture));
        var workAnnotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.IsClusterScopedBinding)
        {
            workAnnotations[WellKnownAnnotations.ClusterResourceBindingName] = context.BindingName;
        }
        else
        {
            workAnnotations[WellKnownAnnotations.ResourceBindingNamespace] = context.BindingNamespace!;
            workAnnotations[WellKnownAnnotations.ResourceBindingName] = context.BindingName;
        }
        foreach (var (k, v) in workAnnotations) m.SetAnnotation(k, v);

        workAnnotations[WellKnownAnnotations.ConflictResolution] = ConflictResolution(m, context.ConflictResolution);
        if (context.AppliedClusterOverrides is { } aco) workAnnotations[WellKnownAnnotations.AppliedClusterOverrides] = aco;
        if (context.AppliedOverrides is { } ao) workAnnotations[WellKnownAnnotations.AppliedOverrides] = ao;

        // CreateOrUpdateWork: managed marker, template uid, Work coordinates, conflict resolution.
        m.SetLabel(WellKnownLabels.Managed, WorkAnnotationValues.ManagedTrue);
        m.SetAnnotation(WellKnownAnnotations.ResourceTemplateUid, m.Uid() ?? "");
        m.SetAnnotation(WellKnownAnnotations.WorkName, workName);
        m.SetAnnotation(WellKnownAnnotations.WorkNamespace, workNamespace);
        m.SetAnnotation(WellKnownAnnotations.ConflictResolution, workAnnotations[WellKnownAnnotations.ConflictResolution]);

        m = interpreter?.Prune(m) ?? NativePruner.Prune(m);

        RecordManagedAnnotations(m);
        if (!string.IsNullOrEmpty(context.WorkPermanentId)) m.SetLabel(WellKnownLabels.WorkPermanentId, context.WorkPermanentId);
        RecordManagedLabels(m);

        return new WorkManifest(workName, workNamespace, m, workLabels, workAnnotations);
    }

    /// <summary>The template's own work.karmada.io/conflict-resolution (overwrite|abort) wins; else the binding's policy value.</summary>
    public static string ConflictResolution(JsonObject template, string? bindingConflictResolution)
    {
        var fromTemplate = template.Annotation(WellKnownAnnotations.ConflictResolution);
        if (fromTemplate is WorkAnnotationValues.ConflictOverwrite or WorkAnnotationValues.ConflictAbort) return fromTemplate;
        return bindingConflictResolution == WorkAnnotationValues.PolicyConflictOverwrite
            ? WorkAnnotationValues.ConflictOverwrite
            : WorkAnnotationValues.ConflictAbort;
    }

    /// <summary>resourcetemplate.karmada.io/managed-annotations: every annotation key plus the two bookkeeping keys, sorted.</summary>
    public static void RecordManagedAnnotations(JsonObject o)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal) { WellKnownAnnotations.ManagedAnnotations, WellKnownAnnotations.ManagedLabels };
        foreach (var k in o.Annotations().Keys) keys.Add(k);
        o.SetAnnotation(WellKnownAnnotations.ManagedAnnotations, string.Join(",", keys));
    }

    /// <summary>resourcetemplate.karmada.io/managed-labels: every label key, sorted.</summary>
    public static void RecordManagedLabels(JsonObject o)
    {
        var keys = o.Labels().Keys.OrderBy(k => k, StringComparer.Ordinal);
        o.SetAnnotation(WellKnownAnnotations.ManagedLabels, string.Join(",", keys));
    }

    /// <summary>A copy of a member object without Karmada's labels and annotations (preserveResourcesOnDeletion), and,
    /// as Karmada's execution controller does, without the policy claim metadata: PropagationPolicy claims on
    /// namespaced objects, ClusterPropagationPolicy claims on cluster-scoped ones.</summary>
    public static JsonObject StripKarmadaMetadata(JsonObject memberObject)
    {
        var o = memberObject.DeepCloneObject();
        foreach (var l in ManagedResourceLabels) o.SetLabel(l, null);
        foreach (var a in ManagedResourceAnnotations) o.SetAnnotation(a, null);
        if (string.IsNullOrEmpty(o.Namespace()))
        {
            o.SetLabel(WellKnownLabels.ClusterPropagationPolicyPermanentId, null);
            o.SetAnnotation(WellKnownAnnotations.ClusterPropagationPolicyName, null);
        }
        else
        {
            o.SetLabel(WellKnownLabels.PropagationPolicyPermanentId, null);
            o.SetAnnotation(WellKnownAnnotations.PropagationPolicyNamespace, null);
            o.SetAnnotation(WellKnownAnnotations.PropagationPolicyName, null);
        }
        return o;
    }
}
